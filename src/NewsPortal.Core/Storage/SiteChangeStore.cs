using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>The site's change stamp: a number that moves, with the time, whenever reader-visible data changes.</summary>
public sealed record SiteChange(long Stamp, DateTimeOffset ChangedAt);

/// <summary>
/// Reads <c>site_changes</c>, which triggers on the tables reader pages are built from move with
/// every write (migration 0015); nothing needs to call anything when it writes.
/// </summary>
public sealed class SiteChangeStore(NpgsqlDataSource dataSource)
{
    public async Task<SiteChange> ReadAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<SiteChange>(new CommandDefinition(
            "SELECT stamp, changed_at AS ChangedAt FROM site_changes WHERE id = 1", cancellationToken: ct));
    }
}
