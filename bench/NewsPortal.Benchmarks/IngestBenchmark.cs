using System.Diagnostics;
using System.Globalization;
using Dapper;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Text;
using Npgsql;

namespace NewsPortal.Benchmarks;

/// <summary>
/// Ingestion end to end: generates a seeded inbox of N items (default 100,000), times the parsers
/// alone on one thread, then runs the real ingestion service as a child process
/// (<c>NewsPortal.Ingestion ingest FOLDER</c>, as built beside this benchmark) into a fresh database,
/// twice: the first run stores everything, the second finds it all unchanged. Prints items per
/// second, the child's peak resident memory (VmHWM, polled), the database size, and the child's own
/// line saying where its time went. With <c>searchIndex</c>, the search index is kept current while
/// it runs, as a web node keeps it (<see cref="SearchIndexer.IndexAllAsync"/> every second, in this
/// process), and the run also prints how long after the ingest ended the index had caught up and
/// what the indexing cost. Asserts nothing.
/// </summary>
internal static class IngestBenchmark
{
    private const string Database = "newsportal_ingest_bench";
    private const int Seed = 20231108;


    /// <summary>
    /// How alike unrelated generated articles are, by the near-duplicate signature: the candidate
    /// lookups of linking cost what this overlap makes them cost, so it should sit near real news
    /// (unrelated corpus articles: estimated Jaccard at most 0.125, most near 0.01).
    /// </summary>
    private static string TextOverlap()
    {
        var text = new ChineseNewsText(new Random(Seed + 1));
        var signatures = Enumerable.Range(0, 300)
            .Select(_ => NewsPortal.Core.Text.NearDuplicateSignature.Compute(string.Join("\n", text.Paragraphs())))
            .Where(s => s.IsLinkable).ToList();
        var keys = signatures.Select(s => s.BandKeys().ToHashSet()).ToList();
        double sum = 0, max = 0;
        int pairs = 0, sharing = 0;
        for (var i = 0; i < signatures.Count; i++)
            for (var j = i + 1; j < signatures.Count; j++)
            {
                var jaccard = signatures[i].CompareWith(signatures[j]).Jaccard;
                sum += jaccard;
                max = Math.Max(max, jaccard);
                pairs++;
                if (keys[i].Overlaps(keys[j])) sharing++;
            }
        return $"text overlap of {signatures.Count} unrelated generated bodies: estimated Jaccard mean {sum / pairs:F3}, max {max:F3}; " +
            $"{100.0 * sharing / pairs:F2}% of pairs share a band key (each such pair is a candidate to verify when linking)";
    }

    public static async Task<int> RunAsync(string admin, int items, string? folder, bool parsePass, bool searchIndex = false)
    {
        folder ??= Path.Combine(Path.GetTempPath(), $"newsportal-ingest-bench-{items}");
        var ingestion = IngestionDll();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var watch = Stopwatch.StartNew();
        var corpus = new NewsCorpusGenerator(Seed).Write(folder, items);
        Console.WriteLine($"generated {corpus.Items:N0} items in {corpus.Files:N0} files ({corpus.DumpFiles:N0} markdown dumps, " +
            $"{corpus.FeedFiles:N0} feed files; {corpus.Recaptured} dumps recapture an earlier item), " +
            $"{corpus.Bytes / 1e6:F0} MB in {watch.Elapsed.TotalSeconds:F1} s under {folder}");

        Console.WriteLine(TextOverlap());
        if (parsePass) ParseOnly(folder);

        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)");
            await connection.ExecuteAsync($"CREATE DATABASE {Database}");
            Console.WriteLine($"PostgreSQL {await connection.ExecuteScalarAsync<string>("SHOW server_version")}: " +
                $"fsync {await connection.ExecuteScalarAsync<string>("SHOW fsync")}, " +
                $"synchronous_commit {await connection.ExecuteScalarAsync<string>("SHOW synchronous_commit")}, " +
                $"shared_buffers {await connection.ExecuteScalarAsync<string>("SHOW shared_buffers")}");
        }
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = Database }.ToString();
        int postmaster;
        await using (var connection = new NpgsqlConnection(admin))
            postmaster = ProcessCpu.ParentOf(await connection.ExecuteScalarAsync<int>("SELECT pg_backend_pid()"));

        await IngestAsync("first run (fresh database)", ingestion, connectionString, folder, postmaster, searchIndex);
        await PrintSizesAsync(connectionString);
        await IngestAsync("second run (all unchanged)", ingestion, connectionString, folder, postmaster, searchIndex);
        await PrintSizesAsync(connectionString);
        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    /// <summary>The parsers and the per-item work before storing (identity, hash, near-duplicate signature), one thread, no database.</summary>
    private static void ParseOnly(string folder)
    {
        var parsers = ParserSelector.CreateDefault();
        var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();
        var items = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        foreach (var file in files)
        {
            var result = parsers.Parse(File.ReadAllBytes(file), new InputOrigin(file));
            foreach (var article in result.Items.Select(i => i.Article).OfType<ParsedArticle>())
            {
                _ = ArticleIdentity.KeyOf(article);
                _ = ArticleIdentity.ContentHashOf(article);
                _ = NearDuplicateSignature.Compute(article.BodyText);
                _ = NewsPortal.Core.Stories.StoryFeatures.Compute(article.Title, article.BodyText);
                items++;
            }
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"parse only, one thread: {items:N0} items in {seconds:F1} s = {items / seconds:F0} items/s " +
            $"({cpuSeconds / items * 1000:F2} ms CPU per item, GC included)");
    }

    private static async Task IngestAsync(string label, string dll, string connectionString, string folder, int postmaster, bool searchIndex)
    {
        // One connection of our own for the server's counters, opened before the CPU is read so that
        // its start is not counted.
        await using var stats = new NpgsqlConnection(connectionString);
        await stats.OpenAsync();
        var walBefore = await stats.ExecuteScalarAsync<string>("SELECT pg_current_wal_lsn()::text");
        var checkpointsBefore = await CheckpointsAsync(stats);
        var childCpu = ProcessCpu.OfFinishedChildren();
        var postgresCpu = ProcessCpu.OfPostgres(postmaster);
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var indexing = searchIndex ? SearchAlongside.Start(connectionString) : null;
        using var process = StartIngestion(connectionString, null, "ingest", folder);
        var stdout = process.StandardOutput.ReadToEndAsync();
        string? runLine = null;
        var errors = 0;
        var stderr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                if (line.Contains("] Run ", StringComparison.Ordinal)) runLine = line;
                else if (line.Contains(" ERR]", StringComparison.Ordinal) || line.Contains(" FTL]", StringComparison.Ordinal)) errors++;
            }
        });
        long peakKb = 0;
        while (!process.HasExited)
        {
            peakKb = Math.Max(peakKb, PeakResidentKb(process.Id));
            await Task.Delay(50);
        }
        await process.WaitForExitAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        childCpu = ProcessCpu.OfFinishedChildren() - childCpu;
        // The indexer goes on until the queue is empty, and its connections close before the
        // server's CPU is read, so that the figure holds ingesting and indexing both.
        int? indexed = indexing is null ? null : await indexing.CatchUpAsync();
        var indexedAt = watch.Elapsed.TotalSeconds;
        var indexerCpu = (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds;
        // A backend still finishing its last work after the client exited (or exited but not yet
        // reaped, whose CPU is in neither place) would be missed: read once they are all gone.
        var lingering = await WaitForOtherBackendsAsync(stats, TimeSpan.FromSeconds(10));
        postgresCpu = ProcessCpu.OfPostgres(postmaster) - postgresCpu;
        var walBytes = await stats.ExecuteScalarAsync<long>("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), @Before::pg_lsn)::bigint", new { Before = walBefore });
        var checkpoints = await CheckpointsAsync(stats) - checkpointsBefore;
        await stderr;
        var counts = (await stdout).Trim();
        if (!counts.StartsWith("read ", StringComparison.Ordinal))
        {
            Console.WriteLine($"{label}: the ingestion service exited with {process.ExitCode} and printed no counts");
            return;
        }
        var read = int.Parse(counts.Split(',')[0].Replace("read ", ""), CultureInfo.InvariantCulture);
        Console.WriteLine($"{label}: {counts} (exit {process.ExitCode}, {errors} error lines)");
        Console.WriteLine($"  {read:N0} items in {seconds:F1} s = {read / seconds:F0} items/s end to end (process start to exit); " +
            $"peak resident memory {peakKb / 1024.0:F0} MB");
        // CPU time per item is what contention does not inflate: with 2 cores to itself the run could
        // go no faster than 2 / (both sides' CPU seconds per item).
        var cpuPerItem = (childCpu + postgresCpu) / read;
        Console.WriteLine($"  CPU: ingestion process {childCpu:F1} s ({childCpu / read * 1000:F2} ms/item), PostgreSQL {postgresCpu:F1} s " +
            $"({postgresCpu / read * 1000:F2} ms/item); bound on {Environment.ProcessorCount} uncontended cores {Environment.ProcessorCount / cpuPerItem:F0} items/s");
        Console.WriteLine($"  WAL written {walBytes / 1e6:F0} MB ({walBytes / (double)read / 1024:F1} KB/item), checkpoints {checkpoints}" +
            (lingering > 0 ? $"; {lingering} backend(s) still open 10 s after exit (PostgreSQL CPU may be low)" : ""));
        if (runLine is not null) Console.WriteLine($"  the service's own account: {runLine[(runLine.IndexOf("Run ", StringComparison.Ordinal))..]}");
        if (indexed is { } count)
            Console.WriteLine($"  search index kept current alongside (one indexer, every second, as a web node): {count:N0} articles indexed, " +
                $"the queue empty {indexedAt - seconds:F1} s after the ingest ended ({read / indexedAt:F0} items/s stored and findable); " +
                $"indexer CPU {indexerCpu:F1} s ({(count == 0 ? 0 : indexerCpu / count * 1000):F2} ms/article; its PostgreSQL work is in the PostgreSQL figure above)");
    }

    /// <summary>A search indexer in this process, as <c>SearchIndexService</c> runs one in each web node.</summary>
    private sealed class SearchAlongside
    {
        private readonly NpgsqlDataSource _dataSource;
        private readonly Core.Search.SearchIndexer _indexer;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<int> _loop;

        private SearchAlongside(string connectionString)
        {
            // With the product's connection options and Dapper mappings, as a web node opens it.
            _dataSource = Core.Storage.NewsPortalDatabase.Create(connectionString);
            _indexer = new Core.Search.SearchIndexer(_dataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<Core.Search.SearchIndexer>.Instance);
            _loop = Task.Run(LoopAsync);
        }

        public static SearchAlongside Start(string connectionString) => new(connectionString);

        private async Task<int> LoopAsync()
        {
            var indexed = 0;
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    indexed += await _indexer.IndexAllAsync(CancellationToken.None);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
                {
                    // The ingestion service has not migrated the fresh database yet.
                }
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
            return indexed;
        }

        /// <summary>Indexes what is still queued, then closes its connections; returns how many articles it indexed in all.</summary>
        public async Task<int> CatchUpAsync()
        {
            await _stop.CancelAsync();
            var indexed = await _loop + await _indexer.IndexAllAsync(CancellationToken.None);
            await _dataSource.DisposeAsync();
            return indexed;
        }
    }

    private static async Task<long> CheckpointsAsync(NpgsqlConnection connection) =>
        await connection.ExecuteScalarAsync<long>("SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter");

    /// <summary>Waits until no other backend is connected to this database; returns how many still are after <paramref name="limit"/>.</summary>
    private static async Task<int> WaitForOtherBackendsAsync(NpgsqlConnection connection, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var others = await connection.ExecuteScalarAsync<int>(
                "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()");
            if (others == 0 || watch.Elapsed > limit) return others;
            await Task.Delay(20);
        }
    }

    private static async Task PrintSizesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var database = await connection.ExecuteScalarAsync<long>("SELECT pg_database_size(current_database())");
        var tables = await connection.QueryAsync<(string Name, long Total, long Indexes)>("""
            SELECT relname, pg_total_relation_size(oid), pg_indexes_size(oid) FROM pg_class
            WHERE relname IN ('articles', 'article_images', 'article_revisions') ORDER BY 2 DESC
            """);
        var (storyCandidates, storyKeysIndex) = await connection.QuerySingleAsync<(long, long)>(
            "SELECT pg_relation_size('story_candidates'), pg_relation_size('story_candidates_keys_idx')");
        Console.WriteLine($"  database size {database / 1e6:F0} MB: " + string.Join(", ", tables.Select(t => $"{t.Name} {t.Total / 1e6:F0} MB (indexes {t.Indexes / 1e6:F0})"))
            + $"; story candidates {storyCandidates / 1e6:F0} MB, their key GIN index {storyKeysIndex / 1e6:F0} MB");
    }

    // VmHWM is the process's peak resident set so far; it only grows, so polling misses at most the last 50 ms.
    private static long PeakResidentKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0; // exited between the check and the read
        }
    }

    /// <summary>The machine's load averages over 1, 5 and 15 minutes, as printed beside a benchmark's numbers.</summary>
    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";

    /// <summary>
    /// The built ingestion service on the database with <paramref name="args"/>, its output
    /// redirected for the caller to read or drain; <paramref name="environment"/> adds settings.
    /// </summary>
    internal static Process StartIngestion(string connectionString, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(IngestionDll());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__NewsPortal"] = connectionString;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return Process.Start(start)!;
    }

    internal static string IngestionDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "src", "NewsPortal.Ingestion", "bin", configuration, "net10.0", "NewsPortal.Ingestion.dll");
            if (File.Exists(dll)) return dll;
        }
        throw new InvalidOperationException($"NewsPortal.Ingestion.dll ({configuration}) not found: build the solution first");
    }
}
