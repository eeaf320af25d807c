using System.Globalization;
using NewsPortal.Benchmarks;

// Benchmarks that print numbers and assert nothing (docs/performance.md has the latest):
//   reader queries at a million articles:
//     dotnet run -c Release --project bench/NewsPortal.Benchmarks -- "Host=127.0.0.1;Port=55432;Username=postgres" [ARTICLES]
//   ingestion end to end (build the solution in Release first; it runs the built ingestion service):
//     dotnet run -c Release --project bench/NewsPortal.Benchmarks -- ingest "Host=127.0.0.1;Port=55432;Username=postgres" [ITEMS] [--folder DIR] [--no-parse-pass] [--search-index]
//     (--search-index: the search index kept current alongside, as a web node does, and how long it took to catch up)
//   story assignment on a labelled same-event set (B-cubed precision, recall, F1; docs/stories.md):
//     dotnet run -c Release --project bench/NewsPortal.Benchmarks -- stories "Host=127.0.0.1;Port=55432;Username=postgres" ../shared/clusters-dev [--date 2020-08-09] [--batch-size 20] [--verbose] [--calibrate] [--labels-out DIR]
//   reader search on the reader benchmark's database (index what is queued with N indexers, then time query classes):
//     dotnet run -c Release --project bench/NewsPortal.Benchmarks -- search "Host=127.0.0.1;Port=55432;Username=postgres" [INDEXERS] [--rebuild]
//   reliability on loopback: a throwaway cluster, the built web app and ingestion service (build the solution in Release first; docs/operations.md):
//     dotnet run -c Release --project bench/NewsPortal.Benchmarks -- reliability [--seconds 60] [--kills 20] [--items 3000] [--fuzz 100000] [--only a,b,c,c2,d,e]
//   what an idle portal costs (web app and a polling worker, no requests; CPU as a share of a core):
//     dotnet run -c Release --project bench/NewsPortal.Benchmarks -- idle [--seconds 60]
const string usage = """
    usage: NewsPortal.Benchmarks [reader] ADMIN_CONNECTION_STRING [ARTICLES]
           NewsPortal.Benchmarks ingest ADMIN_CONNECTION_STRING [ITEMS] [--folder DIR] [--no-parse-pass] [--search-index]
           NewsPortal.Benchmarks stories ADMIN_CONNECTION_STRING LABELLED_DIR [--date YYYY-MM-DD]... [--batch-size N] [--verbose] [--calibrate] [--labels-out DIR]
           NewsPortal.Benchmarks search ADMIN_CONNECTION_STRING [INDEXERS] [--rebuild]
           NewsPortal.Benchmarks reliability [--seconds N] [--kills K] [--items N] [--fuzz N] [--only a,b,c,c2,d,e]
           NewsPortal.Benchmarks idle [--seconds N]
    """;
if (args.FirstOrDefault() == "reliability")
{
    int Option(string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }
    var onlyAt = Array.IndexOf(args, "--only");
    var only = onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1] : null;
    return await ReliabilitySuite.RunAsync(Option("--seconds", 60), Option("--kills", 20), Option("--items", 3000), Option("--fuzz", 100_000), only);
}
if (args.FirstOrDefault() == "idle")
{
    var at = Array.IndexOf(args, "--seconds");
    return await IdleCheck.RunAsync(at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 60);
}
if (args.FirstOrDefault() == "search")
{
    if (args.Length < 2)
    {
        Console.Error.WriteLine(usage);
        return 2;
    }
    var indexers = args.Skip(2).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
    return await SearchBenchmark.RunAsync(args[1], indexers is null ? 2 : int.Parse(indexers, CultureInfo.InvariantCulture), args.Contains("--rebuild"));
}
if (args.FirstOrDefault() == "stories")
{
    if (args.Length < 3)
    {
        Console.Error.WriteLine(usage);
        return 2;
    }
    var dates = args.Select((a, i) => (a, i)).Where(x => x.a == "--date" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();
    var batchAt = Array.IndexOf(args, "--batch-size");
    int? batchSize = batchAt >= 0 && batchAt + 1 < args.Length && int.TryParse(args[batchAt + 1], CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    if (batchAt >= 0 && batchSize is null)
    {
        Console.Error.WriteLine(usage);
        return 2;
    }
    var labelsAt = Array.IndexOf(args, "--labels-out");
    var labelsOut = labelsAt >= 0 && labelsAt + 1 < args.Length ? args[labelsAt + 1] : null;
    return await StoryBenchmark.RunAsync(args[1], args[2], dates, args.Contains("--verbose"), args.Contains("--calibrate"), batchSize, labelsOut);
}
var rest = args.SkipWhile(a => a is "reader" or "ingest").ToList();
var options = rest.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToList();
var folderAt = rest.IndexOf("--folder");
var folder = folderAt >= 0 && folderAt + 1 < rest.Count ? rest[folderAt + 1] : null;
var positional = rest.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (folderAt < 0 || i != folderAt + 1)).ToList();
if (positional.Count < 1 || (folderAt >= 0 && folder is null))
{
    Console.Error.WriteLine(usage);
    return 2;
}
int? number = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : null;
return args.FirstOrDefault() == "ingest"
    ? await IngestBenchmark.RunAsync(positional[0], number ?? 100_000, folder, parsePass: !options.Contains("--no-parse-pass"),
        searchIndex: options.Contains("--search-index"))
    : await ReaderBenchmark.RunAsync(positional[0], number ?? 1_000_000);
