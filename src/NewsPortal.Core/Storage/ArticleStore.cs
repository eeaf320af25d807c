using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>Articles: ingest upserts, reader lists and pages, and the editors' actions with their log.</summary>
public sealed class ArticleStore(NpgsqlDataSource dataSource)
{
    private const string ListColumns = """
        a.id, a.title, a.summary, a.published_at, a.listed_at, a.source_id, s.name AS source_name, a.status, a.duplicate_of
        """;

    private readonly NearDuplicateStore _nearDuplicates = new(dataSource);

    /// <summary>
    /// Inserts a new article, or updates the stored one when the same item (same identity key) comes
    /// back with different content. Unchanged input writes nothing.
    /// </summary>
    public async Task<(long Id, UpsertOutcome Outcome)> UpsertAsync(NpgsqlConnection connection, ArticleWrite write, CancellationToken ct)
    {
        var a = write.Article;
        await using var tx = await connection.BeginTransactionAsync(ct);
        // xmax = 0 only for a freshly inserted row; the WHERE makes an identical re-ingest return nothing.
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, bool Inserted)>(new CommandDefinition("""
            INSERT INTO articles (source_id, identity_key, original_url, canonical_url, title, summary, body_html, body_text,
                published_at, published_zone_inferred, captured_at, authors, language, view_count, content_hash,
                listed_at, input_path, input_format, ingest_run_id, similarity_sketch,
                kicker, source_updated_at, responsible_editor, site_name, original_outlet, lead_image_url, guid, tags)
            VALUES (@SourceId, @IdentityKey, @Url, @CanonicalUrl, @Title, @Summary, @BodyHtml, @BodyText,
                @PublishedAt, @PublishedZoneInferred, @CapturedAt, @Authors, @Language, @ViewCount, @ContentHash,
                COALESCE(@PublishedAt, @CapturedAt, now()), @InputPath, @InputFormat, @IngestRunId, @Sketch,
                @Kicker, @UpdatedAt, @Editor, @SiteName, @OriginalOutlet, @LeadImage, @Guid, @Tags)
            ON CONFLICT (identity_key) DO UPDATE SET
                source_id = COALESCE(EXCLUDED.source_id, articles.source_id),
                original_url = EXCLUDED.original_url, canonical_url = EXCLUDED.canonical_url,
                title = EXCLUDED.title, summary = EXCLUDED.summary, body_html = EXCLUDED.body_html,
                body_text = EXCLUDED.body_text, published_at = EXCLUDED.published_at,
                published_zone_inferred = EXCLUDED.published_zone_inferred, authors = EXCLUDED.authors,
                language = EXCLUDED.language, view_count = EXCLUDED.view_count, content_hash = EXCLUDED.content_hash,
                input_path = EXCLUDED.input_path, input_format = EXCLUDED.input_format,
                ingest_run_id = EXCLUDED.ingest_run_id, similarity_sketch = EXCLUDED.similarity_sketch,
                kicker = EXCLUDED.kicker, source_updated_at = EXCLUDED.source_updated_at,
                responsible_editor = EXCLUDED.responsible_editor, site_name = EXCLUDED.site_name,
                original_outlet = EXCLUDED.original_outlet, lead_image_url = EXCLUDED.lead_image_url,
                guid = EXCLUDED.guid, tags = EXCLUDED.tags, updated_at = now()
            WHERE articles.content_hash <> EXCLUDED.content_hash
            RETURNING id, (xmax = 0) AS inserted
            """, new
        {
            write.SourceId, write.IdentityKey, a.Url, a.CanonicalUrl, a.Title, a.Summary, a.BodyHtml, a.BodyText,
            // Npgsql writes timestamptz only from UTC values; the offset a page showed is not stored.
            PublishedAt = a.PublishedAt?.ToUniversalTime(), a.PublishedZoneInferred, CapturedAt = a.CapturedAt?.ToUniversalTime(), Authors = a.Authors.ToArray(), a.Language, a.ViewCount,
            write.ContentHash, write.InputPath, write.InputFormat, write.IngestRunId, Sketch = write.SimilaritySketch,
            a.Kicker, UpdatedAt = a.UpdatedAt?.ToUniversalTime(), a.Editor, a.SiteName, a.OriginalOutlet, a.LeadImage,
            a.Guid, Tags = a.Tags.ToArray(),
        }, tx, cancellationToken: ct));

        if (row.Id == 0)
        {
            await tx.RollbackAsync(ct);
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT id FROM articles WHERE identity_key = @IdentityKey", new { write.IdentityKey }, cancellationToken: ct));
            return (id, UpsertOutcome.Unchanged);
        }

        await ReplaceChildrenAsync(connection, tx, row.Id, a, ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO article_revisions (article_id, action, title, summary, body_html)
            VALUES (@Id, @Action, @Title, @Summary, @BodyHtml)
            """, new { row.Id, Action = row.Inserted ? "ingested" : "source-updated", a.Title, a.Summary, a.BodyHtml }, tx, cancellationToken: ct));
        await _nearDuplicates.LinkAsync(connection, tx, [row.Id], ct);
        await tx.CommitAsync(ct);
        return (row.Id, row.Inserted ? UpsertOutcome.New : UpsertOutcome.Updated);
    }

    private static async Task ReplaceChildrenAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long id, Articles.ParsedArticle a, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM article_images WHERE article_id = @Id;
            DELETE FROM article_site_teasers WHERE article_id = @Id;
            """, new { Id = id }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO article_images (article_id, position, url, proxy_url, caption, alt)
            SELECT @Id, ordinality - 1, url, proxy_url, caption, alt
            FROM unnest(@Urls, @ProxyUrls, @Captions, @Alts) WITH ORDINALITY AS i(url, proxy_url, caption, alt, ordinality)
            """, new
        {
            Id = id,
            Urls = a.Images.Select(i => i.Url).ToArray(),
            ProxyUrls = a.Images.Select(i => i.ProxyUrl).ToArray(),
            Captions = a.Images.Select(i => i.Caption).ToArray(),
            Alts = a.Images.Select(i => i.Alt).ToArray(),
        }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO article_site_teasers (article_id, position, title, url, snippet)
            SELECT @Id, ordinality - 1, title, url, snippet
            FROM unnest(@Titles, @Urls, @Snippets) WITH ORDINALITY AS t(title, url, snippet, ordinality)
            """, new
        {
            Id = id,
            Titles = a.SiteTeasers.Select(t => t.Title).ToArray(),
            Urls = a.SiteTeasers.Select(t => t.Url).ToArray(),
            Snippets = a.SiteTeasers.Select(t => t.Snippet).ToArray(),
        }, tx, cancellationToken: ct));
    }

    /// <summary>Published articles, newest first, without linked copies of an earlier one; optionally of one outlet.</summary>
    public async Task<ArticlePage> ListPublishedAsync(ListCursor? after, int limit, long? sourceId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // Row comparison (listed_at, id) < (...) matches the index order, so each page is one index range.
        var items = (await connection.QueryAsync<ArticleListItem>(new CommandDefinition($"""
            SELECT {ListColumns}
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.status = 'published' AND a.duplicate_of IS NULL
              AND (@SourceId::bigint IS NULL OR a.source_id = @SourceId)
              AND (@AfterAt::timestamptz IS NULL OR (a.listed_at, a.id) < (@AfterAt, @AfterId))
            ORDER BY a.listed_at DESC, a.id DESC
            LIMIT @Limit
            """, new { SourceId = sourceId, AfterAt = after?.ListedAt, AfterId = after?.Id ?? 0, Limit = limit + 1 }, cancellationToken: ct))).ToList();
        return ToPage(items, limit);
    }

    /// <summary>Every article whatever its status, for editors, most recently listed first.</summary>
    public async Task<ArticlePage> ListAllAsync(ListCursor? after, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var items = (await connection.QueryAsync<ArticleListItem>(new CommandDefinition($"""
            SELECT {ListColumns}
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id
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
        using var multi = await connection.QueryMultipleAsync(new CommandDefinition("""
            SELECT a.id, a.title, a.summary, a.body_html, a.body_text, a.original_url, a.published_at, a.listed_at,
                   a.updated_at, a.republished_at, a.authors, a.language, a.source_id, s.name AS source_name, a.status,
                   a.kicker, a.original_outlet, a.responsible_editor
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.id = @Id AND (@IncludeUnpublished OR a.status = 'published');
            SELECT position, url, proxy_url, caption, alt FROM article_images WHERE article_id = @Id ORDER BY position;
            """, new { Id = id, IncludeUnpublished = includeUnpublished }, cancellationToken: ct));
        var article = await multi.ReadSingleOrDefaultAsync<ArticleDetail>();
        if (article is null) return null;
        return article with { Images = [.. await multi.ReadAsync<ArticleImageRow>()] };
    }

    /// <summary>Latest published articles with bodies, for the feeds; linked copies are left out, as on lists.</summary>
    public async Task<IReadOnlyList<ArticleDetail>> LatestForFeedAsync(int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<ArticleDetail>(new CommandDefinition("""
            SELECT a.id, a.title, a.summary, a.body_html, a.body_text, a.original_url, a.published_at, a.listed_at,
                   a.updated_at, a.republished_at, a.authors, a.language, a.source_id, s.name AS source_name, a.status,
                   a.kicker, a.original_outlet, a.responsible_editor
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.status = 'published' AND a.duplicate_of IS NULL
            ORDER BY a.listed_at DESC, a.id DESC
            LIMIT @Limit
            """, new { Limit = limit }, cancellationToken: ct))];
    }
}
