using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>
/// Statistics for the planner on a table that has none yet. A new database's <c>articles</c> has
/// none until autovacuum first analyzes it, which its launcher may leave for a minute or more of a
/// first ingest; until then the planner takes the published first copies for about two rows and
/// answers the list heads' statements (<c>story_id = ANY(…)</c>) by scanning a whole listing index,
/// every batch: 8 s of a 100,000-item ingest each (docs/performance.md). Once analyzed, however
/// small the table was then, the planner scales the estimates with the table's size, and
/// autovacuum analyzes again as it grows.
/// </summary>
public static class PlannerStatistics
{
    /// <summary>Analyzes <c>articles</c> when it has never been analyzed; returns whether it did.</summary>
    public static async Task<bool> EnsureArticlesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // reltuples is -1 until the first VACUUM or ANALYZE (PostgreSQL 14 and later).
        var never = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT reltuples < 0 FROM pg_class WHERE oid = 'articles'::regclass", cancellationToken: ct));
        if (!never) return false;
        await connection.ExecuteAsync(new CommandDefinition("ANALYZE articles", commandTimeout: 0, cancellationToken: ct));
        return true;
    }
}
