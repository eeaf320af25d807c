using Dapper;
using Npgsql;

namespace NewsPortal.Core.Stories;

/// <summary>
/// Related coverage between stories (<c>story_relations</c>, both directions, the best score
/// kept): written when an article placed in one story also scored above
/// <see cref="StorySettings.RelatedThreshold"/> against another, moved along when stories merge.
/// </summary>
internal static class StoryRelations
{
    public static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<(long A, long B, double Score)> relations, CancellationToken ct)
    {
        var pairs = relations.Where(r => r.A != r.B)
            .SelectMany(r => new[] { (r.A, r.B, r.Score), (A: r.B, B: r.A, r.Score) })
            .GroupBy(r => (r.A, r.B)).Select(g => (g.Key.A, g.Key.B, Score: g.Max(r => r.Score)))
            .OrderBy(r => r.A).ThenBy(r => r.B).ToList();
        if (pairs.Count == 0) return;
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO story_relations AS r (story_id, related_story_id, score)
            SELECT * FROM unnest(@A, @B, @Scores)
            ON CONFLICT (story_id, related_story_id) DO UPDATE SET score = greatest(r.score, EXCLUDED.score)
            """, new { A = pairs.Select(p => p.A).ToArray(), B = pairs.Select(p => p.B).ToArray(), Scores = pairs.Select(p => (float)p.Score).ToArray() },
            tx, cancellationToken: ct));
    }

    /// <summary>The relations of a story merged away become the survivor's (none to itself).</summary>
    public static Task MoveAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long gone, long keep, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO story_relations AS r (story_id, related_story_id, score)
            SELECT @Keep, related_story_id, score FROM story_relations WHERE story_id = @Gone AND related_story_id <> @Keep
            UNION ALL
            SELECT story_id, @Keep, score FROM story_relations WHERE related_story_id = @Gone AND story_id <> @Keep
            ORDER BY 1, 2
            ON CONFLICT (story_id, related_story_id) DO UPDATE SET score = greatest(r.score, EXCLUDED.score);
            DELETE FROM story_relations WHERE story_id = @Gone OR related_story_id = @Gone;
            """, new { Gone = gone, Keep = keep }, tx, cancellationToken: ct));
}
