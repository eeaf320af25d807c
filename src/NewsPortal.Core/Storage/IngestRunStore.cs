using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

public sealed record IngestCounts(int Read, int New, int Updated, int Unchanged, int Failed)
{
    public override string ToString() => $"read {Read}, new {New}, updated {Updated}, unchanged {Unchanged}, failed {Failed}";
}

/// <summary>
/// The record of ingest runs and of every input that failed, kept with its raw bytes. A run holds the
/// host and process that run it and a heartbeat its batches move; a run whose process is gone is
/// closed as <c>abandoned</c> by the next run to start.
/// </summary>
public sealed class IngestRunStore(NpgsqlDataSource dataSource)
{
    /// <summary>An open run whose heartbeat is older than this is taken as abandoned, from any host.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>Opens a run for this process, after closing the runs left open by processes that are gone.</summary>
    public async Task<long> StartAsync(string command, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await CloseAbandonedAsync(connection, ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO ingest_runs (command, host, pid, heartbeat_at) VALUES (@Command, @Host, @Pid, now()) RETURNING id
            """, new { Command = command, Host = Environment.MachineName, Pid = Environment.ProcessId }, cancellationToken: ct));
    }

    /// <summary>
    /// Closes the open runs whose process is gone: on this host, a pid that no longer runs (or now
    /// names a process started after the run); anywhere, a heartbeat older than <see cref="StaleAfter"/>.
    /// Returns how many were closed.
    /// </summary>
    public async Task<int> CloseAbandonedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var open = await connection.QueryAsync<(long Id, string? Host, int? Pid, DateTimeOffset StartedAt, DateTimeOffset Heartbeat, bool Stale)>(new CommandDefinition("""
            SELECT id, host, pid, started_at, COALESCE(heartbeat_at, started_at), COALESCE(heartbeat_at, started_at) < now() - @StaleAfter
            FROM ingest_runs WHERE finished_at IS NULL
            """, new { StaleAfter }, cancellationToken: ct));
        var closed = new List<(long Id, string Reason)>();
        foreach (var run in open)
        {
            var who = run.Pid is { } p ? $"process {p} on {run.Host}" : "a process that did not say which";
            if (run.Host == Environment.MachineName && run.Pid is { } pid && pid != Environment.ProcessId && !IsRunning(pid, run.StartedAt))
                closed.Add((run.Id, $"{who} is gone"));
            else if (run.Stale)
                closed.Add((run.Id, $"no heartbeat from {who} since {run.Heartbeat.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"));
        }
        if (closed.Count == 0) return 0;
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE ingest_runs r SET finished_at = now(), status = 'abandoned', end_reason = c.reason
            FROM unnest(@Ids, @Reasons) AS c(id, reason)
            WHERE r.id = c.id AND r.finished_at IS NULL
            """, new { Ids = closed.Select(c => c.Id).ToArray(), Reasons = closed.Select(c => c.Reason).ToArray() }, cancellationToken: ct));
    }

    // A pid the system has reused since the run started names a process that started after it
    // (a minute's leeway for the database's clock against this host's).
    private static bool IsRunning(int pid, DateTimeOffset runStartedAt)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited && process.StartTime.ToUniversalTime() <= runStartedAt.UtcDateTime.AddMinutes(1);
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return true; // cannot tell: the heartbeat decides
        }
    }

    /// <summary>Moves the run's heartbeat, in the caller's transaction (the writer's batch).</summary>
    public static Task HeartbeatAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, long runId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ingest_runs SET heartbeat_at = now() WHERE id = @RunId", new { RunId = runId }, tx, cancellationToken: ct));

    public async Task FinishAsync(long runId, IngestCounts counts, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE ingest_runs SET finished_at = now(), status = 'finished', end_reason = NULL, heartbeat_at = now(),
                read_count = @Read, new_count = @New, updated_count = @Updated, unchanged_count = @Unchanged, failed_count = @Failed
            WHERE id = @RunId
            """, new { RunId = runId, counts.Read, counts.New, counts.Updated, counts.Unchanged, counts.Failed }, cancellationToken: ct));
    }

    /// <summary>Closes a run that ended on an error or a stop, with what it had counted and why.</summary>
    public async Task InterruptAsync(long runId, IngestCounts counts, string reason, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE ingest_runs SET finished_at = now(), status = 'interrupted', end_reason = @Reason,
                read_count = @Read, new_count = @New, updated_count = @Updated, unchanged_count = @Unchanged, failed_count = @Failed
            WHERE id = @RunId AND finished_at IS NULL
            """, new { RunId = runId, Reason = reason, counts.Read, counts.New, counts.Updated, counts.Unchanged, counts.Failed }, cancellationToken: ct));
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
