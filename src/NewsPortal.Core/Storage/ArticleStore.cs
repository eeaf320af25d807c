using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>Articles: reader lists and pages here; ingest upserts in <c>ArticleStore.Upsert.cs</c>.</summary>
public sealed partial class ArticleStore(NpgsqlDataSource dataSource, Stories.StoryAssigner? stories = null)
{
    private const string ListColumns = """
        a.id, a.title, a.summary, a.published_at, a.listed_at, a.source_id, s.name AS source_name, a.status, a.duplicate_of,
        a.story_id, coalesce(st.article_count, 0) AS story_articles, coalesce(st.outlet_count, 0) AS story_outlets,
        a.lead_image_url
        """;
    /// <summary>The columns of <see cref="ArticleDetail"/>, over <c>articles a</c> joined to <c>sources s</c>.</summary>
    internal const string DetailColumns = """
        a.id, a.title, a.summary, a.body_html, a.body_text, a.original_url, a.published_at, a.listed_at,
        a.updated_at, a.republished_at, a.authors, a.language, a.source_id, s.name AS source_name, a.status,
        a.kicker, a.original_outlet, a.responsible_editor, a.tags, a.correction_note, a.corrected_at
        """;
    private const string ListFrom = "articles a LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN stories st ON st.id = a.story_id";

    private readonly Stories.StoryAssigner _stories = stories ?? new(Stories.StorySettings.Default);
    private readonly NearDuplicateStore _nearDuplicates = new(dataSource, stories);

    /// <summary>
    /// Published articles, newest first, without linked copies of an earlier one, one entry per story
    /// (its newest account; of one outlet, that outlet's newest account of it).
    /// </summary>
    public async Task<ArticlePage> ListPublishedAsync(ListCursor? after, int limit, long? sourceId, CancellationToken ct, Articles.Section? section = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // Row comparison (listed_at, id) < (...) matches the index order, so each page is one index range.
        // Two texts, not one with an OR: each must imply its partial index's predicate to use it.
        var scope = sourceId is not null ? "a.source_id = @SourceId AND a.outlet_story_head"
            : section is not null ? "a.story_head AND article_section(a.language) = @Section"
            : "a.story_head";
        var items = (await connection.QueryAsync<ArticleListItem>(new CommandDefinition($"""
            SELECT {ListColumns}
            FROM {ListFrom}
            WHERE a.status = 'published' AND a.duplicate_of IS NULL AND {scope}
              AND (@AfterAt::timestamptz IS NULL OR (a.listed_at, a.id) < (@AfterAt, @AfterId))
            ORDER BY a.listed_at DESC, a.id DESC
            LIMIT @Limit
            """, new { SourceId = sourceId, Section = (short)(section ?? 0), AfterAt = after?.ListedAt, AfterId = after?.Id ?? 0, Limit = limit + 1 }, cancellationToken: ct))).ToList();
        return ToPage(items, limit);
    }

    /// <summary>Published first copies carrying <paramref name="tag"/> (as their feed spelled it), newest first: a tag page.</summary>
    public async Task<ArticlePage> ListTaggedAsync(string tag, ListCursor? after, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var items = (await connection.QueryAsync<ArticleListItem>(new CommandDefinition($"""
            SELECT {ListColumns}
            FROM {ListFrom}
            WHERE a.status = 'published' AND a.duplicate_of IS NULL AND a.tags @> ARRAY[@Tag]::text[]
              AND (@AfterAt::timestamptz IS NULL OR (a.listed_at, a.id) < (@AfterAt, @AfterId))
            ORDER BY a.listed_at DESC, a.id DESC
            LIMIT @Limit
            """, new { Tag = tag, AfterAt = after?.ListedAt, AfterId = after?.Id ?? 0, Limit = limit + 1 }, cancellationToken: ct))).ToList();
        return ToPage(items, limit);
    }

    /// <summary>
    /// As the front page, of articles listed in [<paramref name="since"/>, <paramref name="until"/>):
    /// a day of the archive. Both bounds are always set, so a page is one bounded range of the listing
    /// index however old the day (a prepared plan cannot drop an optional bound).
    /// </summary>
    public async Task<ArticlePage> ListPublishedBetweenAsync(DateTimeOffset since, DateTimeOffset until, ListCursor? after, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var upper = after is { } cursor && cursor.ListedAt < until ? cursor : new ListCursor(until, 0);
        var items = (await connection.QueryAsync<ArticleListItem>(new CommandDefinition($"""
            SELECT {ListColumns}
            FROM {ListFrom}
            WHERE a.status = 'published' AND a.duplicate_of IS NULL AND a.story_head
              AND (a.listed_at, a.id) < (@UpperAt, @UpperId) AND a.listed_at >= @Since
            ORDER BY a.listed_at DESC, a.id DESC
            LIMIT @Limit
            """, new { UpperAt = upper.ListedAt, UpperId = upper.Id, Since = since, Limit = limit + 1 }, cancellationToken: ct))).ToList();
        return ToPage(items, limit);
    }

    /// <summary>
    /// When the nearest listed articles around a span were listed: the newest before
    /// <paramref name="since"/> and the oldest from <paramref name="until"/> on (null where there is
    /// none), so the archive's day links skip the days nothing was listed on. Two probes of the listing index.
    /// </summary>
    public async Task<(DateTimeOffset? Before, DateTimeOffset? After)> ListedAroundAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<(DateTimeOffset?, DateTimeOffset?)>(new CommandDefinition("""
            SELECT (SELECT a.listed_at FROM articles a
                    WHERE a.status = 'published' AND a.duplicate_of IS NULL AND a.story_head AND a.listed_at < @Since
                    ORDER BY a.listed_at DESC, a.id DESC LIMIT 1),
                   (SELECT a.listed_at FROM articles a
                    WHERE a.status = 'published' AND a.duplicate_of IS NULL AND a.story_head AND a.listed_at >= @Until
                    ORDER BY a.listed_at, a.id LIMIT 1)
            """, new { Since = since, Until = until }, cancellationToken: ct));
    }

    /// <summary>Every article whatever its status, for editors, most recently listed first.</summary>
    public async Task<ArticlePage> ListAllAsync(ListCursor? after, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var items = (await connection.QueryAsync<ArticleListItem>(new CommandDefinition($"""
            SELECT {ListColumns}
            FROM {ListFrom}
            WHERE (@AfterAt::timestamptz IS NULL OR (a.listed_at, a.id) < (@AfterAt, @AfterId))
            ORDER BY a.listed_at DESC, a.id DESC
            LIMIT @Limit
            """, new { AfterAt = after?.ListedAt, AfterId = after?.Id ?? 0, Limit = limit + 1 }, cancellationToken: ct))).ToList();
        return ToPage(items, limit);
    }

    private static ArticlePage ToPage(List<ArticleListItem> items, int limit) =>
        items.Count > limit ? new ArticlePage(items[..limit], items[limit - 1].Cursor) : new ArticlePage(items, null);

    /// <summary>One article with its images; unpublished ones only when <paramref name="includeUnpublished"/>.</summary>
    public async Task<ArticleDetail?> GetAsync(long id, bool includeUnpublished, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        using var multi = await connection.QueryMultipleAsync(new CommandDefinition(
            DetailSql, new { Id = id, IncludeUnpublished = includeUnpublished }, cancellationToken: ct));
        return await ReadDetailAsync(multi);
    }

    /// <summary>One article (<c>@Id</c>, unpublished only when <c>@IncludeUnpublished</c>) and its images: two statements.</summary>
    internal const string DetailSql = $"""
        SELECT {DetailColumns}
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id
        WHERE a.id = @Id AND (@IncludeUnpublished OR a.status = 'published');
        SELECT position, url, proxy_url, caption, alt FROM article_images WHERE article_id = @Id ORDER BY position;
        """;

    /// <summary>Reads the two results of <see cref="DetailSql"/>.</summary>
    internal static async Task<ArticleDetail?> ReadDetailAsync(SqlMapper.GridReader multi)
    {
        var article = await multi.ReadSingleOrDefaultAsync<ArticleDetail>();
        var images = await multi.ReadAsync<ArticleImageRow>();
        return article is null ? null : article with { Images = [.. images] };
    }

    /// <summary>The newest published first copies' ids and last change, for the sitemap.</summary>
    public async Task<IReadOnlyList<(long Id, DateTimeOffset UpdatedAt)>> LatestForSitemapAsync(int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<(long, DateTimeOffset)>(new CommandDefinition("""
            SELECT a.id, a.updated_at FROM articles a
            WHERE a.status = 'published' AND a.duplicate_of IS NULL
            ORDER BY a.listed_at DESC, a.id DESC
            LIMIT @Limit
            """, new { Limit = limit }, cancellationToken: ct))];
    }

    /// <summary>
    /// Latest published articles with bodies, for the feeds, of one outlet or one tag when given;
    /// linked copies are left out, as on lists.
    /// </summary>
    public async Task<IReadOnlyList<ArticleDetail>> LatestForFeedAsync(int limit, long? sourceId, CancellationToken ct, string? tag = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<ArticleDetail>(new CommandDefinition($"""
            SELECT {DetailColumns}
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.status = 'published' AND a.duplicate_of IS NULL {(sourceId is null ? "" : "AND a.source_id = @SourceId")}
              {(tag is null ? "" : "AND a.tags @> ARRAY[@Tag]::text[]")}
            ORDER BY a.listed_at DESC, a.id DESC
            LIMIT @Limit
            """, new { Limit = limit, SourceId = sourceId, Tag = tag }, cancellationToken: ct))];
    }

    /// <summary>Published articles by id, in the order given (a search feed's items); ids not published are left out.</summary>
    public async Task<IReadOnlyList<ArticleDetail>> DetailsAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<ArticleDetail>(new CommandDefinition($"""
            SELECT {DetailColumns}
            FROM unnest(@Ids::bigint[]) WITH ORDINALITY AS wanted(id, n)
            JOIN articles a ON a.id = wanted.id LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.status = 'published'
            ORDER BY wanted.n
            """, new { Ids = ids.ToArray() }, cancellationToken: ct))];
    }
}
