using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace NewsPortal.Core.Storage;

public sealed partial class ArticleStore
{
    // A session-local staging table: binary COPY fills it, one INSERT … SELECT … ON CONFLICT moves
    // it into articles. COPY carries array columns (authors, sketch, tags) that unnest() cannot.
    // Its bodies are stored uncompressed (EXTERNAL): they live for one transaction, and compressing
    // them only to decompress them for the insert into articles was PostgreSQL CPU for nothing.
    // Created once per connection (PostgreSQL 15 takes STORAGE only in ALTER TABLE).
    private const string CreateStagingTable = """
        DO $$
        BEGIN
            IF to_regclass('pg_temp.article_batch') IS NULL THEN
                CREATE TEMP TABLE article_batch (
                    position integer NOT NULL, source_id bigint, identity_key text NOT NULL, original_url text, canonical_url text, title text NOT NULL,
                    summary text NOT NULL, body_html text NOT NULL, body_text text NOT NULL, published_at timestamptz,
                    published_zone_inferred boolean NOT NULL, captured_at timestamptz, authors text[] NOT NULL, language text,
                    view_count bigint, content_hash text NOT NULL, input_path text NOT NULL, input_format text NOT NULL,
                    ingest_run_id bigint, similarity_sketch integer[] NOT NULL, kicker text, source_updated_at timestamptz,
                    responsible_editor text, site_name text, original_outlet text, lead_image_url text, guid text, tags text[] NOT NULL,
                    text_signature integer[] NOT NULL, text_lead_signature integer[] NOT NULL, text_shingles integer NOT NULL
                ) ON COMMIT DELETE ROWS;
                ALTER TABLE article_batch ALTER COLUMN body_html SET STORAGE EXTERNAL, ALTER COLUMN body_text SET STORAGE EXTERNAL;
                -- The hash arrays do not compress: lz4 gives up on them sooner than pglz (migration 0010).
                IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
                    ALTER TABLE article_batch ALTER COLUMN similarity_sketch SET COMPRESSION lz4,
                        ALTER COLUMN text_signature SET COMPRESSION lz4, ALTER COLUMN text_lead_signature SET COMPRESSION lz4;
                END IF;
            END IF;
        END
        $$
        """;

    private const string Columns = """
        source_id, identity_key, original_url, canonical_url, title, summary, body_html, body_text,
        published_at, published_zone_inferred, captured_at, authors, language, view_count, content_hash,
        input_path, input_format, ingest_run_id, similarity_sketch,
        kicker, source_updated_at, responsible_editor, site_name, original_outlet, lead_image_url, guid, tags,
        text_signature, text_lead_signature, text_shingles
        """;

    /// <summary>
    /// Stores one ingested article in a transaction of its own: a batch of one. For callers that
    /// store articles singly; ingestion batches through <see cref="UpsertAsync(NpgsqlConnection, NpgsqlTransaction, IReadOnlyList{ArticleWrite}, CancellationToken)"/>.
    /// </summary>
    public async Task<StoredArticle> UpsertAsync(NpgsqlConnection connection, ArticleWrite write, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        var stored = await UpsertAsync(connection, tx, [write], ct);
        await tx.CommitAsync(ct);
        return stored[0];
    }

    /// <summary>
    /// Inserts new articles and updates those whose identity key is stored with a different content
    /// hash (in place, with a <c>source-updated</c> revision); unchanged ones write nothing. Runs in
    /// the caller's transaction, so a batch is stored whole or not at all, and links the new and
    /// updated articles to their near-duplicates in it. Identity keys must be distinct within one
    /// call (the caller flushes before repeating one). Results are in the order of <paramref name="writes"/>.
    /// </summary>
    public async Task<IReadOnlyList<StoredArticle>> UpsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<ArticleWrite> writes, CancellationToken ct)
    {
        var (stored, links) = await UpsertUnlinkedAsync(connection, tx, writes, ct);
        await _nearDuplicates.LinkBatchAsync(connection, tx, links, ct);
        return stored;
    }

    /// <summary>
    /// As <see cref="UpsertAsync(NpgsqlConnection, NpgsqlTransaction, IReadOnlyList{ArticleWrite}, CancellationToken)"/>,
    /// without the near-duplicate linking: the caller links the returned <see cref="BatchLinks"/> with
    /// <see cref="NearDuplicateStore.LinkBatchAsync"/>, in this transaction, or after
    /// <see cref="NearDuplicateStore.DeferAsync"/> in a later one.
    /// </summary>
    public async Task<(IReadOnlyList<StoredArticle> Stored, BatchLinks Links)> UpsertUnlinkedAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<ArticleWrite> writes, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(CreateStagingTable, transaction: tx, cancellationToken: ct));
        var signatures = writes.Select(w => w.TextSignature ?? Text.NearDuplicateSignature.Compute(w.Article.BodyText)).ToArray();
        await CopyToStagingAsync(connection, writes, signatures, ct);

        // In input order, so ids (and so which of two copies is the first) come out as if stored one by one.
        // The WHERE makes an identical re-ingest return no row; xmax = 0 only for a freshly inserted one.
        // A source revision holds no body while its body is the article's (docs/architecture.md): the
        // CTE copies the body an update is about to replace into the latest source revision. It sees
        // the rows as they were before the statement, so it reads the old body.
        var changed = (await connection.QueryAsync<(long Id, bool Inserted, string IdentityKey)>(new CommandDefinition($"""
            WITH replaced_bodies AS (
                UPDATE article_revisions r SET body_html = a.body_html
                FROM unnest(@Keys, @Hashes) AS b(identity_key, content_hash)
                JOIN articles a ON a.identity_key = b.identity_key AND a.content_hash <> b.content_hash
                CROSS JOIN LATERAL (
                    SELECT max(id) AS id FROM article_revisions
                    WHERE article_id = a.id AND action IN ('ingested', 'source-updated')
                ) latest
                WHERE r.id = latest.id AND r.body_html IS NULL
            )
            INSERT INTO articles ({Columns}, listed_at)
            SELECT {Columns}, COALESCE(published_at, captured_at, now()) FROM article_batch ORDER BY position
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
                guid = EXCLUDED.guid, tags = EXCLUDED.tags, text_signature = EXCLUDED.text_signature,
                text_lead_signature = EXCLUDED.text_lead_signature, text_shingles = EXCLUDED.text_shingles,
                updated_at = now()
            WHERE articles.content_hash <> EXCLUDED.content_hash
            RETURNING id, (xmax = 0) AS inserted, identity_key
            """, new { Keys = writes.Select(w => w.IdentityKey).ToArray(), Hashes = writes.Select(w => w.ContentHash).ToArray() },
            tx, cancellationToken: ct))).ToDictionary(r => r.IdentityKey);

        var unchangedKeys = writes.Select(w => w.IdentityKey).Where(k => !changed.ContainsKey(k)).ToArray();
        var unchanged = unchangedKeys.Length == 0 ? new Dictionary<string, long>() : (await connection.QueryAsync<(string Key, long Id)>(new CommandDefinition(
            "SELECT identity_key, id FROM articles WHERE identity_key = ANY(@Keys)", new { Keys = unchangedKeys }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Key, r => r.Id);

        var results = writes.Select(w => changed.TryGetValue(w.IdentityKey, out var row)
            ? new StoredArticle(row.Id, row.Inserted ? UpsertOutcome.New : UpsertOutcome.Updated)
            : new StoredArticle(unchanged.GetValueOrDefault(w.IdentityKey), UpsertOutcome.Unchanged)).ToList();
        await WriteChildrenAndRevisionsAsync(connection, tx, writes, results, ct);
        // The signatures went in with the rows, and those of new rows are at hand, so linking reads back
        // only the updated ones.
        var written = results.Zip(signatures).Where(p => p.First.Outcome != UpsertOutcome.Unchanged).Select(p => (p.First.Id, p.Second)).ToList();
        var updatedIds = results.Where(r => r.Outcome == UpsertOutcome.Updated).Select(r => r.Id).ToList();
        return (results, new BatchLinks(written, updatedIds));
    }

    private static async Task CopyToStagingAsync(
        NpgsqlConnection connection, IReadOnlyList<ArticleWrite> writes, Text.NearDuplicateSignature[] signatures, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"COPY article_batch (position, {Columns}) FROM STDIN (FORMAT BINARY)", ct);
        var position = 0;
        foreach (var w in writes)
        {
            var a = w.Article;
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(position++, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(w.SourceId, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(w.IdentityKey, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.Url, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.CanonicalUrl, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.Title, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.Summary, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.BodyHtml, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.BodyText, NpgsqlDbType.Text, ct);
            // Npgsql writes timestamptz only from UTC values; the offset a page showed is not stored.
            await copy.WriteAsync(a.PublishedAt?.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(a.PublishedZoneInferred, NpgsqlDbType.Boolean, ct);
            await copy.WriteAsync(a.CapturedAt?.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(a.Authors.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.Language, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.ViewCount, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(w.ContentHash, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(w.InputPath, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(w.InputFormat, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(w.IngestRunId, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(w.SimilaritySketch, NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(a.Kicker, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.UpdatedAt?.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(a.Editor, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.SiteName, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.OriginalOutlet, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.LeadImage, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.Guid, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(a.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            var signature = signatures[position - 1];
            await copy.WriteAsync(signature.Minima, NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(signature.LeadMinima, NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(signature.ShingleCount, NpgsqlDbType.Integer, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>
    /// New and updated articles get their images and teasers (replaced, for an update) and a revision,
    /// without a body: the article holds it until an update replaces it (see the upsert).
    /// </summary>
    private static async Task WriteChildrenAndRevisionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<ArticleWrite> writes, IReadOnlyList<StoredArticle> results, CancellationToken ct)
    {
        var changed = writes.Zip(results).Where(p => p.Second.Outcome != UpsertOutcome.Unchanged).ToList();
        if (changed.Count == 0) return;
        var images = changed.SelectMany(p => p.First.Article.Images.Select((image, i) => (p.Second.Id, Position: i, Image: image))).ToList();
        var teasers = changed.SelectMany(p => p.First.Article.SiteTeasers.Select((teaser, i) => (p.Second.Id, Position: i, Teaser: teaser))).ToList();
        // One round trip: the statements go to the server together and run in order.
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM article_images WHERE article_id = ANY(@UpdatedIds);
            DELETE FROM article_site_teasers WHERE article_id = ANY(@UpdatedIds);
            INSERT INTO article_images (article_id, position, url, proxy_url, caption, alt)
            SELECT * FROM unnest(@ImageArticleIds, @ImagePositions, @ImageUrls, @ImageProxyUrls, @ImageCaptions, @ImageAlts);
            INSERT INTO article_site_teasers (article_id, position, title, url, snippet)
            SELECT * FROM unnest(@TeaserArticleIds, @TeaserPositions, @TeaserTitles, @TeaserUrls, @TeaserSnippets);
            INSERT INTO article_revisions (article_id, action, title, summary)
            SELECT * FROM unnest(@RevisionArticleIds, @RevisionActions, @RevisionTitles, @RevisionSummaries);
            """, new
        {
            UpdatedIds = changed.Where(p => p.Second.Outcome == UpsertOutcome.Updated).Select(p => p.Second.Id).ToArray(),
            ImageArticleIds = images.Select(i => i.Id).ToArray(),
            ImagePositions = images.Select(i => i.Position).ToArray(),
            ImageUrls = images.Select(i => i.Image.Url).ToArray(),
            ImageProxyUrls = images.Select(i => i.Image.ProxyUrl).ToArray(),
            ImageCaptions = images.Select(i => i.Image.Caption).ToArray(),
            ImageAlts = images.Select(i => i.Image.Alt).ToArray(),
            TeaserArticleIds = teasers.Select(t => t.Id).ToArray(),
            TeaserPositions = teasers.Select(t => t.Position).ToArray(),
            TeaserTitles = teasers.Select(t => t.Teaser.Title).ToArray(),
            TeaserUrls = teasers.Select(t => t.Teaser.Url).ToArray(),
            TeaserSnippets = teasers.Select(t => t.Teaser.Snippet).ToArray(),
            RevisionArticleIds = changed.Select(p => p.Second.Id).ToArray(),
            RevisionActions = changed.Select(p => p.Second.Outcome == UpsertOutcome.New ? "ingested" : "source-updated").ToArray(),
            RevisionTitles = changed.Select(p => p.First.Article.Title).ToArray(),
            RevisionSummaries = changed.Select(p => p.First.Article.Summary).ToArray(),
        }, tx, cancellationToken: ct));
    }
}
