using System.Diagnostics;
using Dapper;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using Npgsql;

namespace NewsPortal.Benchmarks;

/// <summary>
/// Reliability scenario (c): the ingestion service killed with SIGKILL at random points of its progress while it
/// ingests a folder, K times, then one complete run. What the database holds is then compared with
/// what the folder holds (parsed here the same way): items lost, duplicated (by identity key) and
/// half-written (no body, or a content hash that matches no version of the item). Given a cluster,
/// the database is crashed instead (SIGKILL to all of PostgreSQL, then crash recovery) while the
/// ingestion service runs on, retrying.
/// </summary>
internal static class IngestKillScenario
{
    public static async Task RunAsync(string connectionString, string folder, int items, int kills, int seed, ThrowawayCluster? crashDatabase = null)
    {
        var random = new Random(seed);
        var killed = 0;
        var finishedFirst = 0;
        var watch = Stopwatch.StartNew();
        await using var counter = new NpgsqlConnection(connectionString);
        Process? running = null;
        for (var i = 0; i < kills; i++)
        {
            // A database crash leaves the ingest running (it retries): the next crash meets the same run.
            if (running is { HasExited: true }) { running.Dispose(); running = null; }
            var process = running ?? Start(connectionString, folder);
            if (crashDatabase is not null) running = process;
            using var owned = crashDatabase is null ? process : null;
            // A random point of the ingest itself (process start takes seconds on a busy machine): once
            // a random number of articles more has been stored — on average what is left shared out
            // over the kills still to come, so that every kill finds work in flight — and a few
            // milliseconds more.
            var stored = await CountAsync(counter);
            // A crash costs the ingest a few seconds, in which it is not stored again; the run goes
            // on storing while the next point is chosen: half the share, so the crashes last the run.
            var share = Math.Max(1, (items - stored) / (kills - i + 1) / (crashDatabase is null ? 1 : 2));
            var target = stored + random.Next(1, 2 * share + 1);
            while (!process.HasExited && await CountAsync(counter) < target) await Task.Delay(20);
            await Task.Delay(random.Next(0, 200));
            if (process.HasExited)
            {
                finishedFirst++;
                continue;
            }
            if (crashDatabase is null)
            {
                process.Kill(); // SIGKILL on Unix: no shutdown code runs
                await process.WaitForExitAsync();
                killed++;
                Console.WriteLine($"    kill {killed}: once at least {target - stored:N0} more articles were stored ({await CountAsync(counter):N0} stored when killed)");
                continue;
            }
            killed++;
            await CrashAsync(crashDatabase, process, counter, killed, target - stored);
        }
        if (running is not null)
        {
            await running.WaitForExitAsync();
            Console.WriteLine($"    the run that met the crashes ended with exit code {running.ExitCode}");
            running.Dispose();
        }
        using (var final = Start(connectionString, folder))
        {
            var output = await final.StandardOutput.ReadToEndAsync();
            await final.WaitForExitAsync();
            Console.WriteLine($"  {killed} {(crashDatabase is null ? "runs killed with SIGKILL" : "database crashes mid-ingest")}, {finishedFirst} finished before their kill, in {watch.Elapsed.TotalSeconds:F0} s; " +
                $"final complete run exited {final.ExitCode}: {output.Trim()}");
        }
        await CompareAsync(connectionString, folder);
    }

    /// <summary>
    /// Crashes the database under a running ingest and prints how long the server took to come
    /// back and how long the ingest took to store again (or that it ended, and how).
    /// </summary>
    private static async Task CrashAsync(ThrowawayCluster cluster, Process process, NpgsqlConnection counter, int crash, int storedSince)
    {
        var watch = Stopwatch.StartNew();
        cluster.Crash();
        var back = watch.Elapsed.TotalSeconds;
        await counter.CloseAsync();
        NpgsqlConnection.ClearAllPools(); // the pooled connections died with the server
        var after = await CountAsync(counter);
        while (!process.HasExited && await CountAsync(counter) == after && watch.Elapsed < TimeSpan.FromSeconds(120)) await Task.Delay(50);
        var outcome = process.HasExited ? $"the ingest run ended with exit code {process.ExitCode}"
            : await CountAsync(counter) > after ? $"the ingest stored again {watch.Elapsed.TotalSeconds - back:F1} s after the server was back"
            : "the ingest stored nothing for 120 s";
        Console.WriteLine($"    database crash {crash}: once at least {storedSince:N0} more articles were stored ({after:N0} stored after recovery); " +
            $"server back in {back:F1} s; {outcome}");
    }

    // Before the first run has migrated the schema there is no table yet: nothing is stored.
    private static async Task<int> CountAsync(NpgsqlConnection connection)
    {
        try
        {
            return await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM articles");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    // Batches of 50, not 500: every kill lands at another point of the ingest (a kill waits for a
    // batch to be stored, and a crash also for the next one), inside a batch's transaction as often
    // as between them.
    private static readonly Dictionary<string, string> SmallBatches = new() { ["Ingest__BatchSize"] = "50" };

    private static Process Start(string connectionString, string folder)
    {
        var process = IngestBenchmark.StartIngestion(connectionString, SmallBatches, "ingest", folder);
        process.ErrorDataReceived += (_, _) => { }; // logs are drained, not shown
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task CompareAsync(string connectionString, string folder)
    {
        // Identity key → every content hash the folder holds for it (a recaptured item has two versions).
        var expected = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var parsers = ParserSelector.CreateDefault();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            foreach (var article in parsers.Parse(File.ReadAllBytes(file), new InputOrigin(file)).Items.Select(i => i.Article).OfType<ParsedArticle>())
            {
                var key = ArticleIdentity.KeyOf(article);
                if (!expected.TryGetValue(key, out var hashes)) expected[key] = hashes = [];
                hashes.Add(ArticleIdentity.ContentHashOf(article));
            }
        }
        await using var connection = new NpgsqlConnection(connectionString);
        var rows = (await connection.QueryAsync<(string Key, string Hash, bool NoBody)>(
            "SELECT identity_key, content_hash, (body_html = '' OR body_text = '') FROM articles")).ToList();
        var stored = rows.GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var lost = expected.Keys.Count(k => !stored.ContainsKey(k));
        var duplicated = stored.Values.Count(v => v.Count > 1);
        var unexpected = stored.Keys.Count(k => !expected.ContainsKey(k));
        var noBody = rows.Count(r => r.NoBody);
        var badHash = rows.Count(r => expected.TryGetValue(r.Key, out var hashes) && !hashes.Contains(r.Hash));
        var openRuns = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'ingest_runs'") > 0
            ? await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM ingest_runs WHERE finished_at IS NULL")
            : -1;
        Console.WriteLine($"  items in the folder {expected.Count:N0} (by identity key), articles stored {rows.Count:N0}: " +
            $"lost {lost}, duplicated {duplicated}, half-written {noBody + badHash} ({noBody} without body, {badHash} with a content hash of no version), " +
            $"unexpected {unexpected}" + (openRuns >= 0 ? $"; ingest runs still open {openRuns}" : ""));
    }
}
