using Dapper;
using NewsPortal.Core.Text;
using Npgsql;

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
/// those links for the article page. Linking runs inside the ingest transaction, on all the
/// articles a batch inserted or changed at once.
/// </summary>
public sealed class NearDuplicateStore(NpgsqlDataSource dataSource)
{
    // More candidates than this for one article means a text many articles share; the earliest are
    // the ones that matter, as a copy links to the first copy.
    private const int CandidateLimit = 200;

    private sealed record CandidateRow(long ArticleId, long Id, long? DuplicateOf, int[] TextSignature, int[] TextLeadSignature, int TextShingles);

    /// <summary>
    /// Computes the signatures of <paramref name="ids"/> from their stored body text, then links them
    /// as <see cref="LinkSignedAsync"/> does: for articles stored without a signature.
    /// </summary>
    public async Task LinkAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        await StoreSignaturesAsync(connection, tx, [.. ids], ct);
        await LinkSignedAsync(connection, tx, ids, ct);
    }

    /// <summary>
    /// Links each of <paramref name="ids"/> (whose stored signatures are current), and each copy of
    /// them, to the first copy of its text, or unlinks it when none is left. Copies within
    /// <paramref name="ids"/> link to the lowest id.
    /// </summary>
    public async Task LinkSignedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        // An article's copies are looked at again too: a first copy whose text changed may no longer be theirs.
        var rows = (await connection.QueryAsync<SignatureRow>(new CommandDefinition("""
            SELECT id, duplicate_of, text_signature, text_lead_signature, text_shingles
            FROM articles WHERE id = ANY(@Ids) OR duplicate_of = ANY(@Ids)
            ORDER BY id
            """, new { Ids = ids.ToArray() }, tx, cancellationToken: ct))).ToList();
        // OFFSET 0 fences the band-key index scan off from the id conditions: else ORDER BY id LIMIT
        // invites a walk of the primary key, and c.id < e.id a bitmap of half of it.
        var candidates = (await connection.QueryAsync<CandidateRow>(new CommandDefinition("""
            SELECT e.id AS article_id, c.id, c.duplicate_of, c.text_signature, c.text_lead_signature, c.text_shingles
            FROM articles e
            CROSS JOIN LATERAL (
                SELECT * FROM (
                    SELECT c.id, c.duplicate_of, c.text_signature, c.text_lead_signature, c.text_shingles
                    FROM articles c
                    WHERE c.text_band_keys && e.text_band_keys
                    OFFSET 0
                ) shared WHERE id < e.id ORDER BY id LIMIT @CandidateLimit
            ) c
            WHERE e.id = ANY(@Ids) AND cardinality(e.text_band_keys) > 0
            """, new { Ids = rows.Select(r => r.Id).ToArray(), CandidateLimit }, tx, cancellationToken: ct)))
            .ToLookup(c => c.ArticleId);

        var firstCopies = FirstCopies(rows, candidates);
        var changed = rows.Where(r => r.DuplicateOf != firstCopies[r.Id]).ToList();
        if (changed.Count == 0) return;
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE articles a SET duplicate_of = u.first_copy
            FROM unnest(@Ids, @FirstCopies) AS u(id, first_copy)
            WHERE a.id = u.id
            """, new { Ids = changed.Select(r => r.Id).ToArray(), FirstCopies = changed.Select(r => firstCopies[r.Id]).ToArray() },
            tx, cancellationToken: ct));
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

    private static async Task StoreSignaturesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long[] ids, CancellationToken ct)
    {
        var bodies = await connection.QueryAsync<(long Id, string BodyText)>(new CommandDefinition(
            "SELECT id, body_text FROM articles WHERE id = ANY(@Ids)", new { Ids = ids }, tx, cancellationToken: ct));
        // Arrays of arrays do not pass through unnest(), so one UPDATE per article, all in one round trip.
        await using var batch = new NpgsqlBatch(connection, tx);
        foreach (var (id, bodyText) in bodies)
        {
            var signature = NearDuplicateSignature.Compute(bodyText);
            var command = new NpgsqlBatchCommand("""
                UPDATE articles SET text_signature = $2, text_lead_signature = $3, text_shingles = $4, text_band_keys = $5
                WHERE id = $1
                """);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = signature.Minima });
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = signature.LeadMinima });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = signature.ShingleCount });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = signature.BandKeys() });
            batch.BatchCommands.Add(command);
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
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
        using var multi = await connection.QueryMultipleAsync(new CommandDefinition("""
            SELECT f.id, f.title, f.source_id, s.name AS source_name, f.original_url
            FROM articles a JOIN articles f ON f.id = a.duplicate_of LEFT JOIN sources s ON s.id = f.source_id
            WHERE a.id = @Id AND f.status = 'published';
            SELECT c.id, c.title, c.source_id, s.name AS source_name, c.original_url
            FROM articles c LEFT JOIN sources s ON s.id = c.source_id
            WHERE c.duplicate_of = @Id AND c.status = 'published'
            ORDER BY c.id;
            """, new { Id = articleId }, cancellationToken: ct));
        var first = await multi.ReadSingleOrDefaultAsync<DuplicateArticle>();
        return new DuplicateLinks(first, [.. await multi.ReadAsync<DuplicateArticle>()]);
    }
}

/// <summary>An article as a near-duplicate note names it.</summary>
public sealed record DuplicateArticle(long Id, string Title, long? SourceId, string? SourceName, string? OriginalUrl);

/// <summary>The first copy an article points at (null for a first copy), and the copies that point at it.</summary>
public sealed record DuplicateLinks(DuplicateArticle? FirstCopy, IReadOnlyList<DuplicateArticle> Copies);
