using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>An article on a most-read list, with its views in the period.</summary>
public sealed record PopularArticle(long Id, string Title, long? SourceId, string? SourceName, DateTimeOffset ListedAt, long Views);

/// <summary>Page views per article and hour (<c>article_views</c>), added in batches by the web nodes.</summary>
public sealed class ArticleViewStore(NpgsqlDataSource dataSource)
{
    /// <summary>Adds views counted in the hour starting at <paramref name="hour"/>; an article gone meanwhile is skipped.</summary>
    public async Task AddAsync(DateTimeOffset hour, IReadOnlyDictionary<long, int> views, CancellationToken ct)
    {
        if (views.Count == 0) return;
        // In id order, so that two nodes adding at once lock rows in one order.
        var ids = views.Keys.Order().ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO article_views AS v (article_id, hour, views)
            SELECT u.id, @Hour, u.views FROM unnest(@Ids, @Views) AS u(id, views)
            WHERE EXISTS (SELECT 1 FROM articles a WHERE a.id = u.id)
            ORDER BY u.id
            ON CONFLICT (article_id, hour) DO UPDATE SET views = v.views + EXCLUDED.views
            """, new { Hour = hour.ToUniversalTime(), Ids = ids, Views = ids.Select(i => views[i]).ToArray() }, cancellationToken: ct));
    }

    /// <summary>The most-read published first copies of the hours since <paramref name="since"/>, most views first.</summary>
    public async Task<IReadOnlyList<PopularArticle>> MostReadAsync(DateTimeOffset since, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<PopularArticle>(new CommandDefinition("""
            SELECT a.id, a.title, a.source_id, s.name AS source_name, a.listed_at, v.views
            FROM (SELECT article_id, sum(views) AS views FROM article_views WHERE hour >= @Since GROUP BY article_id) v
            JOIN articles a ON a.id = v.article_id
            LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.status = 'published' AND a.duplicate_of IS NULL
            ORDER BY v.views DESC, a.listed_at DESC, a.id DESC
            LIMIT @Limit
            """, new { Since = since.ToUniversalTime(), Limit = limit }, cancellationToken: ct))];
    }
}
