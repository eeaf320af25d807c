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
    /// the open record (reason, time, run) instead of piling up copies; a dismissed record stays dismissed.
    /// </summary>
    public Task RecordFailureAsync(long runId, string path, string reason, byte[] raw, CancellationToken ct) =>
        RecordFailureAsync(runId, path, reason, raw, null, ct);

    /// <param name="charset">The charset the transport declared for the bytes (HTTP Content-Type), kept for a retry.</param>
    /// <param name="retriable">False when no retry can succeed (an empty input); such a failure is not retried.</param>
    /// <param name="inputSize">The size of an input refused unread (no <paramref name="raw"/> bytes): a retry reads it again.</param>
    public async Task RecordFailureAsync(long runId, string path, string reason, byte[] raw, string? charset, CancellationToken ct,
        bool retriable = true, long? inputSize = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            WITH updated AS (
                UPDATE failed_inputs SET ingest_run_id = @RunId, reason = @Reason, failed_at = now(), charset = @Charset,
                    retriable = @Retriable, input_size = @InputSize, raw = @Raw, raw_sha256 = encode(sha256(@Raw), 'hex')
                WHERE path = @Path AND resolved_at IS NULL
                    -- A record without bytes (the input was refused unread) takes the bytes read since.
                    AND (raw_sha256 = encode(sha256(@Raw), 'hex') OR length(raw) = 0)
                RETURNING id
            )
            INSERT INTO failed_inputs (ingest_run_id, path, reason, raw, raw_sha256, charset, retriable, input_size)
            SELECT @RunId, @Path, @Reason, @Raw, encode(sha256(@Raw), 'hex'), @Charset, @Retriable, @InputSize
            WHERE NOT EXISTS (SELECT 1 FROM updated)
            """, new { RunId = runId, Path = path, Reason = reason, Raw = raw, Charset = charset, Retriable = retriable, InputSize = inputSize },
            cancellationToken: ct));
    }

    public sealed record FailedInput(long Id, string Path, byte[] Raw, string? Charset);

    /// <summary>
    /// Unresolved failures a retry can do something for: not dismissed, not marked unretriable. One
    /// without bytes (refused unread) is read again from its path by the caller.
    /// </summary>
    public async Task<IReadOnlyList<FailedInput>> UnresolvedAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<FailedInput>(new CommandDefinition("""
            SELECT id, path, raw, charset FROM failed_inputs
            WHERE resolved_at IS NULL AND dismissed_at IS NULL AND retriable
            ORDER BY id
            """, cancellationToken: ct))];
    }

    /// <summary>Unresolved failures, newest first; dismissed ones only when asked for.</summary>
    public async Task<IReadOnlyList<FailedInputListing>> ListAsync(bool includeDismissed, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<FailedInputListing>(new CommandDefinition("""
            SELECT id, failed_at, path, reason, retriable, input_size, dismissed_at FROM failed_inputs
            WHERE resolved_at IS NULL AND (@IncludeDismissed OR dismissed_at IS NULL)
            ORDER BY failed_at DESC, id DESC
            """, new { IncludeDismissed = includeDismissed }, cancellationToken: ct))];
    }

    /// <summary>Dismisses these open failures; returns the ids that were open and are now dismissed.</summary>
    public async Task<IReadOnlyList<long>> DismissAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<long>(new CommandDefinition("""
            UPDATE failed_inputs SET dismissed_at = now()
            WHERE id = ANY(@Ids) AND resolved_at IS NULL AND dismissed_at IS NULL
            RETURNING id
            """, new { Ids = ids.ToArray() }, cancellationToken: ct))];
    }

    /// <summary>Dismisses every open failure that no retry can settle; returns how many.</summary>
    public async Task<int> DismissNotRetriableAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE failed_inputs SET dismissed_at = now() WHERE NOT retriable AND resolved_at IS NULL AND dismissed_at IS NULL",
            cancellationToken: ct));
    }

    /// <summary>A later successful ingest of the same inputs settles their earlier failures.</summary>
    public async Task ResolveFailuresAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, IReadOnlyCollection<string> paths, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE failed_inputs SET resolved_at = now() WHERE path = ANY(@Paths) AND resolved_at IS NULL",
            new { Paths = paths.ToArray() }, tx, cancellationToken: ct));
}
