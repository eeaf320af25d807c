using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

public sealed record SourceRow(long Id, string Name, string? Host, string? HomepageUrl);

/// <summary>An outlet in the directory: how many published first copies it has, and its newest.</summary>
public sealed record OutletListing(long Id, string Name, string? Host, long Articles, long LatestId, string LatestTitle, DateTimeOffset LatestAt);

public sealed class SourceStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The ids of these outlets, each found by its host (or, without a host, by its name) and
    /// created on first sight; two statements for any number of outlets. A host seen with several
    /// names keeps the last one, as storing them one after another would.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string Name, string? Host), long>> GetOrCreateAsync(
        NpgsqlConnection connection, IReadOnlyList<(string Name, string? Host)> outlets, CancellationToken ct)
    {
        var lastNameOfHost = new Dictionary<string, string>();
        foreach (var (name, host) in outlets)
            if (host is not null) lastNameOfHost[host] = name;
        // Sorted, so that two writers creating the same outlets lock them in one order.
        var hosts = lastNameOfHost.Keys.Order(StringComparer.Ordinal).ToArray();
        var names = outlets.Where(o => o.Host is null).Select(o => o.Name).Distinct().Order(StringComparer.Ordinal).ToArray();
        // Outlets already stored as asked are read, not written: a write to sources moves the site's
        // change stamp (migration 0015), and a re-run that stores nothing must leave it alone.
        var byHost = hosts.Length == 0 ? new Dictionary<string, long>() : (await connection.QueryAsync<(string Host, long Id, string Name)>(new CommandDefinition(
            "SELECT host, id, name FROM sources WHERE host = ANY(@Hosts)", new { Hosts = hosts }, cancellationToken: ct)))
            .Where(r => r.Name == lastNameOfHost[r.Host]).ToDictionary(r => r.Host, r => r.Id);
        var byName = names.Length == 0 ? new Dictionary<string, long>() : (await connection.QueryAsync<(string Name, long Id)>(new CommandDefinition(
            "SELECT name, id FROM sources WHERE host IS NULL AND name = ANY(@Names)", new { Names = names }, cancellationToken: ct)))
            .ToDictionary(r => r.Name, r => r.Id);
        var newHosts = hosts.Where(h => !byHost.ContainsKey(h)).ToArray();
        var newNames = names.Where(n => !byName.ContainsKey(n)).ToArray();
        // The no-op update makes RETURNING yield the existing rows' ids as well as new ones'.
        if (newHosts.Length > 0)
            foreach (var (host, id) in await connection.QueryAsync<(string Host, long Id)>(new CommandDefinition("""
                INSERT INTO sources (name, host, homepage_url)
                SELECT name, host, 'https://' || host || '/' FROM unnest(@Names, @Hosts) AS o(name, host)
                ON CONFLICT (host) DO UPDATE SET name = EXCLUDED.name
                RETURNING host, id
                """, new { Names = newHosts.Select(h => lastNameOfHost[h]).ToArray(), Hosts = newHosts }, cancellationToken: ct)))
                byHost[host] = id;
        if (newNames.Length > 0)
            foreach (var (name, id) in await connection.QueryAsync<(string Name, long Id)>(new CommandDefinition("""
                INSERT INTO sources (name) SELECT unnest(@Names)
                ON CONFLICT (name) WHERE host IS NULL DO UPDATE SET name = EXCLUDED.name
                RETURNING name, id
                """, new { Names = newNames }, cancellationToken: ct)))
                byName[name] = id;
        var ids = new Dictionary<(string Name, string? Host), long>();
        foreach (var outlet in outlets)
            ids[outlet] = outlet.Host is { } host ? byHost[host] : byName[outlet.Name];
        return ids;
    }

    /// <summary>
    /// Every outlet with published articles, most articles first. The counts are one pass over the
    /// articles (about 150 ms at 1,000,000): callers keep the result a while.
    /// </summary>
    public async Task<IReadOnlyList<OutletListing>> DirectoryAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<OutletListing>(new CommandDefinition("""
            WITH counts AS (
                SELECT source_id, count(*) AS articles FROM articles
                WHERE status = 'published' AND duplicate_of IS NULL AND source_id IS NOT NULL
                GROUP BY source_id)
            SELECT s.id, s.name, s.host, c.articles, l.id AS latest_id, l.title AS latest_title, l.listed_at AS latest_at
            FROM counts c JOIN sources s ON s.id = c.source_id
            CROSS JOIN LATERAL (
                SELECT a.id, a.title, a.listed_at FROM articles a
                WHERE a.source_id = s.id AND a.status = 'published' AND a.duplicate_of IS NULL
                ORDER BY a.listed_at DESC, a.id DESC LIMIT 1) l
            ORDER BY c.articles DESC, s.name, s.id
            """, cancellationToken: ct))];
    }

    public async Task<SourceRow?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition(
            "SELECT id, name, host, homepage_url FROM sources WHERE id = @Id", new { Id = id }, cancellationToken: ct));
    }
}
