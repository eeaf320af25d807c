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
/// half-written (no body, or a content hash that matches no version of the item).
/// </summary>
internal static class IngestKillScenario
{
    public static async Task RunAsync(string connectionString, string folder, int items, int kills, int seed)
    {
        var dll = IngestBenchmark.IngestionDll();
        var random = new Random(seed);
        var killed = 0;
        var finishedFirst = 0;
        var watch = Stopwatch.StartNew();
        await using var counter = new NpgsqlConnection(connectionString);
        for (var i = 0; i < kills; i++)
        {
            using var process = Start(dll, connectionString, folder);
            // A random point of the ingest itself (process start takes seconds on a busy machine): once
            // a random share of what is left has been stored, and a few milliseconds more.
            var stored = await CountAsync(counter);
            var target = stored + random.Next(1, Math.Max(2, (items - stored) / 2));
            while (!process.HasExited && await CountAsync(counter) < target) await Task.Delay(20);
            await Task.Delay(random.Next(0, 200));
            if (process.HasExited)
            {
                finishedFirst++;
                continue;
            }
            process.Kill(); // SIGKILL on Unix: no shutdown code runs
            await process.WaitForExitAsync();
            killed++;
            Console.WriteLine($"    kill {killed}: once at least {target - stored:N0} more articles were stored ({await CountAsync(counter):N0} stored when killed)");
        }
        using (var final = Start(dll, connectionString, folder))
        {
            var output = await final.StandardOutput.ReadToEndAsync();
            await final.WaitForExitAsync();
            Console.WriteLine($"  {killed} runs killed with SIGKILL, {finishedFirst} finished before their kill, in {watch.Elapsed.TotalSeconds:F0} s; " +
                $"final complete run exited {final.ExitCode}: {output.Trim()}");
        }
        await CompareAsync(connectionString, folder);
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

    private static Process Start(string dll, string connectionString, string folder)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("ingest");
        start.ArgumentList.Add(folder);
        start.Environment["ConnectionStrings__NewsPortal"] = connectionString;
        var process = Process.Start(start)!;
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
