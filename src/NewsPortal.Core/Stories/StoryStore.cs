using Dapper;
using NewsPortal.Core.Storage;
using Npgsql;

namespace NewsPortal.Core.Stories;

/// <summary>One account of a story: a published first copy, with its outlet and time.</summary>
public sealed record StoryAccount(long Id, string Title, string Summary, long? SourceId, string? SourceName, DateTimeOffset? PublishedAt);

/// <summary>An article's story as its page shows it: the other accounts, other outlets first.</summary>
public sealed record StorySidebar(long? StoryId, int ArticleCount, int OutletCount, IReadOnlyList<StoryAccount> Accounts)
{
    public static readonly StorySidebar None = new(null, 0, 0, []);
}

/// <summary>A story row; <see cref="MergedInto"/> is set when it was merged into another.</summary>
public sealed record StoryRow(long Id, long? MergedInto, bool Locked, int ArticleCount, int OutletCount,
    DateTimeOffset? FirstPublishedAt, DateTimeOffset? LastPublishedAt);

/// <summary>A story's page: every account on a timeline, earliest first.</summary>
public sealed record StoryPage(StoryRow Story, IReadOnlyList<StoryAccount> Accounts);

/// <summary>What readers see of stories: an article's sidebar, a story's page and feed.</summary>
public sealed class StoryStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The other accounts of the article's story, one index range of <c>articles_story_idx</c>:
    /// other outlets before the article's own, each outlet's earliest account before its later ones,
    /// then by time. Its own near-duplicates and the first copy it repeats are left out (the page
    /// lists those apart).
    /// </summary>
    public async Task<StorySidebar> SidebarAsync(long articleId, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<SidebarRow>(new CommandDefinition("""
            SELECT me.story_id, st.article_count, st.outlet_count, o.id, o.title, o.summary, o.source_id, s.name AS source_name, o.published_at
            FROM articles me
            JOIN stories st ON st.id = me.story_id
            LEFT JOIN LATERAL (
                SELECT a.id, a.title, a.summary, a.source_id, a.published_at,
                       row_number() OVER (PARTITION BY a.source_id ORDER BY a.published_at NULLS LAST, a.id) AS outlet_rank
                FROM articles a
                WHERE a.story_id = me.story_id AND a.id <> me.id AND a.status = 'published' AND a.duplicate_of IS NULL
                  AND a.id IS DISTINCT FROM me.duplicate_of
            ) o ON true
            LEFT JOIN sources s ON s.id = o.source_id
            WHERE me.id = @Id
            ORDER BY o.source_id IS NOT DISTINCT FROM me.source_id, o.outlet_rank, o.published_at NULLS LAST, o.id
            LIMIT @Limit
            """, new { Id = articleId, Limit = limit }, cancellationToken: ct))).ToList();
        if (rows.Count == 0) return StorySidebar.None;
        return new StorySidebar(rows[0].StoryId, rows[0].ArticleCount, rows[0].OutletCount,
            [.. rows.Where(r => r.Id is not null).Select(r => new StoryAccount(r.Id!.Value, r.Title!, r.Summary!, r.SourceId, r.SourceName, r.PublishedAt))]);
    }

    private sealed record SidebarRow(long StoryId, int ArticleCount, int OutletCount, long? Id, string? Title, string? Summary,
        long? SourceId, string? SourceName, DateTimeOffset? PublishedAt);

    /// <summary>The story and its published accounts, earliest first; null when there is no such story.</summary>
    public async Task<StoryPage?> GetAsync(long storyId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var story = await connection.QuerySingleOrDefaultAsync<StoryRow>(new CommandDefinition("""
            SELECT id, merged_into, locked, article_count, outlet_count, first_published_at, last_published_at FROM stories WHERE id = @Id
            """, new { Id = storyId }, cancellationToken: ct));
        if (story is null) return null;
        var accounts = await connection.QueryAsync<StoryAccount>(new CommandDefinition("""
            SELECT a.id, a.title, a.summary, a.source_id, s.name AS source_name, a.published_at
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.story_id = @Id AND a.status = 'published' AND a.duplicate_of IS NULL
            ORDER BY coalesce(a.published_at, a.ingested_at), a.id
            """, new { Id = storyId }, cancellationToken: ct));
        return new StoryPage(story, [.. accounts]);
    }

    /// <summary>A story's accounts with bodies, newest first, for its feed.</summary>
    public async Task<IReadOnlyList<ArticleDetail>> FeedAsync(long storyId, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<ArticleDetail>(new CommandDefinition("""
            SELECT a.id, a.title, a.summary, a.body_html, a.body_text, a.original_url, a.published_at, a.listed_at,
                   a.updated_at, a.republished_at, a.authors, a.language, a.source_id, s.name AS source_name, a.status,
                   a.kicker, a.original_outlet, a.responsible_editor
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.story_id = @Id AND a.status = 'published' AND a.duplicate_of IS NULL
            ORDER BY a.listed_at DESC, a.id DESC
            LIMIT @Limit
            """, new { Id = storyId, Limit = limit }, cancellationToken: ct))];
    }
}
