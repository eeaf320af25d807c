using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

public sealed record IngestCounts(int Read, int New, int Updated, int Unchanged, int Failed)
{
    public override string ToString() => $"read {Read}, new {New}, updated {Updated}, unchanged {Unchanged}, failed {Failed}";
}

/// <summary>The record of ingest runs and of every input that failed, kept with its raw bytes.</summary>
public sealed class IngestRunStore(NpgsqlDataSource dataSource)
{
    public async Task<long> StartAsync(string command, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO ingest_runs (command) VALUES (@Command) RETURNING id", new { Command = command }, cancellationToken: ct));
    }

    public async Task FinishAsync(long runId, IngestCounts counts, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE ingest_runs SET finished_at = now(), read_count = @Read, new_count = @New, updated_count = @Updated,
                unchanged_count = @Unchanged, failed_count = @Failed
            WHERE id = @RunId
            """, new { RunId = runId, counts.Read, counts.New, counts.Updated, counts.Unchanged, counts.Failed }, cancellationToken: ct));
    }

    /// <summary>
    /// Keeps a failed input with its bytes. The same bytes failing again at the same path update
    /// the open record (reason, time, run) instead of piling up copies.
    /// </summary>
    public Task RecordFailureAsync(long runId, string path, string reason, byte[] raw, CancellationToken ct) =>
        RecordFailureAsync(runId, path, reason, raw, null, ct);

    /// <param name="charset">The charset the transport declared for the bytes (HTTP Content-Type), kept for a retry.</param>
    public async Task RecordFailureAsync(long runId, string path, string reason, byte[] raw, string? charset, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            WITH updated AS (
                UPDATE failed_inputs SET ingest_run_id = @RunId, reason = @Reason, failed_at = now(), charset = @Charset
                WHERE path = @Path AND resolved_at IS NULL AND raw_sha256 = encode(sha256(@Raw), 'hex')
                RETURNING id
            )
            INSERT INTO failed_inputs (ingest_run_id, path, reason, raw, raw_sha256, charset)
            SELECT @RunId, @Path, @Reason, @Raw, encode(sha256(@Raw), 'hex'), @Charset
            WHERE NOT EXISTS (SELECT 1 FROM updated)
            """, new { RunId = runId, Path = path, Reason = reason, Raw = raw, Charset = charset }, cancellationToken: ct));
    }

    public sealed record FailedInput(long Id, string Path, byte[] Raw, string? Charset);

    /// <summary>Unresolved failures whose bytes were kept (an unreadable file has none to retry).</summary>
    public async Task<IReadOnlyList<FailedInput>> UnresolvedAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<FailedInput>(new CommandDefinition("""
            SELECT id, path, raw, charset FROM failed_inputs
            WHERE resolved_at IS NULL AND length(raw) > 0
            ORDER BY id
            """, cancellationToken: ct))];
    }

    /// <summary>A later successful ingest of the same inputs settles their earlier failures.</summary>
    public async Task ResolveFailuresAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, IReadOnlyCollection<string> paths, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE failed_inputs SET resolved_at = now() WHERE path = ANY(@Paths) AND resolved_at IS NULL",
            new { Paths = paths.ToArray() }, tx, cancellationToken: ct));
}
