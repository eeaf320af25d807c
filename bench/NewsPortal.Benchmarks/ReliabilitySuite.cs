using System.Diagnostics;
using System.Globalization;
using Dapper;
using Npgsql;

namespace NewsPortal.Benchmarks;

/// <summary>
/// Reliability against real processes on loopback (docs/operations.md, "Reliability"): a throwaway
/// PostgreSQL cluster, the built ingestion service and the built web app. (c) kills the ingestion
/// service mid-ingest K times and checks what was stored; then, on that data, (a) holds 256
/// connections on the front, article and feed routes for N seconds, (b) restarts the database
/// under load and (d) fills the image cache's disk (<see cref="FullDiskScenario"/>); (e) runs the
/// parsers' fuzz tests long (<see cref="FuzzScenario"/>). Prints numbers, asserts nothing; every
/// process it starts is stopped, failure or not. Given <c>only</c> (scenario letters), runs just
/// those; the data (a) and (b) read is then stored by one ingest without kills.
/// </summary>
internal static class ReliabilitySuite
{
    private const string Database = "newsportal_reliability";
    private const int Seed = 20261207;

    public static async Task<int> RunAsync(int seconds, int kills, int items, int fuzzInputs, string? only = null)
    {
        var named = only?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        bool Runs(string scenario) => named is null || named.Contains(scenario, StringComparer.Ordinal);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {IngestBenchmark.LoadAverage()}; {seconds} s of load, {kills} kills, {items:N0} items, {fuzzInputs:N0} fuzz inputs" +
            (only is null ? "" : $"; only {only}"));
        // (e) needs no cluster: with only (e) named, none is started.
        var status = named is null || named.Any(s => s != "e") ? await RunOnClusterAsync(seconds, kills, items, Runs) : 0;
        if (Runs("e") && !await FuzzScenario.RunAsync(fuzzInputs) && status == 0) status = 1;
        return status;
    }

    private static async Task<int> RunOnClusterAsync(int seconds, int kills, int items, Func<string, bool> runs)
    {
        var webDll = WebDll();
        var folder = Directory.CreateTempSubdirectory("newsportal-reliability-inbox.").FullName;
        using var cluster = ThrowawayCluster.Start();
        Process? web = null;
        try
        {
            Console.WriteLine($"PostgreSQL on 127.0.0.1:{cluster.Port} in {cluster.Data}");
            await using (var admin = new NpgsqlConnection(cluster.Admin)) await admin.ExecuteAsync($"CREATE DATABASE {Database}");
            var connectionString = new NpgsqlConnectionStringBuilder(cluster.Admin) { Database = Database }.ToString();
            var corpus = new NewsCorpusGenerator(Seed).Write(folder, items);
            Console.WriteLine($"generated {corpus.Items:N0} items in {corpus.Files:N0} files under {folder}");

            if (runs("c"))
            {
                Console.WriteLine($"(c) kill -9 of the ingestion service mid-ingest, {kills} times, then a complete run:");
                await IngestKillScenario.RunAsync(connectionString, folder, corpus.Items, kills, Seed);
            }
            else
            {
                Console.WriteLine("the data for the other scenarios: one complete ingest run, no kills:");
                await IngestKillScenario.RunAsync(connectionString, folder, corpus.Items, 0, Seed);
            }

            if (runs("c2"))
            {
                // The same folder into a database of its own, PostgreSQL crashed under the ingest.
                const string crashDatabase = Database + "_crash";
                await using (var admin = new NpgsqlConnection(cluster.Admin)) await admin.ExecuteAsync($"CREATE DATABASE {crashDatabase}");
                Console.WriteLine($"(c2) kill -9 of PostgreSQL (all its processes, then crash recovery) mid-ingest, {kills} times, then a complete run:");
                await IngestKillScenario.RunAsync(new NpgsqlConnectionStringBuilder(cluster.Admin) { Database = crashDatabase }.ToString(),
                    folder, corpus.Items, kills, Seed + 1, crashDatabase: cluster);
            }
            if (!runs("a") && !runs("b") && !runs("d")) return 0;

            var port = ThrowawayCluster.FreePort();
            var baseUri = new Uri($"http://127.0.0.1:{port}/");
            var paths = await PathsAsync(connectionString);
            if (runs("a"))
            {
                web = StartWeb(webDll, connectionString, baseUri);
                if (!await LoadDriver.WaitForAsync(new Uri(baseUri, "/"), TimeSpan.FromSeconds(90)))
                {
                    Console.WriteLine("the web app did not answer 200 on / within 90 s");
                    return 1;
                }
                await HoldLoadAsync(web, baseUri, paths, seconds);
                await StopAsync(web);
                web = null;
            }

            if (runs("b"))
            {
                // With the page cache on, cached pages are served through a restart without the database;
                // with it off every request meets the database, which is what this scenario is about.
                web = StartWeb(webDll, connectionString, baseUri, pageCache: false);
                if (!await LoadDriver.WaitForAsync(new Uri(baseUri, "/"), TimeSpan.FromSeconds(90)))
                {
                    Console.WriteLine("the web app (page cache off) did not answer 200 on / within 90 s");
                    return 1;
                }
                Console.WriteLine("(b) database restart (pg_ctl restart -m fast) under load, 64 connections, page cache off (every request meets the database):");
                await RestartUnderLoadAsync(cluster, web, baseUri, paths);
                await StopAsync(web);
                web = null;
            }

            if (runs("d")) await FullDiskScenario.RunAsync(webDll, connectionString);
            return 0;
        }
        finally
        {
            if (web is not null) await StopAsync(web);
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    private static async Task HoldLoadAsync(Process web, Uri baseUri, IReadOnlyList<string> paths, int seconds)
    {
        Console.WriteLine($"(a) 256 connections for {seconds} s on /, {paths.Count(p => p.StartsWith("/articles/", StringComparison.Ordinal))} article pages and the feeds:");
        var before = ResidentMb(web.Id);
        var beforeParts = ResidentParts(web.Id);
        // Memory grows once as load starts (JIT of the routes' code, a thread and buffers per
        // connection, the page cache filling); a leak keeps growing. So the memory is read
        // after a first tenth of the run too, and the rest is compared with that.
        var load = new LoadDriver(baseUri, paths, 256);
        var watch = Stopwatch.StartNew();
        var warmSeconds = Math.Max(1, seconds / 10);
        await load.RunAsync(TimeSpan.FromSeconds(warmSeconds));
        var warm = ResidentMb(web.Id);
        var warmParts = ResidentParts(web.Id);
        await load.RunAsync(TimeSpan.FromSeconds(seconds - warmSeconds));
        var loadSeconds = watch.Elapsed.TotalSeconds;
        var end = ResidentMb(web.Id);
        var endParts = ResidentParts(web.Id);
        // Once the load is over the node goes idle, and an idle node gives back what the burst grew
        // (IdleMemoryTrim, after 3 quiet seconds): "after" is read 10 s after the last request. The
        // figure at the end of the load, with the burst's heap and buffers still held, is printed too.
        await Task.Delay(TimeSpan.FromSeconds(IdleSeconds));
        var after = ResidentMb(web.Id);
        Console.WriteLine($"  {load.Summary(loadSeconds)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  errors other than 429: {load.Outcomes.Where(o => o.Key is not ("200" or "429")).Sum(o => o.Value)}; web resident memory " +
            $"{before:F0} MB before, {warm:F0} MB after the first {warmSeconds} s, {end:F0} MB at the end of the load ({end / before:F2}× before), " +
            $"{after:F0} MB after, {IdleSeconds} s idle ({after / before:F2}× before, {after / warm:F2}× after the first {warmSeconds} s)"));
        Console.WriteLine($"  of which anonymous (heaps, stacks) / file-backed (code, mapped files): before {beforeParts}, after the first {warmSeconds} s {warmParts}, at the end of the load {endParts}, after {ResidentParts(web.Id)}");
    }

    // How long after the load "after" is read.
    private const int IdleSeconds = 10;

    private static async Task RestartUnderLoadAsync(ThrowawayCluster cluster, Process web, Uri baseUri, IReadOnlyList<string> paths)
    {
        var before = ResidentMb(web.Id);
        var load = new LoadDriver(baseUri, paths, 64);
        var running = load.RunAsync(TimeSpan.FromSeconds(25));
        await Task.Delay(TimeSpan.FromSeconds(5));
        var restartAt = load.Now;
        await Task.Run(cluster.Restart);
        var backAt = load.Now; // pg_ctl -w returns once the server accepts connections
        await running;
        var timeline = load.Timeline.ToArray();
        var firstOk = timeline.Where(t => t.At >= backAt && t.Ok).Select(t => t.At).DefaultIfEmpty(double.NaN).Min();
        var lastFailure = timeline.Where(t => !t.Ok).Select(t => t.At).DefaultIfEmpty(double.NaN).Max();
        Console.WriteLine($"  {load.Summary(25)}");
        Console.WriteLine($"  500s {load.Outcomes.GetValueOrDefault("500")}, 503s {load.Outcomes.GetValueOrDefault("503")}; database down for {backAt - restartAt:F1} s; " +
            $"first 200 {firstOk - backAt:F1} s after the database was back, " +
            (double.IsNaN(lastFailure) ? "no answer other than 200; " : $"last non-200 {lastFailure - backAt:F1} s after it; ") +
            $"web resident memory {before:F0} MB before, {ResidentMb(web.Id):F0} MB after");
    }

    private static async Task<IReadOnlyList<string>> PathsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var ids = await connection.QueryAsync<long>("SELECT id FROM articles ORDER BY random() LIMIT 500");
        // The front page and the feeds as often as the article pages together, as readers and feed readers do.
        List<string> paths = [.. ids.Select(id => $"/articles/{id}")];
        var count = Math.Max(1, paths.Count / 4);
        foreach (var path in new[] { "/", "/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json" }) paths.AddRange(Enumerable.Repeat(path, count));
        return paths;
    }

    internal static async Task StopAsync(Process web)
    {
        if (!web.HasExited)
        {
            web.Kill(entireProcessTree: true);
            await web.WaitForExitAsync();
        }
        web.Dispose();
    }

    /// <param name="settings">More environment (<c>Images__CacheDirectory</c>, say).</param>
    /// <param name="output">Gets each line the web app writes (its log); dropped when null.</param>
    internal static Process StartWeb(string dll, string connectionString, Uri baseUri, bool pageCache = true,
        IReadOnlyDictionary<string, string>? settings = null, Action<string>? output = null)
    {
        // From its project folder: the content root, where wwwroot/ and appsettings.json are.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(dll))))! };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUri.ToString().TrimEnd('/'));
        start.Environment["ConnectionStrings__NewsPortal"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Delivery__PageCache"] = pageCache ? "true" : "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output?.Invoke(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output?.Invoke(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static double ResidentMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The resident set split as <c>/proc/PID/smaps_rollup</c> splits it: "anonymous / file-backed MB".</summary>
    private static string ResidentParts(int pid)
    {
        try
        {
            var kb = File.ReadLines($"/proc/{pid}/smaps_rollup").Select(l => l.Split(':', 2)).Where(f => f.Length == 2)
                .ToDictionary(f => f[0], f => long.TryParse(f[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture, out var v) ? v : 0, StringComparer.Ordinal);
            var anonymous = kb.GetValueOrDefault("Anonymous");
            return string.Create(CultureInfo.InvariantCulture, $"{anonymous / 1024.0:F0} / {(kb.GetValueOrDefault("Rss") - anonymous) / 1024.0:F0} MB");
        }
        catch (IOException)
        {
            return "?";
        }
    }

    internal static string WebDll()
    {
        try
        {
            return RepoFile("src/NewsPortal.Web/bin/Release/net10.0/NewsPortal.Web.dll");
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException($"{e.Message}: dotnet build -c Release NewsPortal.sln first");
        }
    }

    /// <summary>A file of the repository the benchmark was built in, by its path from the root.</summary>
    internal static string RepoFile(string path)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, path);
            if (File.Exists(file)) return file;
        }
        throw new FileNotFoundException($"{path} not found above {AppContext.BaseDirectory}");
    }
}
