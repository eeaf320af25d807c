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

    public async Task RecordFailureAsync(long runId, string path, string reason, byte[] raw, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO failed_inputs (ingest_run_id, path, reason, raw, raw_sha256)
            VALUES (@RunId, @Path, @Reason, @Raw, encode(sha256(@Raw), 'hex'))
            """, new { RunId = runId, Path = path, Reason = reason, Raw = raw }, cancellationToken: ct));
    }

    /// <summary>A later successful ingest of the same bytes settles the earlier failures of that input.</summary>
    public async Task ResolveFailuresAsync(NpgsqlConnection connection, string path, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE failed_inputs SET resolved_at = now() WHERE path = @Path AND resolved_at IS NULL", new { Path = path }, cancellationToken: ct));
}
