using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Storage;
using NewsPortal.Ingestion.Polling;
using Npgsql;

namespace NewsPortal.Ingestion;

/// <summary>Dispatches the service's commands; the one place their failures become exit codes.</summary>
public static class CommandLine
{
    public const string Usage = """
        usage:
          NewsPortal.Ingestion ingest PATH... [--url URL] [--outlet NAME] [--outlet-host HOST]
              Files or folders (recursive). FILE.meta.json beside a file may give {"url", "outlet", "outlet_host"}.
          NewsPortal.Ingestion ingest --watch DIR [--interval SECONDS] [--settle SECONDS] [--once]
              Ingests files as they are dropped into DIR, once they have stopped changing; remembers what it handled.
          NewsPortal.Ingestion ingest --retry-failed
              Parses every open, retriable failed input again from its stored bytes (one refused unread, from its file).
          NewsPortal.Ingestion failures list [--all]
              Open failures: id, time, retriable, input, reason (--all: dismissed ones too).
          NewsPortal.Ingestion failures dismiss ID... | --all-not-retriable
              Stops retrying and listing these failures (they stay on record).
          NewsPortal.Ingestion ingest --poll [--once]
              Polls the subscribed feeds as they fall due (conditional GET, backoff on errors); --once polls what is due and exits.
          NewsPortal.Ingestion feed add URL [--outlet NAME] [--interval 15m]
          NewsPortal.Ingestion feed list
          NewsPortal.Ingestion feed remove URL
              Feeds to poll: the outlet for items the feed does not place, the interval (90s, 15m, 2h, 1d; at least 1m).
          NewsPortal.Ingestion extract PATH... [--url URL] --json
              Prints what the parsers make of each input, one JSON object per line; needs no database.
          NewsPortal.Ingestion migrate
          NewsPortal.Ingestion link-duplicates
              Signs and links to their first copies the articles stored before near-duplicate linking existed.
          NewsPortal.Ingestion user add NAME [--role admin|editor] | passwd NAME   (password from NEWSPORTAL_PASSWORD or standard input)
          NewsPortal.Ingestion user role NAME admin|editor | disable NAME | enable NAME | remove NAME | list
              Desk accounts (role editor unless told); add refuses a taken name; passwd, role, disable and remove end the account's sessions.
          NewsPortal.Ingestion search index
              Indexes what is queued for search now (web nodes do it every second), e.g. after a large import.
          NewsPortal.Ingestion search reindex
              Builds the search index afresh (search finds nothing until it is done): after a change to how keys are made.
        Every command also takes --outlets FILE: a host<TAB>outlet table laid over the built-in one
        (same as the OutletsFile setting; the Outlets section, e.g. Outlets__example.com=NAME, wins over both).
        """;

    /// <summary>Takes <c>--outlets FILE</c> out of the arguments, wherever it stands.</summary>
    public static (string[] CommandArgs, string? OutletsFile) TakeOutletsOption(string[] args)
    {
        var rest = new List<string>();
        string? file = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] != "--outlets")
            {
                rest.Add(args[i]);
                continue;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)) throw new UsageException("--outlets needs a file");
            file = args[++i];
        }
        return ([.. rest], file);
    }

    /// <summary>
    /// A command stopped by <c>ct</c> before its end. The program answers with the code of the signal
    /// that stopped it (<see cref="StopSignals.ExitCode"/>): 143 for SIGTERM, 130 for Ctrl+C.
    /// </summary>
    public const int Stopped = StopSignals.SigIntExitCode;

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, CancellationToken ct)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("NewsPortal.Ingestion");
        var output = services.GetRequiredService<StandardOutput>();
        // A list is what its command was run for; any other line reports work done (StandardOutput).
        TextWriter ListOr(string[] a) => a.Length > 1 && a[1] == "list" ? output.Product : output.Reports;
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                output.Product.WriteLine(Usage);
                return args.Length == 0 ? 2 : 0;
            }
            if (args[0] == "extract")
            {
                using var stdout = Console.OpenStandardOutput();
                return services.GetRequiredService<ExtractCommand>().Run(args[1..], stdout);
            }
            var dataSource = services.GetRequiredService<NpgsqlDataSource>();
            var migrate = args[0] == "migrate" || services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Migrate;
            var applied = await NewsPortalDatabase.EnsureSchemaAsync(dataSource, migrate, ct);
            foreach (var name in applied) logger.LogInformation("Applied migration {Migration}", name);

            switch (args[0])
            {
                case "migrate":
                    output.Report(applied.Count == 0 ? "schema is up to date" : $"applied {applied.Count} migration(s)");
                    return 0;
                case "ingest" when args.Contains("--poll"):
                    var pollFailures = await services.GetRequiredService<PollCommand>().RunAsync(
                        PollCommand.Options.Parse(args[1..]), string.Join(' ', args), output.Reports, ct);
                    return pollFailures > 0 ? 1 : 0;
                case "failures":
                    return await services.GetRequiredService<FailuresCommand>().RunAsync(args[1..], ListOr(args), ct);
                case "feed":
                    return await services.GetRequiredService<FeedCommand>().RunAsync(args[1..], ListOr(args), ct);
                case "ingest" when args.Contains("--watch"):
                    var watchCounts = await services.GetRequiredService<WatchCommand>().RunAsync(WatchCommand.Options.Parse(args[1..]), ct);
                    return watchCounts.Failed > 0 ? 1 : 0;
                case "ingest":
                    var options = IngestOptions.Parse(args[1..]);
                    var ingest = services.GetRequiredService<IngestCommand>();
                    try
                    {
                        var counts = options.RetryFailed
                            ? await ingest.RetryFailedAsync(string.Join(' ', args), ct)
                            : await ingest.RunAsync(options, string.Join(' ', args), ct);
                        output.Report(counts.ToString());
                        return counts.Failed > 0 ? 1 : 0;
                    }
                    catch (IngestStoppedException stopped)
                    {
                        // What was stored before the stop, in the same form: the next run's "new" is the rest.
                        output.Report($"stopped: {stopped.Counts}");
                        return Stopped;
                    }
                case "link-duplicates":
                    var linked = await services.GetRequiredService<NearDuplicateStore>().LinkUnsignedAsync(500, ct);
                    output.Report($"signed and linked {linked} article(s)");
                    return 0;
                case "search" when args.Length == 2 && args[1] is "index" or "reindex":
                    var indexer = services.GetRequiredService<Core.Search.SearchIndexer>();
                    var indexed = args[1] == "reindex" ? await indexer.RebuildAsync(Environment.ProcessorCount, ct) : await indexer.IndexAllAsync(ct);
                    output.Report($"indexed {indexed} article(s) for search");
                    return 0;
                case "search":
                    throw new UsageException("search takes 'index' or 'reindex'");
                case "user":
                    return await services.GetRequiredService<UserCommand>().RunAsync(args[1..], UserCommand.ReadFromConsole, ListOr(args), ct);
                default:
                    throw new UsageException($"unknown command '{args[0]}'");
            }
        }
        catch (UsageException e)
        {
            StandardOutput.Error($"error: {e.Message}\n{Usage}");
            return 2;
        }
        catch (StandardOutputException e)
        {
            logger.LogError("Cannot write to standard output: {Reason}", e.Message);
            return 5;
        }
        catch (OutletTableException e)
        {
            logger.LogError("Outlet table: {Message}", e.Message);
            return 2;
        }
        catch (SchemaOutOfDateException e)
        {
            logger.LogError("{Message}", e.Message);
            return 3;
        }
        catch (NpgsqlException e) when (e.InnerException is System.Net.Sockets.SocketException or TimeoutException)
        {
            // Not a bug to trace: the server is not there. One line that says where it was looked for.
            var where = new NpgsqlConnectionStringBuilder(services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
            logger.LogError("Cannot reach the database at {Host}:{Port} ({Reason}); is PostgreSQL running there? ConnectionStrings__NewsPortal names it; scripts/start.sh runs a local one",
                where.Host, where.Port, e.InnerException.Message);
            return 4;
        }
        catch (NpgsqlException e)
        {
            logger.LogError(e, "Database error: {Message}", e.Message);
            return 4;
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Cancelled");
            return Stopped;
        }
    }
}
