using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using NewsPortal.Core.Search;
using NewsPortal.Core.Storage;
using Npgsql;

namespace NewsPortal.Benchmarks;

/// <summary>
/// Reader search on the reader benchmark's database (<c>newsportal_bench</c>, filled by the reader
/// command): indexes whatever is queued (every article after migration 0016) with the given number
/// of indexers side by side, then times query classes the issue names — three or more characters,
/// rare two-character words, the most common two-character words, one character, Latin — by
/// relevance and by time, and prints each class's plan, failing loudly on a sequential scan.
/// Queries are drawn from the articles' own text, so they are words the corpus holds.
/// </summary>
internal static class SearchBenchmark
{
    private const int QueriesPerClass = 40;

    public static async Task<int> RunAsync(string admin, int indexers, bool rebuild)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = "newsportal_bench" }.ToString();
        await using var dataSource = NewsPortalDatabase.Create(connectionString);
        await new MigrationRunner(dataSource).MigrateAsync();
        await using (var c = await dataSource.OpenConnectionAsync())
        {
            var queued = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM search_pending");
            if (queued > 0 || rebuild)
            {
                var indexer = new SearchIndexer(dataSource, NullLogger<SearchIndexer>.Instance);
                var watch = Stopwatch.StartNew();
                if (rebuild)
                {
                    var n = await indexer.RebuildAsync(indexers, CancellationToken.None);
                    Console.WriteLine($"rebuilt the index of {n:N0} articles in {watch.Elapsed.TotalSeconds:F1} s with {indexers} indexer(s) and one bulk build");
                }
                else
                {
                    var done = await Task.WhenAll(Enumerable.Range(0, indexers).Select(_ => Task.Run(() => indexer.IndexAllAsync(CancellationToken.None))));
                    Console.WriteLine($"indexed {done.Sum():N0} articles in {watch.Elapsed.TotalSeconds:F1} s with {indexers} indexer(s): " +
                                      $"{done.Sum() / watch.Elapsed.TotalSeconds:N0} articles/s");
                    // ANALYZE only: a VACUUM would first merge the GIN pending list, which an index in service
                    // leaves to its inserts and autovacuum; queries here meet the index as it is in service.
                    await c.ExecuteAsync("ANALYZE article_search", commandTimeout: 0);
                }
            }
            var sizes = await c.QuerySingleAsync<(long Table, long Keys, long Listed)>("""
                SELECT pg_total_relation_size('article_search') - pg_relation_size('article_search_keys_idx') - pg_relation_size('article_search_listed_idx'),
                       pg_relation_size('article_search_keys_idx'), pg_relation_size('article_search_listed_idx')
                """);
            Console.WriteLine($"article_search: {await c.ExecuteScalarAsync<long>("SELECT count(*) FROM article_search"):N0} rows; table {sizes.Table / 1048576:N0} MB, " +
                              $"key index {sizes.Keys / 1048576:N0} MB, time index {sizes.Listed / 1048576:N0} MB");
        }

        var classes = await DrawQueriesAsync(dataSource);
        var store = new SearchStore(dataSource);
        var now = DateTimeOffset.UtcNow;
        var failed = false;
        // One search outside the classes first, untimed: the process's first search pays .NET's JIT,
        // Dapper's row mapping and a new connection (~100 ms) that a running web node paid long ago.
        await store.SearchAsync(SearchQuery.Parse("中国"), new SearchFilters(), null, 20, now, CancellationToken.None);
        Console.WriteLine($"{"class",-34} {"order",-9} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"hits",6}");
        foreach (var (name, queries) in classes)
        {
            foreach (var byTime in new[] { false, true })
            {
                var filters = new SearchFilters(ByTime: byTime);
                var times = new List<double>();
                var hits = 0L;
                var slowest = (Ms: 0.0, Query: "");
                foreach (var q in queries)
                {
                    var query = SearchQuery.Parse(q);
                    var watch = Stopwatch.StartNew();
                    var page = await store.SearchAsync(query, filters, null, 20, now, CancellationToken.None);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    if (times[^1] > slowest.Ms) slowest = (times[^1], q);
                    hits += page.Hits.Count;
                }
                times.Sort();
                Console.WriteLine($"{name,-34} {(byTime ? "time" : "relevance"),-9} {times[times.Count / 2],8:F1} {times[(int)(times.Count * 0.95)],8:F1} {times[^1],8:F1} {hits / (double)queries.Count,6:F1}  slowest: {slowest.Query}");
            }
            failed |= await PrintPlanAsync(store, name, queries[0]);
        }
        return failed ? 1 : 0;
    }

    /// <summary>Query classes from a sample of article text: pair frequencies give common and rare words.</summary>
    private static async Task<List<(string Name, List<string> Queries)>> DrawQueriesAsync(NpgsqlDataSource dataSource)
    {
        await using var c = await dataSource.OpenConnectionAsync();
        var sample = (await c.QueryAsync<(string Title, string Body)>(
            "SELECT title, left(body_text, 2000) AS body FROM articles TABLESAMPLE SYSTEM (1) REPEATABLE (7) LIMIT 3000")).ToList();
        var documentsWith = new Dictionary<string, int>();
        foreach (var (title, body) in sample)
        {
            var seen = new HashSet<string>();
            var text = SearchText.Normalize(title + "\n" + body);
            for (var i = 0; i + 1 < text.Length; i++)
                if (SearchText.IsIdeographic(text[i]) && SearchText.IsIdeographic(text[i + 1])) seen.Add(text.Substring(i, 2));
            foreach (var pair in seen) documentsWith[pair] = documentsWith.GetValueOrDefault(pair) + 1;
        }
        var byFrequency = documentsWith.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var common = byFrequency.Take(QueriesPerClass).Select(p => p.Key).ToList();
        // In about one sampled document in a thousand: a word a reader would look up, not a slip.
        var rare = byFrequency.Where(p => p.Value is >= 3 and <= 6).Take(QueriesPerClass).Select(p => p.Key).ToList();
        var random = new Random(11);
        var longer = sample.Select(s => SearchText.Normalize(s.Title)).Where(t => t.Length >= 8).OrderBy(_ => random.Next()).Take(QueriesPerClass)
            .Select(t => { var len = 3 + random.Next(4); var at = random.Next(t.Length - len); return t.Substring(at, len); })
            .Where(q => q.All(SearchText.IsIdeographic)).ToList();
        var single = byFrequency.SelectMany(p => p.Key).Distinct().Skip(50).Take(QueriesPerClass).Select(ch => ch.ToString()).ToList();
        var mostCommonChar = byFrequency.SelectMany(p => p.Key).GroupBy(ch => ch).OrderByDescending(g => g.Count()).Take(QueriesPerClass).Select(g => g.Key.ToString()).ToList();
        Console.WriteLine($"queries from {sample.Count:N0} sampled articles; most common pairs: {string.Join(' ', common.Take(8))} " +
                          $"(in {byFrequency[0].Value * 100.0 / sample.Count:F0}%–{byFrequency[Math.Min(7, byFrequency.Count - 1)].Value * 100.0 / sample.Count:F0}% of them)");
        return
        [
            ("3-6 characters from titles", longer),
            ("rare two-character words", rare),
            ("most common two-character words", common),
            ("one character", single),
            ("one of the commonest characters", mostCommonChar),
        ];
    }

    private static async Task<bool> PrintPlanAsync(SearchStore store, string name, string query)
    {
        // The statement a search runs, as SearchStore builds it: the plan printed is the plan run.
        var plan = string.Join("\n", await store.ExplainAsync(SearchQuery.Parse(query), new SearchFilters(), CancellationToken.None));
        var seq = plan.Contains("Seq Scan", StringComparison.Ordinal);
        Console.WriteLine($"plan for {name} ({query}){(seq ? " — SEQUENTIAL SCAN" : "")}:\n  " + plan.Replace("\n", "\n  "));
        return seq;
    }
}
