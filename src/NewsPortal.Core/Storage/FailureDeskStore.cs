using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>
/// The failed inputs as the desk sees them, and a retry request: the web nodes do not read the
/// ingestion folders, so a retry is made by the next <c>ingest --retry-failed</c>, which takes every
/// open, retriable failure that is not dismissed. Dismissing goes through <see cref="IngestRunStore.DismissAsync"/>.
/// </summary>
public sealed class FailureDeskStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<FailureRow>> ListAsync(bool includeDismissed, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<FailureRow>(new CommandDefinition("""
            SELECT id, failed_at, path, reason, retriable, input_size, dismissed_at, retry_requested_at FROM failed_inputs
            WHERE resolved_at IS NULL AND (@IncludeDismissed OR dismissed_at IS NULL)
            ORDER BY failed_at DESC, id DESC
            LIMIT 500
            """, new { IncludeDismissed = includeDismissed }, cancellationToken: ct))];
    }

    /// <summary>
    /// Puts an open, retriable failure (dismissed or not) back in line for the next retry run.
    /// False for one no retry can settle (an empty input), or no open failure of that id.
    /// </summary>
    public async Task<bool> RequestRetryAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE failed_inputs SET dismissed_at = NULL, retry_requested_at = now()
            WHERE id = @Id AND resolved_at IS NULL AND retriable
            """, new { Id = id }, cancellationToken: ct)) > 0;
    }
}
