using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

public sealed record WatchedInput(string Path, long Size, DateTimeOffset ModifiedAt);

/// <summary>What a watch loop has already handled: a file counts as handled for one size and modification time.</summary>
public sealed class WatchedInputStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyDictionary<string, WatchedInput>> UnderAsync(string folder, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<WatchedInput>(new CommandDefinition(
            "SELECT path, size, modified_at FROM watched_inputs WHERE starts_with(path, @Prefix)",
            new { Prefix = folder.TrimEnd('/') + "/" }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Path);
    }

    public async Task MarkHandledAsync(IReadOnlyList<WatchedInput> inputs, CancellationToken ct)
    {
        if (inputs.Count == 0) return;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO watched_inputs (path, size, modified_at)
            SELECT * FROM unnest(@Paths, @Sizes, @Times)
            ON CONFLICT (path) DO UPDATE SET size = EXCLUDED.size, modified_at = EXCLUDED.modified_at, handled_at = now()
            """, new
        {
            Paths = inputs.Select(i => i.Path).ToArray(),
            Sizes = inputs.Select(i => i.Size).ToArray(),
            Times = inputs.Select(i => i.ModifiedAt.UtcDateTime).ToArray(),
        }, cancellationToken: ct));
    }
}
