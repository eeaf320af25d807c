using System.Diagnostics;
using Dapper;
using NewsPortal.Core.Storage;
using Npgsql;


namespace NewsPortal.Benchmarks;

/// <summary>
/// Reader queries at scale: fills a scratch database with N articles (default 1,000,000) spread
/// over 50 outlets, then times the front page, a deep page, an outlet page, the related-articles
/// query and near-duplicate linking through the real stores. Prints milliseconds; asserts nothing.
/// </summary>
internal static class ReaderBenchmark
{
    public static async Task<int> RunAsync(string admin, int count)
    {
        const string database = "newsportal_bench";

        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            await connection.ExecuteAsync($"CREATE DATABASE {database}");
        }
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ToString();
        await using var dataSource = NewsPortalDatabase.Create(connectionString);
        await new MigrationRunner(dataSource).MigrateAsync();

        var fill = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO sources (name, host) SELECT '媒体' || i, 'outlet' || i || '.example.cn' FROM generate_series(1, 50) i
                """);
            // Sketch elements drawn from 200,000 values: each one is shared by ~640 articles, a harsher
            // overlap than real bigram sketches, so the related query sees large candidate sets.
            await connection.ExecuteAsync("""
                INSERT INTO articles (source_id, identity_key, title, summary, body_html, body_text, published_at, listed_at,
                                      content_hash, input_path, input_format, similarity_sketch)
                SELECT 1 + i % 50, 'bench:' || i, '标题 ' || i, '摘要 ' || i, '<p>正文</p>', '正文',
                       t, t, md5(i::text), 'bench', 'bench',
                       ARRAY(SELECT (random() * 200000)::int FROM generate_series(1, 128) ORDER BY 1)
                FROM generate_series(1, @Count) i,
                     LATERAL (SELECT timestamptz '2020-01-01' + (i * interval '2 minutes') + (random() * interval '1 minute') AS t) times
                """, new { Count = count }, commandTimeout: 0);
            // Near-duplicate band keys are hashes, so nearly unique; every tenth article is a linked copy.
            await connection.ExecuteAsync("""
                INSERT INTO article_band_keys (band_key, article_id)
                SELECT (random() * 9e18)::bigint, id FROM articles, generate_series(1, 40);
                UPDATE articles SET duplicate_of = CASE WHEN id % 10 = 0 THEN id - 1 END;
                """, commandTimeout: 0);
            // VACUUM, not only ANALYZE: it merges the GIN indexes' pending lists, as autovacuum does in service.
            await connection.ExecuteAsync("VACUUM ANALYZE articles, article_band_keys", commandTimeout: 0);
            await connection.ExecuteAsync("ANALYZE sources", commandTimeout: 0);
        }
        Console.WriteLine($"filled {count:N0} articles in {fill.Elapsed.TotalSeconds:F1} s");

        var articles = new ArticleStore(dataSource);
        var related = new RelatedArticlesQuery(dataSource);
        var first = await articles.ListPublishedAsync(null, 20, null, CancellationToken.None);
        var middle = new ListCursor(first.Items[0].ListedAt.AddDays(-(count / 2.0) * 2 / 60 / 24), long.MaxValue);
        var ids = Enumerable.Range(0, 20).Select(i => (long)(1 + (i * 48_271L) % count)).ToArray();

        await Measure("front page (20 items)", () => articles.ListPublishedAsync(null, 20, null, CancellationToken.None));
        await Measure("page at half depth", () => articles.ListPublishedAsync(middle, 20, null, CancellationToken.None));
        await Measure("outlet page", () => articles.ListPublishedAsync(null, 20, 7, CancellationToken.None));
        await Measure("outlet page at half depth", () => articles.ListPublishedAsync(middle, 20, 7, CancellationToken.None));
        var i = 0;
        await Measure("related articles", () => related.FindAsync(ids[i++ % ids.Length], 8, CancellationToken.None));
        var nearDuplicates = new NearDuplicateStore(dataSource);
        // 1,500 characters drawn from the 3,000 commonest-range ideographs: long texts, each its own.
        var bodies = ids.Select(id => new Random((int)id)).Select(r => new string([.. Enumerable.Range(0, 1500).Select(_ => (char)(0x4E00 + r.Next(3000)))])).ToArray();
        await Measure("link a batch of 20 articles", async () =>
        {
            // Real bodies for 20 stored articles, their signatures, candidates and links; rolled back after.
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("UPDATE articles SET body_text = b.body FROM unnest(@Ids, @Bodies) AS b(id, body) WHERE articles.id = b.id",
                new { Ids = ids, Bodies = bodies }, tx);
            await nearDuplicates.LinkAsync(connection, tx, ids, CancellationToken.None);
            await tx.RollbackAsync();
            return 0;
        });
        return 0;
    }

    private static async Task Measure<T>(string name, Func<Task<T>> query)
    {
        for (var w = 0; w < 3; w++) await query();
        var times = new List<double>();
        for (var r = 0; r < 20; r++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{name,-28} median {times[times.Count / 2],8:F2} ms   p95 {times[(int)(times.Count * 0.95) - 1],8:F2} ms");
    }
}
