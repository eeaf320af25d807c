using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

public sealed record SourceRow(long Id, string Name, string? Host, string? HomepageUrl);

public sealed class SourceStore(NpgsqlDataSource dataSource)
{
    /// <summary>The id of the outlet with this host (or, without a host, this name), created on first sight.</summary>
    public async Task<long> GetOrCreateAsync(NpgsqlConnection connection, string name, string? host, CancellationToken ct)
    {
        // The no-op update makes RETURNING yield the existing row's id as well as a new one's.
        var sql = host is null
            ? """
              INSERT INTO sources (name) VALUES (@Name)
              ON CONFLICT (name) WHERE host IS NULL DO UPDATE SET name = EXCLUDED.name
              RETURNING id
              """
            : """
              INSERT INTO sources (name, host, homepage_url) VALUES (@Name, @Host, 'https://' || @Host || '/')
              ON CONFLICT (host) DO UPDATE SET name = EXCLUDED.name
              RETURNING id
              """;
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { Name = name, Host = host }, cancellationToken: ct));
    }

    public async Task<SourceRow?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition(
            "SELECT id, name, host, homepage_url FROM sources WHERE id = @Id", new { Id = id }, cancellationToken: ct));
    }
}
