using Dapper;
using NewsPortal.Core.Stories;
using NewsPortal.Core.Text;
using Npgsql;
using NpgsqlTypes;

namespace NewsPortal.Core.Storage;

/// <summary>One stored article's near-duplicate signature, and the first copy it points at.</summary>
internal sealed record SignatureRow(long Id, long? DuplicateOf, int[]? TextSignature, int[]? TextLeadSignature, int? TextShingles)
{
    public NearDuplicateSignature Signature => TextSignature is { Length: > 0 } && TextLeadSignature is not null && TextShingles is > 0
        ? new NearDuplicateSignature(TextSignature, TextLeadSignature, TextShingles.Value)
        : NearDuplicateSignature.None;
}

/// <summary>
/// Links an article to the first stored copy of the same text (docs/deduplication.md), and reads
/// those links for the article page. Linking runs on all the articles a batch inserted or changed
/// at once: inside the batch's transaction, or in a second one right after it (ingestion defers
/// batches of new articles so that one is linked while the next is stored; see docs/performance.md).
/// </summary>
public sealed class NearDuplicateStore(NpgsqlDataSource dataSource, StoryAssigner? stories = null)
{
    // Story assignment runs where linking does, last: a near-duplicate joins its first copy's story.
    private readonly StoryAssigner _stories = stories ?? new StoryAssigner(StorySettings.Default);

    // More candidates than this for one article means a text many articles share; the earliest are
    // the ones that matter, as a copy links to the first copy.
    private const int CandidateLimit = 200;

    private sealed record CandidateRow(long Id, long? DuplicateOf, int[] TextSignature, int[] TextLeadSignature, int TextShingles);

    /// <summary>
    /// Links a batch the upsert just stored (<see cref="ArticleStore.UpsertUnlinkedAsync"/>), in the
    /// caller's transaction: its articles to their first copies, then its band keys.
    /// </summary>
    public async Task LinkBatchAsync(NpgsqlConnection connection, NpgsqlTransaction tx, BatchLinks links, CancellationToken ct)
    {
        if (links.Written.Count == 0) return;
        var updated = links.UpdatedIds.ToHashSet();
        var inserted = links.Written.Where(w => !updated.Contains(w.Id)).ToList();
        var relinked = await LinkSignedAsync(connection, tx, [.. links.Written.Select(w => w.Id)], inserted, ct);
        await WriteBandKeysAsync(connection, tx, links.Written, links.UpdatedIds, ct);
        // New articles copied in by the upsert were placed in stories with their rows.
        await _stories.AssignAsync(connection, tx, links.Unplaced ?? [.. links.Written.Select(w => w.Id)], ct);
        await StoryAssigner.SettleCopiesAsync(connection, tx, relinked, ct);
    }

    /// <summary>
    /// Records, in the batch's own transaction, that its articles are left to be linked by
    /// <see cref="LinkDeferredAsync"/>; should that never commit (a crash), <see cref="LinkLeftPendingAsync"/>
    /// links them. Returns the record's id.
    /// </summary>
    public static async Task<long> DeferAsync(NpgsqlConnection connection, NpgsqlTransaction tx, BatchLinks links, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO article_links_pending (article_ids) VALUES (@Ids) RETURNING id",
            new { Ids = links.Written.Select(w => w.Id).ToArray() }, tx, cancellationToken: ct));

    /// <summary>
    /// Links a batch deferred by <see cref="DeferAsync"/> (after its transaction committed) in a
    /// transaction of its own, which also removes the record. Returns false when the record is gone:
    /// a run that started meanwhile found it and linked the batch itself.
    /// </summary>
    public async Task<bool> LinkDeferredAsync(NpgsqlConnection connection, long pendingId, BatchLinks links, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        // A row lock held for long by someone else (an editor's transaction left open) fails the
        // link, and with it the run, instead of holding the ingest up; the batch stays recorded and
        // the next run links it. Below Npgsql's 30 s command timeout, so that the error names the lock.
        await connection.ExecuteAsync(new CommandDefinition("SET LOCAL lock_timeout = '20s'", transaction: tx, cancellationToken: ct));
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM article_links_pending WHERE id = @Id", new { Id = pendingId }, tx, cancellationToken: ct));
        if (claimed == 0) return false;
        await LinkBatchAsync(connection, tx, links, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    // A class, not a positional record: Dapper matches a constructor by the column's CLR type, and
    // reports a bigint[] column as System.Array.
    private sealed class PendingRow
    {
        public long Id { get; init; }
        public long[] ArticleIds { get; init; } = [];
    }

    /// <summary>
    /// Links the batches left recorded by <see cref="DeferAsync"/> whose linking never committed (the
    /// run stopped between the two transactions), oldest first, one transaction each; their
    /// signatures are computed again from the stored text. Returns how many articles.
    /// </summary>
    public async Task<int> LinkLeftPendingAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var linked = 0;
        while (true)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            // SKIP LOCKED: a record another run's linking transaction holds is that run's to finish.
            var pending = await connection.QuerySingleOrDefaultAsync<PendingRow>(new CommandDefinition("""
                DELETE FROM article_links_pending
                WHERE id = (SELECT id FROM article_links_pending ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id, article_ids
                """, transaction: tx, cancellationToken: ct));
            if (pending is null) return linked;
            await LinkAsync(connection, tx, pending.ArticleIds, ct);
            await tx.CommitAsync(ct);
            linked += pending.ArticleIds.Length;
        }
    }

    /// <summary>
    /// Stores the band keys of the articles just written, in the caller's transaction, replacing
    /// those of <paramref name="replacedIds"/> (articles whose text an update may have changed).
    /// </summary>
    public static async Task WriteBandKeysAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        IReadOnlyCollection<(long Id, NearDuplicateSignature Signature)> articles, IReadOnlyCollection<long> replacedIds, CancellationToken ct)
    {
        if (replacedIds.Count > 0)
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM article_band_keys WHERE article_id = ANY(@Ids)", new { Ids = replacedIds.ToArray() }, tx, cancellationToken: ct));
        if (!articles.Any(a => a.Signature.IsLinkable)) return;
        await using var copy = await connection.BeginBinaryImportAsync("COPY article_band_keys (band_key, article_id) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (id, signature) in articles)
            foreach (var key in signature.BandKeys())
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(key, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(id, NpgsqlDbType.Bigint, ct);
            }
        await copy.CompleteAsync(ct);
    }

    /// <summary>
    /// For each of <paramref name="rows"/>, the earlier articles sharing a band key with it, at most
    /// <see cref="CandidateLimit"/> (the earliest), with their signatures. Runs before the rows' own
    /// keys are stored: the rows are matched with each other here, in memory, and one index scan of
    /// all their keys finds the other articles (keys a row had before an update are skipped).
    /// </summary>
    private static async Task<ILookup<long, CandidateRow>> CandidatesAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, List<SignatureRow> rows, CancellationToken ct)
    {
        var rowsByKey = new Dictionary<long, List<long>>();
        foreach (var row in rows)
            foreach (var key in row.Signature.BandKeys())
            {
                if (!rowsByKey.TryGetValue(key, out var holders)) rowsByKey[key] = holders = [];
                if (holders.Count == 0 || holders[^1] != row.Id) holders.Add(row.Id);
            }
        var found = rows.ToDictionary(r => r.Id, _ => new HashSet<long>());
        if (rowsByKey.Count == 0) return Enumerable.Empty<(long, CandidateRow)>().ToLookup(c => c.Item1, c => c.Item2);
        // Rows come in id order, so within each key's list an earlier entry is an earlier article.
        foreach (var holders in rowsByKey.Values)
            for (var later = 1; later < holders.Count; later++)
                for (var earlier = 0; earlier < later; earlier++)
                    found[holders[later]].Add(holders[earlier]);
        var stored = await connection.QueryAsync<(long BandKey, long ArticleId)>(new CommandDefinition(
            "SELECT band_key, article_id FROM article_band_key_matches(@Keys)", new { Keys = rowsByKey.Keys.ToArray() }, tx, cancellationToken: ct));
        foreach (var (key, articleId) in stored)
        {
            if (found.ContainsKey(articleId)) continue;
            foreach (var id in rowsByKey[key])
                if (articleId < id) found[id].Add(articleId);
        }
        // The limit applies per article, here: in SQL it would take a look-up per article again.
        var chosen = found.SelectMany(f => f.Value.Order().Take(CandidateLimit).Select(c => (ArticleId: f.Key, CandidateId: c))).ToList();
        if (chosen.Count == 0) return Enumerable.Empty<(long, CandidateRow)>().ToLookup(c => c.Item1, c => c.Item2);
        var signatures = (await connection.QueryAsync<CandidateRow>(new CommandDefinition("""
            SELECT id, duplicate_of, text_signature, text_lead_signature, text_shingles
            FROM articles WHERE id = ANY(@Ids) AND text_signature IS NOT NULL AND text_shingles > 0
            """, new { Ids = chosen.Select(c => c.CandidateId).Distinct().ToArray() }, tx, cancellationToken: ct)))
            .ToDictionary(c => c.Id);
        return chosen.Where(c => signatures.ContainsKey(c.CandidateId)).ToLookup(c => c.ArticleId, c => signatures[c.CandidateId]);
    }

    /// <summary>
    /// Computes the signatures of <paramref name="ids"/> from their stored body text, then links them
    /// as <see cref="LinkSignedAsync"/> does: for articles stored without a signature.
    /// </summary>
    public async Task LinkAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        // Before the first write: linking and placing below take it anyway (StoryAssigner.LockAsync).
        await StoryAssigner.LockAsync(connection, tx, ct);
        var signed = await StoreSignaturesAsync(connection, tx, [.. ids], ct);
        var relinked = await LinkSignedAsync(connection, tx, ids, ct);
        await WriteBandKeysAsync(connection, tx, signed, ids, ct);
        await _stories.AssignAsync(connection, tx, ids, ct);
        await StoryAssigner.SettleCopiesAsync(connection, tx, relinked, ct);
    }

    /// <summary>
    /// Links each of <paramref name="ids"/> (whose stored signatures are current), and each copy of
    /// them, to the first copy of its text, or unlinks it when none is left. Copies within
    /// <paramref name="ids"/> link to the lowest id. Their band keys are stored after this
    /// (<see cref="WriteBandKeysAsync"/>), so that the look-up does not find them.
    /// </summary>
    public Task<IReadOnlyList<long>> LinkSignedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyCollection<long> ids, CancellationToken ct) =>
        LinkSignedAsync(connection, tx, ids, inserted: [], ct);

    /// <summary>As above, for <paramref name="ids"/> of which <paramref name="inserted"/> (a subset) were inserted by this transaction.</summary>
    /// <param name="inserted">
    /// Articles just inserted, with the signatures just written: they point at no first copy and no
    /// copy points at them yet, so they are not read back (on a first ingest, nearly all of a batch).
    /// </param>
    /// <returns>The articles whose first copy changed.</returns>
    public async Task<IReadOnlyList<long>> LinkSignedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyCollection<long> ids,
        IReadOnlyCollection<(long Id, NearDuplicateSignature Signature)> inserted, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var insertedIds = inserted.Select(i => i.Id).ToHashSet();
        var stored = ids.Where(id => !insertedIds.Contains(id)).ToArray();
        // An article's copies are looked at again too: a first copy whose text changed may no longer be theirs.
        var rows = stored.Length == 0 ? [] : (await connection.QueryAsync<SignatureRow>(new CommandDefinition("""
            SELECT id, duplicate_of, text_signature, text_lead_signature, text_shingles
            FROM articles WHERE id = ANY(@Ids) OR duplicate_of = ANY(@Ids)
            """, new { Ids = stored }, tx, cancellationToken: ct))).ToList();
        rows.AddRange(inserted.Select(i => new SignatureRow(i.Id, null, i.Signature.Minima, i.Signature.LeadMinima, i.Signature.ShingleCount)));
        // In id order: the matching and the first-copy choice below rely on it.
        rows.Sort((a, b) => a.Id.CompareTo(b.Id));
        var candidates = await CandidatesAsync(connection, tx, rows, ct);
        var firstCopies = FirstCopies(rows, candidates);
        var changed = rows.Where(r => r.DuplicateOf != firstCopies[r.Id]).ToList();
        if (changed.Count == 0) return [];
        // A copy's story and its story's counts follow its link (StoryAssigner.SettleCopiesAsync):
        // the lock comes before this transaction's first write.
        await StoryAssigner.LockAsync(connection, tx, ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE articles a SET duplicate_of = u.first_copy
            FROM unnest(@Ids, @FirstCopies) AS u(id, first_copy)
            WHERE a.id = u.id
            """, new { Ids = changed.Select(r => r.Id).ToArray(), FirstCopies = changed.Select(r => firstCopies[r.Id]).ToArray() },
            tx, cancellationToken: ct));
        return [.. changed.Select(r => r.Id)];
    }

    // In id order, so that an earlier article's new link is known when a later one resolves through it.
    private static Dictionary<long, long?> FirstCopies(List<SignatureRow> rows, ILookup<long, CandidateRow> candidates)
    {
        var firstCopies = new Dictionary<long, long?>();
        foreach (var row in rows)
        {
            var signature = row.Signature;
            long? first = null;
            foreach (var c in candidates[row.Id])
            {
                if (!signature.IsDuplicateOf(new NearDuplicateSignature(c.TextSignature, c.TextLeadSignature, c.TextShingles))) continue;
                // A copy of a copy points at the first copy: candidates point at their first copy, if any.
                var root = firstCopies.TryGetValue(c.Id, out var decided) ? decided ?? c.Id : c.DuplicateOf ?? c.Id;
                if (first is null || root < first) first = root;
            }
            firstCopies[row.Id] = first;
        }
        return firstCopies;
    }

    private static async Task<List<(long Id, NearDuplicateSignature Signature)>> StoreSignaturesAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, long[] ids, CancellationToken ct)
    {
        var bodies = await connection.QueryAsync<(long Id, string BodyText)>(new CommandDefinition(
            "SELECT id, body_text FROM articles WHERE id = ANY(@Ids)", new { Ids = ids }, tx, cancellationToken: ct));
        var signed = new List<(long Id, NearDuplicateSignature Signature)>();
        // Arrays of arrays do not pass through unnest(), so one UPDATE per article, all in one round trip.
        await using var batch = new NpgsqlBatch(connection, tx);
        foreach (var (id, bodyText) in bodies)
        {
            var signature = NearDuplicateSignature.Compute(bodyText);
            signed.Add((id, signature));
            var command = new NpgsqlBatchCommand("""
                UPDATE articles SET text_signature = $2, text_lead_signature = $3, text_shingles = $4
                WHERE id = $1
                """);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = signature.Minima });
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = signature.LeadMinima });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = signature.ShingleCount });
            batch.BatchCommands.Add(command);
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
        return signed;
    }

    /// <summary>
    /// Signs and links the articles stored before signatures existed (their signature is null), in id
    /// order so that each batch finds its earlier copies signed; one transaction per batch. Returns how many.
    /// </summary>
    public async Task<int> LinkUnsignedAsync(int batchSize, CancellationToken ct)
    {
        var done = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var ids = (await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT id FROM articles WHERE text_signature IS NULL ORDER BY id LIMIT @BatchSize FOR UPDATE",
                new { BatchSize = batchSize }, tx, cancellationToken: ct))).ToList();
            if (ids.Count == 0) return done;
            await LinkAsync(connection, tx, ids, ct);
            await tx.CommitAsync(ct);
            done += ids.Count;
        }
    }

    /// <summary>For an article's page: the first copy it points at (when published), and its published copies.</summary>
    public async Task<DuplicateLinks> ForPageAsync(long articleId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        using var multi = await connection.QueryMultipleAsync(new CommandDefinition(ForPageSql, new { Id = articleId }, cancellationToken: ct));
        return await ReadForPageAsync(multi);
    }

    /// <summary>The first copy article <c>@Id</c> points at and its copies: two statements.</summary>
    internal const string ForPageSql = """
        SELECT f.id, f.title, f.source_id, s.name AS source_name, f.original_url
        FROM articles a JOIN articles f ON f.id = a.duplicate_of LEFT JOIN sources s ON s.id = f.source_id
        WHERE a.id = @Id AND f.status = 'published';
        SELECT c.id, c.title, c.source_id, s.name AS source_name, c.original_url
        FROM articles c LEFT JOIN sources s ON s.id = c.source_id
        WHERE c.duplicate_of = @Id AND c.status = 'published'
        ORDER BY c.id;
        """;

    /// <summary>Reads the two results of <see cref="ForPageSql"/>.</summary>
    internal static async Task<DuplicateLinks> ReadForPageAsync(SqlMapper.GridReader multi)
    {
        var first = await multi.ReadSingleOrDefaultAsync<DuplicateArticle>();
        return new DuplicateLinks(first, [.. await multi.ReadAsync<DuplicateArticle>()]);
    }
}

/// <summary>
/// What linking a stored batch takes: its new and updated articles with the signatures stored with
/// them, and which of them were updates (their earlier band keys are replaced, their copies looked at again).
/// </summary>
/// <param name="Unplaced">Of <paramref name="Written"/>, those still to be placed in stories (null: all of them).</param>
public sealed record BatchLinks(IReadOnlyList<(long Id, NearDuplicateSignature Signature)> Written, IReadOnlyList<long> UpdatedIds,
    IReadOnlyList<long>? Unplaced = null);

/// <summary>An article as a near-duplicate note names it.</summary>
public sealed record DuplicateArticle(long Id, string Title, long? SourceId, string? SourceName, string? OriginalUrl);

/// <summary>The first copy an article points at (null for a first copy), and the copies that point at it.</summary>
public sealed record DuplicateLinks(DuplicateArticle? FirstCopy, IReadOnlyList<DuplicateArticle> Copies);
