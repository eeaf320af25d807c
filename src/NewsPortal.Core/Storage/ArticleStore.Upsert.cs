using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace NewsPortal.Core.Storage;

public sealed partial class ArticleStore
{
    // A session-local staging table for the articles a batch updates: binary COPY fills it, one
    // INSERT … SELECT … ON CONFLICT moves it into articles. COPY carries array columns (authors,
    // sketch, tags) that unnest() cannot. New articles skip it: they are copied into articles directly.
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
                    ingest_run_id bigint, kicker text, source_updated_at timestamptz,
                    responsible_editor text, site_name text, original_outlet text, lead_image_url text, guid text, tags text[] NOT NULL,
                    text_signature integer[] NOT NULL, text_lead_signature integer[] NOT NULL, text_shingles integer NOT NULL,
                    warnings text[] NOT NULL, published_source text,
                    input_modified_at timestamptz
                ) ON COMMIT DELETE ROWS;
                ALTER TABLE article_batch ALTER COLUMN body_html SET STORAGE EXTERNAL, ALTER COLUMN body_text SET STORAGE EXTERNAL;
                -- The hash arrays do not compress: lz4 gives up on them sooner than pglz (migration 0010).
                IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
                    ALTER TABLE article_batch ALTER COLUMN text_signature SET COMPRESSION lz4, ALTER COLUMN text_lead_signature SET COMPRESSION lz4;
                END IF;
            END IF;
        END
        $$
        """;

    private const string Columns = """
        source_id, identity_key, original_url, canonical_url, title, summary, body_html, body_text,
        published_at, published_zone_inferred, captured_at, authors, language, view_count, content_hash,
        input_path, input_format, ingest_run_id,
        kicker, source_updated_at, responsible_editor, site_name, original_outlet, lead_image_url, guid, tags,
        text_signature, text_lead_signature, text_shingles, warnings, published_source, input_modified_at
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
        var signatures = writes.Select(w => w.TextSignature ?? Text.NearDuplicateSignature.Compute(w.Article.BodyText)).ToArray();
        // Which identity keys are stored already decides the path: an unknown key is inserted by a
        // COPY straight into articles (nearly every item of a first ingest), a known one with another
        // content hash goes through the staging table's upsert, an unchanged one writes nothing.
        // Should another connection insert one of the unknown keys meanwhile, the COPY fails on the
        // unique index like any refused value, and the batch is stored again item by item.
        DateTime serverNow;
        Dictionary<string, (long Id, ArticleVersion Version)> known;
        HeldState held;
        using (var multi = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT now();
            SELECT identity_key, id, COALESCE(source_updated_at, published_at) AS source_at, captured_at, input_modified_at, content_hash, input_path
            FROM articles WHERE identity_key = ANY(@Keys);
            {HeldStateSql}
            """, new { Keys = writes.Select(w => w.IdentityKey).ToArray(), SourceIds = writes.Select(w => w.SourceId ?? 0).Distinct().ToArray() },
            tx, cancellationToken: ct)))
        {
            serverNow = (await multi.ReadSingleAsync<DateTimeOffset>()).UtcDateTime;
            known = (await multi.ReadAsync<(string Key, long Id, DateTimeOffset? SourceAt, DateTimeOffset? CapturedAt, DateTimeOffset? ModifiedAt, string ContentHash, string InputPath)>())
                .ToDictionary(r => r.Key, r => (r.Id, new ArticleVersion(r.SourceAt, r.CapturedAt, r.ModifiedAt, r.ContentHash, r.InputPath)));
            held = await ReadHeldStateAsync(multi);
        }

        var results = new StoredArticle[writes.Count];
        var fresh = new List<int>();
        var changed = new List<int>();
        var restamped = new List<int>();
        var pending = new List<(int Index, long ArticleId)>();
        for (var i = 0; i < writes.Count; i++)
        {
            if (!known.TryGetValue(writes[i].IdentityKey, out var stored))
            {
                fresh.Add(i);
                continue;
            }
            // An article an editor changed keeps the editor's version: the source's newer one waits
            // for the editor, ordered against the one already waiting, if any.
            if (held.DeskEdited.TryGetValue(writes[i].IdentityKey, out var waiting))
            {
                var copy = ArticleVersion.Of(writes[i]);
                var against = waiting ?? stored.Version;
                if (copy.Replaces(against) || (waiting is not null && copy.ContentHash == against.ContentHash && copy.IsNewerThan(against)))
                    pending.Add((i, stored.Id));
                else if (waiting is null && copy.ContentHash == against.ContentHash && copy.IsNewerThan(against))
                    restamped.Add(i);
                results[i] = new StoredArticle(stored.Id, UpsertOutcome.Unchanged);
                continue;
            }
            // An older copy (or one that loses the tie) writes nothing; a newer copy of the same
            // content writes only its times, so that a copy between the two in the order cannot win later.
            var version = ArticleVersion.Of(writes[i]);
            if (version.Replaces(stored.Version))
            {
                changed.Add(i);
                continue;
            }
            if (version.ContentHash == stored.Version.ContentHash && version.IsNewerThan(stored.Version)) restamped.Add(i);
            results[i] = new StoredArticle(stored.Id, UpsertOutcome.Unchanged);
        }
        if (restamped.Count > 0) await RestampAsync(connection, tx, writes, restamped, ct);
        if (pending.Count > 0) await WritePendingAsync(connection, tx, writes, pending, ct);
        // Storing places articles in stories: the assigner's lock comes before the first write.
        if (fresh.Count > 0 || changed.Count > 0) await Stories.StoryAssigner.LockAsync(connection, tx, ct);
        if (fresh.Count > 0) await InsertFreshAsync(connection, tx, writes, signatures, fresh, serverNow, held.HeldSources, results, ct);
        if (changed.Count > 0) await UpdateChangedAsync(connection, tx, writes, signatures, changed, results, ct);

        await WriteChildrenAndRevisionsAsync(connection, tx, writes, results, ct);
        // The signatures went in with the rows, and those of new rows are at hand, so linking reads back
        // only the updated ones.
        var written = results.Zip(signatures).Where(p => p.First.Outcome != UpsertOutcome.Unchanged).Select(p => (p.First.Id, p.Second)).ToList();
        var updatedIds = results.Where(r => r.Outcome == UpsertOutcome.Updated).Select(r => r.Id).ToList();
        // New articles the COPY wrote were placed with their rows; an update, or a row the upsert
        // inserted (deleted meanwhile), is placed after linking.
        var unplaced = changed.Where(i => results[i].Outcome != UpsertOutcome.Unchanged).Select(i => results[i].Id).ToList();
        return (results, new BatchLinks(written, updatedIds, unplaced));
    }

    // Ids are taken from the sequence first, in input order, so that ids (and so which of two copies
    // is the first) come out as if stored one by one, and so that the batch's articles are placed in
    // stories before the COPY writes their rows with their story columns: a row updated right after
    // it was written would be written twice over, into every index of articles (docs/performance.md).
    // listed_at is the upsert's COALESCE(published_at, captured_at, now()), with the transaction's
    // now(); story_time is the same with ingested_at, which is now() too.
    private async Task InsertFreshAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<ArticleWrite> writes,
        Text.NearDuplicateSignature[] signatures, List<int> fresh, DateTime serverNow, IReadOnlySet<long> heldSources, StoredArticle[] results, CancellationToken ct)
    {
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT nextval(pg_get_serial_sequence('articles', 'id')) FROM generate_series(1, @Count)",
            new { Count = fresh.Count }, tx, cancellationToken: ct))).Order().ToArray();
        var listed = fresh.Select(i => writes[i].Article.PublishedAt ?? writes[i].Article.CapturedAt ?? new DateTimeOffset(serverNow, TimeSpan.Zero)).ToArray();
        var features = fresh.Select(i => writes[i].StoryFeatures ?? Stories.StoryFeatures.Compute(writes[i].Article.Title, writes[i].Article.BodyText)).ToArray();
        var batch = await _stories.PlaceNewAsync(connection, tx,
            [.. fresh.Select((i, n) => new Stories.StoryAssigner.NewArticle(ids[n], features[n], listed[n], listed[n], writes[i].SourceId))], ct);
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY articles (id, {Columns}, listed_at, story_id, story_head, outlet_story_head, story_terms, story_weights, story_keys, story_series, story_commentary, status) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var n = 0; n < fresh.Count; n++)
            {
                var i = fresh[n];
                var placed = batch.Placed[ids[n]];
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(ids[n], NpgsqlDbType.Bigint, ct);
                await WriteColumnsAsync(copy, writes[i], signatures[i], ct);
                await copy.WriteAsync(listed[n].UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(placed.StoryId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(placed.StoryHead, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(placed.OutletStoryHead, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(features[n].Terms, NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(features[n].Weights, NpgsqlDbType.Array | NpgsqlDbType.Smallint, ct);
                await copy.WriteAsync(placed.Keys, NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
                if (features[n].Series is { } series) await copy.WriteAsync(series, NpgsqlDbType.Integer, ct);
                else await copy.WriteNullAsync(ct);
                await copy.WriteAsync(features[n].Commentary, NpgsqlDbType.Boolean, ct);
                // An outlet held for review: its new items wait in the review queue, hidden from readers.
                await copy.WriteAsync(writes[i].SourceId is { } source && heldSources.Contains(source) ? "pending_review" : "published", NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }
        for (var n = 0; n < fresh.Count; n++) results[fresh[n]] = new StoredArticle(ids[n], UpsertOutcome.New);
        await batch.FinishAsync(connection, tx, ct);
    }

    // Articles stored with another content hash, through the staging table: one upsert updates them
    // in place (or inserts one deleted meanwhile).
    private static async Task UpdateChangedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<ArticleWrite> writes,
        Text.NearDuplicateSignature[] signatures, List<int> changed, StoredArticle[] results, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(CreateStagingTable, transaction: tx, cancellationToken: ct));
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY article_batch (position, {Columns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var i in changed)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(i, NpgsqlDbType.Integer, ct);
                await WriteColumnsAsync(copy, writes[i], signatures[i], ct);
            }
            await copy.CompleteAsync(ct);
        }

        // The WHERE makes a write that matches the stored row, or that an ArticleVersion order puts
        // before it (another run stored a newer copy meanwhile), return nothing; xmax = 0 only for a
        // freshly inserted row. A source revision holds no body while its body is the article's
        // (docs/architecture.md): the CTE copies the body an update is about to replace into the
        // latest source revision. It sees the rows as they were before the statement, so it reads the old body.
        var rows = (await connection.QueryAsync<(long Id, bool Inserted, string IdentityKey)>(new CommandDefinition($"""
            WITH replaced_bodies AS (
                UPDATE article_revisions r SET body_html = a.body_html
                FROM article_batch b
                JOIN articles a ON a.identity_key = b.identity_key AND a.content_hash <> b.content_hash AND {Replaces("b", "a")}
                    AND a.desk_edited_at IS NULL
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
                ingest_run_id = EXCLUDED.ingest_run_id,
                kicker = EXCLUDED.kicker, source_updated_at = EXCLUDED.source_updated_at,
                responsible_editor = EXCLUDED.responsible_editor, site_name = EXCLUDED.site_name,
                original_outlet = EXCLUDED.original_outlet, lead_image_url = EXCLUDED.lead_image_url,
                guid = EXCLUDED.guid, tags = EXCLUDED.tags, text_signature = EXCLUDED.text_signature,
                text_lead_signature = EXCLUDED.text_lead_signature, text_shingles = EXCLUDED.text_shingles,
                warnings = EXCLUDED.warnings, published_source = EXCLUDED.published_source,
                captured_at = EXCLUDED.captured_at, input_modified_at = EXCLUDED.input_modified_at,
                updated_at = now()
            WHERE articles.content_hash <> EXCLUDED.content_hash AND {Replaces("EXCLUDED", "articles")}
                -- An editor's first change made meanwhile wins: this copy is not written over it.
                AND articles.desk_edited_at IS NULL
            RETURNING id, (xmax = 0) AS inserted, identity_key
            """, transaction: tx, cancellationToken: ct))).ToDictionary(r => r.IdentityKey);
        foreach (var i in changed)
        {
            // A row another connection changed to this very content meanwhile comes back as unchanged.
            results[i] = rows.TryGetValue(writes[i].IdentityKey, out var row)
                ? new StoredArticle(row.Id, row.Inserted ? UpsertOutcome.New : UpsertOutcome.Updated)
                : new StoredArticle(await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT id FROM articles WHERE identity_key = @Key", new { Key = writes[i].IdentityKey }, tx, cancellationToken: ct)), UpsertOutcome.Unchanged);
        }
    }

    // ArticleVersion.Replaces in SQL: the copy under alias `copy` against the row under `stored`;
    // '-infinity' stands for a missing time. The aliases are constants of this file, never input.
    private static string Replaces(string copy, string stored)
    {
        string Times(string t, bool withFile) =>
            $"COALESCE({t}.source_updated_at, {t}.published_at, '-infinity'::timestamptz), COALESCE({t}.captured_at, '-infinity'::timestamptz)"
            + (withFile ? $", COALESCE({t}.input_modified_at, '-infinity'::timestamptz), {t}.content_hash COLLATE \"C\"" : "");
        return $"""
            CASE WHEN {stored}.input_path = {copy}.input_path
                THEN ({Times(copy, false)}) >= ({Times(stored, false)})
                ELSE ({Times(copy, true)}) > ({Times(stored, true)})
            END
            """;
    }

    // A newer copy of the content stored: only its times are written, no revision; the article still
    // names the input that last changed it. Guarded by the hash, should another run have changed the row meanwhile.
    private static Task RestampAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<ArticleWrite> writes, List<int> restamped, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            UPDATE articles a SET source_updated_at = v.source_updated_at, captured_at = v.captured_at, input_modified_at = v.input_modified_at
            FROM unnest(@Keys, @Hashes, @Updated, @Captured, @Modified)
                AS v(identity_key, content_hash, source_updated_at, captured_at, input_modified_at)
            WHERE a.identity_key = v.identity_key AND a.content_hash = v.content_hash
            """, new
        {
            Keys = restamped.Select(i => writes[i].IdentityKey).ToArray(),
            Hashes = restamped.Select(i => writes[i].ContentHash).ToArray(),
            Updated = restamped.Select(i => writes[i].Article.UpdatedAt?.UtcDateTime).ToArray(),
            Captured = restamped.Select(i => writes[i].Article.CapturedAt?.UtcDateTime).ToArray(),
            Modified = restamped.Select(i => writes[i].InputModifiedAt?.UtcDateTime).ToArray(),
        }, tx, cancellationToken: ct));

    // The columns of Columns, in its order: one row's values for either COPY.
    private static async Task WriteColumnsAsync(NpgsqlBinaryImporter copy, ArticleWrite w, Text.NearDuplicateSignature signature, CancellationToken ct)
    {
        var a = w.Article;
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
        await copy.WriteAsync(a.Kicker, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(a.UpdatedAt?.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(a.Editor, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(a.SiteName, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(a.OriginalOutlet, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(a.LeadImage, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(a.Guid, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(a.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await copy.WriteAsync(signature.Minima, NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(signature.LeadMinima, NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(signature.ShingleCount, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(a.Warnings.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await copy.WriteAsync(a.PublishedSource, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(w.InputModifiedAt?.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
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
