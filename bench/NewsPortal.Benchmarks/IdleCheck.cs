using System.Diagnostics;
using System.Globalization;
using Dapper;
using Npgsql;

namespace NewsPortal.Benchmarks;

/// <summary>
/// What an idle portal costs: a throwaway cluster with a few hundred generated articles, the built
/// web app and a polling ingestion worker (no feed due), no requests and nothing changing. After
/// a settling time it reads each process's CPU seconds (/proc) over a window and prints them as a
/// share of one core: a busy loop or a too-eager timer shows here. Asserts nothing.
/// </summary>
internal static class IdleCheck
{
    private const string Database = "newsportal_idle";

    public static async Task<int> RunAsync(int seconds)
    {
        var webDll = ReliabilitySuite.WebDll();
        var folder = Directory.CreateTempSubdirectory("newsportal-idle-inbox.").FullName;
        using var cluster = ThrowawayCluster.Start();
        Process? web = null, poller = null;
        try
        {
            await using (var admin = new NpgsqlConnection(cluster.Admin)) await admin.ExecuteAsync($"CREATE DATABASE {Database}");
            var connectionString = new NpgsqlConnectionStringBuilder(cluster.Admin) { Database = Database }.ToString();
            var corpus = new NewsCorpusGenerator(20261207).Write(folder, 300);
            using (var ingest = StartIngestion(connectionString, "ingest", folder))
            {
                await ingest.WaitForExitAsync();
                if (ingest.ExitCode != 0) Console.WriteLine($"ingest of {corpus.Items} items exited {ingest.ExitCode}");
            }
            var baseUri = new Uri($"http://127.0.0.1:{ThrowawayCluster.FreePort()}/");
            web = ReliabilitySuite.StartWeb(webDll, connectionString, baseUri);
            if (!await LoadDriver.WaitForAsync(new Uri(baseUri, "/"), TimeSpan.FromSeconds(90)))
            {
                Console.WriteLine("the web app did not answer 200 on / within 90 s");
                return 1;
            }
            poller = StartIngestion(connectionString, "ingest", "--poll");
            // Start-up work (JIT, first page builds, the poller's first look for due feeds) is not idling.
            await Task.Delay(TimeSpan.FromSeconds(15));
            var postmaster = int.Parse(File.ReadLines(Path.Combine(cluster.Data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            var before = (Web: ProcessCpu.OfProcess(web.Id), Poller: ProcessCpu.OfProcess(poller.Id), Postgres: ProcessCpu.OfPostgres(postmaster));
            var watch = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            var elapsed = watch.Elapsed.TotalSeconds;
            string Share(double from, double to) => string.Create(CultureInfo.InvariantCulture, $"{100 * (to - from) / elapsed:F2} % of a core ({to - from:F2} s CPU)");
            Console.WriteLine($"idle for {elapsed:F0} s after 15 s settling ({corpus.Items} articles; web app, one polling worker, no requests):");
            Console.WriteLine($"  web app:            {Share(before.Web, ProcessCpu.OfProcess(web.Id))}");
            Console.WriteLine($"  ingest --poll:      {Share(before.Poller, ProcessCpu.OfProcess(poller.Id))}");
            Console.WriteLine($"  PostgreSQL (all):   {Share(before.Postgres, ProcessCpu.OfPostgres(postmaster))}");
            return 0;
        }
        finally
        {
            foreach (var process in new[] { poller, web })
                if (process is not null) await ReliabilitySuite.StopAsync(process);
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }

    private static Process StartIngestion(string connectionString, params string[] arguments)
    {
        var process = IngestBenchmark.StartIngestion(connectionString, Quiet, arguments);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static readonly Dictionary<string, string> Quiet = new() { ["Serilog__MinimumLevel__Default"] = "Warning" };
}
