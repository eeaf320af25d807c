using Dapper;
using Npgsql;

namespace NewsPortal.Core.Stories;

/// <summary>
/// How alike articles are (<c>article_likeness</c>, one row per pair, read from both sides): written
/// when an article is placed, for its most alike candidates (<see cref="StoryChoice.Alike"/>). The
/// sidebar lists an article's most alike accounts first from it.
/// </summary>
internal static class StoryLikeness
{
    /// <summary>
    /// Forgets what was recorded for <paramref name="replaced"/> (placed again on new terms), then
    /// records <paramref name="pairs"/>.
    /// </summary>
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<long> replaced,
        IReadOnlyList<(long Article, long Other, double Score)> pairs, CancellationToken ct)
    {
        if (replaced.Count > 0)
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM article_likeness WHERE article_id = ANY(@Ids) OR other_id = ANY(@Ids)",
                new { Ids = replaced.ToArray() }, tx, cancellationToken: ct));
        // One row per pair, the larger id first; a pair scored from both sides (two stored articles
        // placed again in one batch) keeps the later score.
        var rows = pairs.Where(p => p.Article != p.Other)
            .Select(p => p.Article < p.Other ? (A: p.Other, B: p.Article, p.Score) : (A: p.Article, B: p.Other, p.Score))
            .GroupBy(p => (p.A, p.B)).Select(g => g.Last()).OrderBy(p => p.A).ThenBy(p => p.B).ToList();
        if (rows.Count == 0) return;
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO article_likeness AS l (article_id, other_id, score)
            SELECT * FROM unnest(@A, @B, @Scores)
            ON CONFLICT (article_id, other_id) DO UPDATE SET score = EXCLUDED.score
            """, new { A = rows.Select(r => r.A).ToArray(), B = rows.Select(r => r.B).ToArray(), Scores = rows.Select(r => (float)r.Score).ToArray() },
            tx, cancellationToken: ct));
    }

    /// <summary>
    /// Records each copy as fully alike (1) to its first copy, unless placement scored the pair (then
    /// the score stands: a copy scored as a near-equal would otherwise push its first copy's other
    /// accounts under the sidebar's cut).
    /// </summary>
    public static async Task CopiesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<(long Copy, long First)> copies, CancellationToken ct)
    {
        if (copies.Count == 0) return;
        var rows = copies.Where(c => c.Copy != c.First).Select(c => (A: Math.Max(c.Copy, c.First), B: Math.Min(c.Copy, c.First)))
            .Distinct().OrderBy(p => p.A).ThenBy(p => p.B).ToList();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO article_likeness AS l (article_id, other_id, score)
            SELECT a, b, 1 FROM unnest(@A, @B) AS p(a, b)
            ON CONFLICT (article_id, other_id) DO NOTHING
            """, new { A = rows.Select(r => r.A).ToArray(), B = rows.Select(r => r.B).ToArray() }, tx, cancellationToken: ct));
    }
}
