using System.Diagnostics;
using System.Globalization;
using System.Text;
using NewsPortal.Core.Ingestion;
using NewsPortal.Evaluation;
using NewsPortal.Evaluation.Corpus;
using NewsPortal.Evaluation.Report;
using NewsPortal.Evaluation.Scoring;

// Scores the extractor on the labelled real-page corpus (docs/evaluation.md): body precision,
// recall and F1 in 4-token shingles, title / published time / authors as a share of labelled
// pages, parse failures and single-thread throughput. Prints numbers; asserts nothing.
//   dotnet run -c Release --project bench/NewsPortal.Evaluation -- CORPUS_DIR [--markdown FILE] [--pages [--half tuning|check]] [--profile] [--dump FILE]
// The corpus is split by site into a tuning half and a check half (Corpus/CorpusHalf.cs): tune on the
// first (--pages --half tuning lists only its pages), judge by the second.
// With --near-duplicates SAMPLE_A SAMPLE_B it measures the near-duplicate rule instead (docs/deduplication.md).
string? root = null, markdownFile = null, dumpFile = null, pagesHalf = null;
bool perPage = false, profile = false, usageError = false;
List<string>? nearDuplicateSamples = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--pages") perPage = true;
    else if (args[i] == "--half" && i + 1 < args.Length && args[i + 1] is CorpusHalf.Tuning or CorpusHalf.Check) pagesHalf = args[++i];
    else if (args[i] == "--profile") profile = true;
    else if (args[i] == "--near-duplicates" && i + 2 < args.Length) nearDuplicateSamples = [args[++i], args[++i]];
    else if (args[i] == "--markdown" && i + 1 < args.Length) markdownFile = args[++i];
    else if (args[i] == "--dump" && i + 1 < args.Length) dumpFile = args[++i];
    else if (root is null && !args[i].StartsWith("--", StringComparison.Ordinal)) root = args[i];
    else usageError = true;
}
if (root is null || usageError)
{
    Console.Error.WriteLine("usage: NewsPortal.Evaluation CORPUS_DIR [--markdown FILE] [--pages [--half tuning|check]] [--profile] [--dump FILE] [--near-duplicates SAMPLE_A SAMPLE_B]");
    return 2;
}
if (!Directory.Exists(root))
{
    Console.Error.WriteLine($"corpus folder not found: {root}");
    return 2;
}

if (nearDuplicateSamples is not null)
{
    Console.Write(NewsPortal.Evaluation.NearDuplicates.NearDuplicateEvaluation.Run(root, nearDuplicateSamples));
    return 0;
}

const string SpecCaption =
    "Scores over the labels consistent with the extraction spec (labels naming the 责任编辑 as author, keeping the " +
    "site name in a title, a body cut short at a 展开全文 button, or otherwise contradicting the spec or the page are left out; each is listed in " +
    "Corpus/LabelNotes.cs and docs/evaluation.md):";

var phases = profile ? new PhaseTimes(ThreadCpuClock.Now) : null;
var run = new EvaluationRun(ParserSelector.CreateDefault(new ParserOptions { Phases = phases }), phases);
var results = run.Run(root);
if (results.Count == 0)
{
    Console.Error.WriteLine($"no known source folder under {root}");
    return 2;
}

var rows = results.Select(r => SourceSummary.From(r.Source.Silver ? $"{r.Source.Name} (SILVER)" : r.Source.Name, r.Pages)).ToList();
rows.Add(SourceSummary.From("overall", [.. results.SelectMany(r => r.Pages)]));
if (results.Any(r => r.Source.Silver))
    rows.Add(SourceSummary.From("overall without SILVER", [.. results.Where(r => !r.Source.Silver).SelectMany(r => r.Pages)]));
foreach (var half in new[] { CorpusHalf.Tuning, CorpusHalf.Check })
{
    var pages = results.SelectMany(r => r.Pages).Where(p => p.Half == half).ToList();
    rows.Add(SourceSummary.From($"{half} half ({pages.Select(p => p.Site).Distinct().Count()} sites)", pages));
}

var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
var notes = new StringBuilder();
static double MiB(long bytes) => bytes / (1024.0 * 1024.0);
var (warmPasses, warmCpu, jitShare) = run.WarmUpDone;
var collections = run.Memory.Collections;
notes.AppendLine(CultureInfo.InvariantCulture, $"pages/s in the table: from each page's median thread CPU time over the {EvaluationRun.SteadyPasses} steady passes, after {warmPasses} warm-up passes over the corpus ({warmCpu.TotalSeconds:0} s CPU time; compiling was {jitShare:0.0%} of the last two) (first pass, JIT still compiling: {run.ColdPagesPerSecond:0} pages/s wall time)");
notes.AppendLine(CultureInfo.InvariantCulture, $"process CPU time per page: {run.SteadyCpuPerPage.TotalMilliseconds:0.00} ms steady (median of {EvaluationRun.SteadyPasses} passes after the warm-up, {1000 / Math.Max(run.SteadyCpuPerPage.TotalMilliseconds, 1e-9):0} pages per CPU second), {run.ColdCpuPerPage.TotalMilliseconds:0.00} ms on the first pass");
notes.AppendLine(CultureInfo.InvariantCulture, $"collections in the {EvaluationRun.SteadyPasses} steady passes: gen0 {collections[0]}, gen1 {collections[1]}, gen2 {collections[2]} (a gen2 collection counts in all three), paused {run.Memory.Paused.TotalMilliseconds / (EvaluationRun.SteadyPasses * Math.Max(run.Results.Count, 1)):0.000} ms a page");
notes.AppendLine(CultureInfo.InvariantCulture, $"live managed heap: {MiB(run.Memory.AfterFirstPass):0.0} MiB after the first pass, {MiB(run.Memory.AfterLastPass):0.0} MiB after the last; peak working set: {peak:0} MiB");
foreach (var group in results.SelectMany(r => r.Pages).Where(p => p.Failed).GroupBy(p => p.Error).OrderByDescending(g => g.Count()))
    notes.AppendLine(CultureInfo.InvariantCulture, $"failed ×{group.Count()}: {group.Key}");

if (perPage)
{
    foreach (var (source, pages) in results) Console.Write(PageLines.Render(source.Name, pages.Where(p => pagesHalf is null || p.Half == pagesHalf)));
    Console.WriteLine();
}
Console.WriteLine($"Extraction on {Path.GetFullPath(root)}");
Console.Write(ResultTable.Render(rows, markdown: false));
Console.Write(notes);
Console.WriteLine();
Console.WriteLine(SpecCaption);
Console.Write(ResultTable.RenderSpecConsistent(rows, markdown: false));
if (profile)
{
    Console.WriteLine($"per page and phase, steady passes: thread CPU ms (collections on this thread included), KiB allocated");
    foreach (var (phase, time, bytes) in run.SteadyPhases) Console.WriteLine($"  {phase,-20} {time.TotalMilliseconds,7:0.000} {bytes / 1024.0,9:0}");
    Console.WriteLine($"  {"in all",-20} {run.SteadyPhases.Sum(p => p.PerPage.TotalMilliseconds),7:0.000} {run.SteadyPhases.Sum(p => p.BytesPerPage) / 1024.0,9:0}");
}

if (dumpFile is not null) ResultDump.Write(dumpFile, run.Results);

if (markdownFile is not null)
{
    var markdown = new StringBuilder()
        .AppendLine(ResultTable.Render(rows, markdown: true))
        .AppendLine(string.Join("  \n", notes.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd())))
        .AppendLine()
        .AppendLine(SpecCaption)
        .AppendLine()
        .AppendLine(ResultTable.RenderSpecConsistent(rows, markdown: true));
    MarkdownSection.Write(markdownFile, markdown.ToString());
    Console.WriteLine($"table written to {markdownFile}");
}
return 0;

