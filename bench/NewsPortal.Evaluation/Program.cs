using System.Diagnostics;
using System.Globalization;
using System.Text;
using NewsPortal.Core.Ingestion;
using NewsPortal.Evaluation;
using NewsPortal.Evaluation.Report;
using NewsPortal.Evaluation.Scoring;

// Scores the extractor on the labelled real-page corpus (docs/evaluation.md): body precision,
// recall and F1 in 4-token shingles, title / published time / authors as a share of labelled
// pages, parse failures and single-thread throughput. Prints numbers; asserts nothing.
//   dotnet run -c Release --project bench/NewsPortal.Evaluation -- CORPUS_DIR [--markdown FILE]
if (args.Length is not (1 or 3) || (args.Length == 3 && args[1] != "--markdown"))
{
    Console.Error.WriteLine("usage: NewsPortal.Evaluation CORPUS_DIR [--markdown FILE]");
    return 2;
}
var root = args[0];
if (!Directory.Exists(root))
{
    Console.Error.WriteLine($"corpus folder not found: {root}");
    return 2;
}

var results = new EvaluationRun(ParserSelector.CreateDefault()).Run(root);
if (results.Count == 0)
{
    Console.Error.WriteLine($"no known source folder under {root}");
    return 2;
}

var rows = results.Select(r => SourceSummary.From(r.Source.Silver ? $"{r.Source.Name} (SILVER)" : r.Source.Name, r.Pages)).ToList();
rows.Add(SourceSummary.From("overall", [.. results.SelectMany(r => r.Pages)]));
if (results.Any(r => r.Source.Silver))
    rows.Add(SourceSummary.From("overall without SILVER", [.. results.Where(r => !r.Source.Silver).SelectMany(r => r.Pages)]));

var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
var notes = new StringBuilder();
notes.AppendLine(CultureInfo.InvariantCulture, $"peak working set: {peak:0} MiB");
foreach (var group in results.SelectMany(r => r.Pages).Where(p => p.Failed).GroupBy(p => p.Error).OrderByDescending(g => g.Count()))
    notes.AppendLine(CultureInfo.InvariantCulture, $"failed ×{group.Count()}: {group.Key}");

Console.WriteLine($"Extraction on {Path.GetFullPath(root)}");
Console.Write(ResultTable.Render(rows, markdown: false));
Console.Write(notes);

if (args.Length == 3)
{
    var markdown = new StringBuilder()
        .AppendLine(ResultTable.Render(rows, markdown: true))
        .AppendLine(string.Join("  \n", notes.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd())));
    MarkdownSection.Write(args[2], markdown.ToString());
    Console.WriteLine($"table written to {args[2]}");
}
return 0;
