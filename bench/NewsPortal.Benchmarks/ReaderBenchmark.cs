using System.Diagnostics;
using Dapper;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Stories;
using Npgsql;

namespace NewsPortal.Benchmarks;

/// <summary>
/// Reader queries at scale: fills a scratch database with N articles (default 1,000,000) in event
/// clusters over years (<see cref="ReaderCorpus"/>), then times through the real stores the front
/// page, a page at half depth, an outlet's pages, the story sidebar for articles from the whole
/// time range, and near-duplicate linking with story assignment; checks that old articles' sidebars
/// list their events' other accounts. Prints milliseconds and sizes.
/// </summary>
internal static class ReaderBenchmark
{
    // ArticlesController.RelatedCount: what the article page asks for.
    private const int SidebarLimit = 8;

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

        var accounts = await ReaderCorpus.FillAsync(dataSource, count);
        await PrintCorpusAsync(dataSource, accounts);

        var articles = new ArticleStore(dataSource);
        var stories = new StoryStore(dataSource);
        var middle = new ListCursor(accounts[accounts.Length / 2].PublishedAt, long.MaxValue);
        await Measure("front page (20 items)", () => articles.ListPublishedAsync(null, 20, null, CancellationToken.None));
        await Measure("page at half depth", () => articles.ListPublishedAsync(middle, 20, null, CancellationToken.None));
        await Measure("outlet page", () => articles.ListPublishedAsync(null, 20, 7, CancellationToken.None));
        await Measure("outlet page at half depth", () => articles.ListPublishedAsync(middle, 20, 7, CancellationToken.None));
        await MeasureSidebarsAsync(stories, accounts);
        await CheckContemporariesAsync(stories, accounts);
        await MeasureLinkingAsync(dataSource, accounts);
        return 0;
    }

    private static async Task PrintCorpusAsync(NpgsqlDataSource dataSource, BenchAccount[] accounts)
    {
        var sizes = accounts.Where(a => a.DuplicateOf is null).GroupBy(a => a.StoryId).Select(g => g.Count()).ToList();
        Console.WriteLine($"{sizes.Count:N0} stories from {accounts[0].PublishedAt:yyyy-MM-dd} to {accounts[^1].PublishedAt:yyyy-MM-dd}: " +
            $"{100.0 * sizes.Count(s => s == 1) / sizes.Count:F1} % single accounts, {sizes.Count(s => s >= 3):N0} of 3 or more, " +
            $"{sizes.Count(s => s >= 8):N0} of 8 or more (largest {sizes.Max()}); {accounts.Count(a => a.DuplicateOf is not null):N0} linked copies");
        await using var connection = await dataSource.OpenConnectionAsync();
        Console.WriteLine($"stories with related coverage: {await connection.ExecuteScalarAsync<long>("SELECT count(DISTINCT story_id) FROM story_relations"):N0}");
        // The rules of StoryAggregates, over every story at once: the fill must agree with them.
        var differences = await connection.ExecuteScalarAsync<long>("""
            SELECT (SELECT count(*) FROM (
                        SELECT story_head, outlet_story_head,
                               row_number() OVER (PARTITION BY story_id ORDER BY listed_at DESC, id DESC) = 1 AS head,
                               row_number() OVER (PARTITION BY story_id, source_id ORDER BY listed_at DESC, id DESC) = 1 AS outlet_head
                        FROM articles WHERE status = 'published' AND duplicate_of IS NULL) h
                    WHERE (story_head, outlet_story_head) IS DISTINCT FROM (head, outlet_head))
                 + (SELECT count(*) FROM stories s FULL JOIN (
                        SELECT story_id, count(*) AS n, count(DISTINCT source_id) AS outlets, min(story_time) AS first_at, max(story_time) AS last_at
                        FROM articles WHERE status = 'published' AND duplicate_of IS NULL GROUP BY story_id) c ON c.story_id = s.id
                    WHERE (s.article_count, s.outlet_count, s.first_published_at, s.last_published_at) IS DISTINCT FROM (c.n, c.outlets, c.first_at, c.last_at))
                 + (SELECT count(*) FROM articles c JOIN articles f ON f.id = c.duplicate_of WHERE c.story_id <> f.story_id)
            """, commandTimeout: 0);
        Console.WriteLine($"heads, story counts and copies' stories that differ from StoryAggregates' rules: {differences}");
        var size = await connection.QuerySingleAsync<(long Database, long Story, long Keys, long Listing)>("""
            SELECT pg_database_size(current_database()), pg_relation_size('articles_story_idx'),
                   pg_relation_size('story_candidates_keys_idx'), pg_relation_size('articles_story_listing_idx')
            """);
        const double mb = 1 << 20;
        Console.WriteLine($"database {size.Database / mb:N0} MB; articles_story_idx {size.Story / mb:N1} MB, " +
            $"story_candidates_keys_idx {size.Keys / mb:N1} MB, articles_story_listing_idx {size.Listing / mb:N1} MB");
    }

    /// <summary>
    /// Each article of the sample once, in shuffled order, then all again: 150 at even steps through
    /// time (ids follow time) and 150 from events of 8 or more accounts, also spread over time.
    /// </summary>
    private static async Task MeasureSidebarsAsync(StoryStore stories, BenchAccount[] accounts)
    {
        var big = accounts.Where(a => a.StorySize >= 8).ToArray();
        var sample = Enumerable.Range(0, 150).Select(i => accounts[(int)((i + 0.5) * accounts.Length / 150)])
            .Concat(big.Length == 0 ? [] : Enumerable.Range(0, 150).Select(i => big[(int)((i + 0.5) * big.Length / 150)]))
            .DistinctBy(a => a.Id).ToArray();
        new Random(7).Shuffle(sample);
        for (var w = 0; w < 3; w++) await stories.SidebarAsync(accounts[w].Id, SidebarLimit, CancellationToken.None);
        foreach (var pass in new[] { "first visit", "again" })
        {
            var times = new List<(BenchAccount Account, double Ms)>();
            var related = 0;
            foreach (var a in sample)
            {
                var watch = Stopwatch.StartNew();
                var sidebar = await stories.SidebarAsync(a.Id, SidebarLimit, CancellationToken.None);
                times.Add((a, watch.Elapsed.TotalMilliseconds));
                if (sidebar.Related.Count > 0) related++;
            }
            var all = times.Select(t => t.Ms).ToList();
            string Median(Func<BenchAccount, bool> which) => $"{Percentile([.. times.Where(t => which(t.Account)).Select(t => t.Ms)], 0.5):F2}";
            var third = accounts.Length / 3;
            Console.WriteLine($"{$"story sidebar, {pass}",-28} median {Percentile(all, 0.5),8:F2} ms   p95 {Percentile(all, 0.95),8:F2} ms   " +
                $"({sample.Length} articles, {related} with related coverage; medians: oldest third {Median(a => a.Id <= third)}, middle {Median(a => a.Id > third && a.Id <= 2 * third)}, " +
                $"newest {Median(a => a.Id > 2 * third)}, events of 8 or more {Median(a => a.StorySize >= 8)} ms)");
        }
    }

    /// <summary>
    /// Fifty articles from the first tenth of the time range, first copies in events of 3 or more
    /// accounts: does the sidebar list exactly the event's other accounts (its first copies, and the
    /// copies other outlets ran, all of them accounts)? With a limit above the largest event, so that
    /// the page's 8 does not cut an event of 12 short.
    /// </summary>
    private static async Task CheckContemporariesAsync(StoryStore stories, BenchAccount[] accounts)
    {
        var end = accounts[0].PublishedAt + (accounts[^1].PublishedAt - accounts[0].PublishedAt) / 10;
        var old = accounts.Where(a => a.PublishedAt < end && a.DuplicateOf is null && a.StorySize >= 3).ToArray();
        var picked = Enumerable.Range(0, Math.Min(50, old.Length)).Select(i => old[i * old.Length / Math.Min(50, old.Length)]).ToArray();
        var byStory = accounts.ToLookup(a => a.StoryId, a => a.Id);
        var found = 0;
        foreach (var a in picked)
        {
            var sidebar = await stories.SidebarAsync(a.Id, 32, CancellationToken.None);
            if (sidebar.Accounts.Select(s => s.Id).ToHashSet().SetEquals(byStory[a.StoryId].Where(id => id != a.Id))) found++;
        }
        Console.WriteLine($"old articles find their contemporaries: {found} of {picked.Length}");
    }

    /// <summary>
    /// Twenty stored articles get a new body, another account of their own event, and lose their
    /// story as a new article has none; then their signatures, candidates, links and story
    /// assignment (<see cref="NearDuplicateStore.LinkAsync"/>). Rolled back every time.
    /// </summary>
    private static async Task MeasureLinkingAsync(NpgsqlDataSource dataSource, BenchAccount[] accounts)
    {
        var count = accounts.Length;
        var ids = Enumerable.Range(0, 20).Select(i => (long)(1 + (i * 48_271L) % count)).ToArray();
        var storyIds = ids.Select(id => accounts[id - 1].StoryId).ToArray();
        var bodies = ids.Select(id => ArticleText.Account(accounts[id - 1].StoryId, id + 100_000_000L, minChars: 1500).BodyText).ToArray();
        var others = ids.Count(id => accounts.Any(a => a.StoryId == accounts[id - 1].StoryId && a.Id != id));
        var nearDuplicates = new NearDuplicateStore(dataSource);
        var rejoined = 0;
        await Measure("link a batch of 20 articles", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("""
                UPDATE articles SET body_text = b.body, story_id = NULL, story_terms = NULL, story_weights = NULL, story_keys = NULL
                FROM unnest(@Ids, @Bodies) AS b(id, body) WHERE articles.id = b.id
                """, new { Ids = ids, Bodies = bodies }, tx);
            await nearDuplicates.LinkAsync(connection, tx, ids, CancellationToken.None);
            rejoined = await connection.ExecuteScalarAsync<int>("""
                SELECT count(*) FROM articles a JOIN unnest(@Ids, @Stories) AS o(id, story_id) ON o.id = a.id WHERE a.story_id = o.story_id
                """, new { Ids = ids, Stories = storyIds }, tx);
            await tx.RollbackAsync();
            return 0;
        });
        Console.WriteLine($"batch articles back in their own event's story: {rejoined} of 20 ({others} of them have another account to find)");
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
        Console.WriteLine($"{name,-28} median {Percentile(times, 0.5),8:F2} ms   p95 {Percentile(times, 0.95),8:F2} ms");
    }

    // Nearest rank: the smallest value at or above the share q of the values.
    private static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        values.Sort();
        return values[Math.Max(0, (int)Math.Ceiling(q * values.Count) - 1)];
    }
}
