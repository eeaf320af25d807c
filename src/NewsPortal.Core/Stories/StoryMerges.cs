using Dapper;
using Npgsql;

namespace NewsPortal.Core.Stories;

/// <summary>
/// Merging two stories: the older id survives (links to it stay good), the other's articles move to
/// it, and its row points at the survivor so that its page redirects. Used by ingestion when a late
/// account bridges two stories and by editors.
/// </summary>
internal static class StoryMerges
{
    /// <summary>The story <paramref name="id"/> is now: itself, or the story it was merged into.</summary>
    public static async Task<long> CurrentAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT coalesce(merged_into, id) FROM stories WHERE id = @Id", new { Id = id }, tx, cancellationToken: ct)) ?? id;

    /// <summary>Merges the two stories; returns the stories whose counts changed (the survivor, and the other when distinct).</summary>
    public static async Task<IReadOnlyCollection<long>> MergeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long a, long b, CancellationToken ct)
    {
        a = await CurrentAsync(connection, tx, a, ct);
        b = await CurrentAsync(connection, tx, b, ct);
        if (a == b) return [a];
        var (keep, gone) = a < b ? (a, b) : (b, a);
        // Stories merged into the gone one earlier point straight at the survivor: one hop always suffices.
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE articles SET story_id = @Keep WHERE story_id = @Gone;
            UPDATE stories SET merged_into = @Keep WHERE id = @Gone OR merged_into = @Gone;
            UPDATE stories SET locked = locked OR (SELECT locked FROM stories WHERE id = @Gone) WHERE id = @Keep;
            """, new { Keep = keep, Gone = gone }, tx, cancellationToken: ct));
        await StoryRelations.MoveAsync(connection, tx, gone, keep, ct);
        return [keep, gone];
    }
}
