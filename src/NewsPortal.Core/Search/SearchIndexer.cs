using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace NewsPortal.Core.Search;

/// <summary>
/// Turns queued articles (<c>search_pending</c>, filled by triggers on <c>articles</c>) into
/// <c>article_search</c> rows, for the articles a search can find (published first copies; any
/// other queued article loses its row). Any number of indexers may run at once, on web nodes and ingestion
/// workers alike: each batch locks its queue rows with SKIP LOCKED, so two never take one article.
/// </summary>
public sealed class SearchIndexer(NpgsqlDataSource dataSource, ILogger<SearchIndexer> logger)
{
    public const int BatchSize = 500;

    /// <summary>The memory a pending-list merge triggered by the indexer's insert gathers keys in.</summary>
    public const string MergeWorkMemory = "64MB";

    private static readonly TimeSpan MergeTimeout = TimeSpan.FromMinutes(10);

    private sealed record Pending(long Id, string? Title, string? Summary, string? BodyText, DateTimeOffset? ListedAt, bool Found);

    private sealed record Indexed(long Id, DateTimeOffset ListedAt, int[] Keys, string Title, string Body);

    /// <summary>Indexes up to <paramref name="max"/> queued articles; returns how many left the queue.</summary>
    public async Task<int> IndexBatchAsync(int max, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var pending = (await connection.QueryAsync<Pending>(new CommandDefinition("""
            SELECT p.article_id AS id, a.title, a.summary, a.body_text AS BodyText, a.listed_at AS ListedAt,
                   coalesce(a.status = 'published' AND a.duplicate_of IS NULL, false) AS Found
            FROM search_pending p LEFT JOIN articles a ON a.id = p.article_id
            ORDER BY p.article_id
            LIMIT @Max
            FOR UPDATE OF p SKIP LOCKED
            """, new { Max = max }, tx, cancellationToken: ct))).ToList();
        if (pending.Count == 0) return 0;

        // The insert that fills the GIN index's pending list past its limit merges the list into the
        // index, gathering keys in work_mem and writing them out each time it fills. At the default
        // 4 MB a 16 MB list (~1,800 articles) was written out in several rounds, each rewriting the
        // posting lists of most keys again: re-indexing 9,233 of 100,000 articles took 70 s and 1 MB
        // of WAL an article, 26–31 s and about half the WAL with 32–128 MB (docs/performance.md).
        // Set only when there is work: a pass after a lost-notification time-out finds the queue empty.
        await connection.ExecuteAsync(new CommandDefinition($"SET LOCAL work_mem = '{MergeWorkMemory}'", transaction: tx, cancellationToken: ct));

        var indexed = new Indexed[pending.Count];
        Parallel.For(0, pending.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var p = pending[i];
            // Deleted meanwhile, withdrawn, or a copy: no search finds it, so it has no row (migration 0031).
            if (!p.Found || p.Title is null) return;
            var title = SearchText.Normalize(p.Title);
            var body = SearchText.Normalize(Document(p.Summary ?? "", p.BodyText ?? ""));
            var keys = SearchText.Keys(SearchText.BucketOf(p.ListedAt!.Value), title, body);
            indexed[i] = new Indexed(p.Id, p.ListedAt.Value, keys, StripNul(title), StripNul(body));
        });

        var ids = pending.Select(p => p.Id).ToArray();
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM article_search WHERE article_id = ANY(@Ids)", new { Ids = ids }, tx, (int)MergeTimeout.TotalSeconds, cancellationToken: ct));
        await using (var copy = await connection.BeginBinaryImportAsync("COPY article_search (article_id, listed_at, keys, title, body) FROM STDIN (FORMAT BINARY)", ct))
        {
            // The insert that fills the GIN index's pending list past its limit merges the list into
            // the index before it returns: tens of seconds on a large index, and nothing is wrong.
            copy.Timeout = MergeTimeout;
            foreach (var row in indexed)
            {
                if (row is null) continue;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(row.ListedAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(row.Keys, NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(row.Title, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Body, NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM search_pending WHERE article_id = ANY(@Ids)", new { Ids = ids }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return pending.Count;
    }

    /// <summary>A pass that indexed fewer articles than this merges the key index's pending list after it (<see cref="IndexAllAsync"/>).</summary>
    public const int MergeBelow = 100;

    /// <summary>
    /// Indexes until the queue is empty (or holds only rows other indexers have); returns how many.
    /// A trickle (under <see cref="MergeBelow"/> articles, what polling brings between two passes)
    /// is then merged from the GIN index's pending list into the index: every look-up reads that
    /// list whole, once per month walked, and with 3,000 articles in it a 3–6 character search's
    /// p95 went from 10 to 99 ms at 1,000,000 articles (docs/search.md). A larger pass, a backlog
    /// being worked off, leaves the list to fill and be merged at its limit, which costs far less
    /// per article; the first trickle after it merges what is left.
    /// </summary>
    public async Task<int> IndexAllAsync(CancellationToken ct) => await IndexAllAsync(mergePending: true, ct);

    private async Task<int> IndexAllAsync(bool mergePending, CancellationToken ct)
    {
        var total = 0;
        int n;
        while ((n = await IndexBatchAsync(BatchSize, ct)) > 0) total += n;
        if (total > 0) logger.LogInformation("Indexed {Count} articles for search", total);
        if (mergePending && total is > 0 and < MergeBelow) await MergePendingAsync(ct);
        return total;
    }

    private async Task MergePendingAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition("SELECT gin_clean_pending_list('article_search_keys_idx'::regclass)",
                commandTimeout: (int)MergeTimeout.TotalSeconds, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedObject)
        {
            // Not the index's owner, or the index dropped by a rebuild under way: searches still
            // find everything, they only read the list too.
            logger.LogDebug("Search index pending list not merged: {Reason}", e.MessageText);
        }
    }

    /// <summary>
    /// Builds the whole index afresh, the fast way: the key index is dropped, every article indexed
    /// by <paramref name="workers"/> indexers side by side, and the index built once at the end (a
    /// bulk build is several times faster and smaller than as many inserts). Search finds nothing
    /// until it is done; for a first import or after a change to how keys are made.
    /// </summary>
    public async Task<int> RebuildAsync(int workers, CancellationToken ct)
    {
        string definition;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            definition = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT pg_get_indexdef('article_search_keys_idx'::regclass)", cancellationToken: ct))
                ?? throw new InvalidOperationException("article_search_keys_idx is missing");
            await connection.ExecuteAsync(new CommandDefinition("""
                TRUNCATE article_search;
                DROP INDEX article_search_keys_idx;
                INSERT INTO search_pending (article_id) SELECT id FROM articles ON CONFLICT (article_id) DO UPDATE SET queued_at = now();
                """, cancellationToken: ct, commandTimeout: 0));
        }
        var done = await Task.WhenAll(Enumerable.Range(0, Math.Max(1, workers)).Select(_ => Task.Run(() => IndexAllAsync(mergePending: false, ct), ct)));
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            await connection.ExecuteAsync(new CommandDefinition("SET maintenance_work_mem = '512MB'", cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(definition, cancellationToken: ct, commandTimeout: 0));
            await connection.ExecuteAsync(new CommandDefinition("ANALYZE article_search", cancellationToken: ct, commandTimeout: 0));
        }
        return done.Sum();
    }

    /// <summary>The searchable text after the title, laid out as the snippet query rebuilds it from the article.</summary>
    public static string Document(string summary, string bodyText) => summary + "\n" + bodyText;

    // PostgreSQL text holds no NUL; the article text never has one either, but a key source must not fail on it.
    private static string StripNul(string s) => s.Contains('\0') ? s.Replace('\0', ' ') : s;
}
