using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>Named secrets shared by every node (<c>site_secrets</c>, migration 0017).</summary>
public sealed class SiteSecretStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The secret called <paramref name="name"/>; when there is none yet, <paramref name="candidate"/>
    /// is stored and returned. Two nodes starting together both get the one that was stored first.
    /// </summary>
    public async Task<byte[]> GetOrCreateAsync(string name, byte[] candidate, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // Two statements: under READ COMMITTED the SELECT takes a new snapshot, so it sees the row a
        // concurrent node committed while this INSERT waited on it and then did nothing.
        return await connection.QuerySingleAsync<byte[]>(new CommandDefinition("""
            INSERT INTO site_secrets (name, value) VALUES (@Name, @Value) ON CONFLICT (name) DO NOTHING;
            SELECT value FROM site_secrets WHERE name = @Name;
            """, new { Name = name, Value = candidate }, cancellationToken: ct));
    }
}
