using System.Diagnostics;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Evaluation.Corpus;
using NewsPortal.Evaluation.Scoring;

namespace NewsPortal.Evaluation;

/// <summary>
/// Parses every page of every source present under a corpus root, one page at a time on one
/// thread, and scores it. Only the parse call is timed; reading and gunzipping are not. Warm-up
/// passes over the whole corpus (for at least <see cref="WarmUp"/> of process CPU time) let the runtime's tiered JIT
/// finish optimising, so the table reports the steady speed of a long-running ingestion service;
/// the first pass's speed is kept as <see cref="ColdPagesPerSecond"/>.
/// </summary>
public sealed class EvaluationRun(ParserSelector selector, PhaseTimes? phases = null)
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(8);

    /// <summary>Pages per second of the first pass, with the runtime still compiling the code.</summary>
    public double ColdPagesPerSecond { get; private set; }

    /// <summary>Process CPU time per page on the first pass (JIT compiling on other threads is billed too).</summary>
    public TimeSpan ColdCpuPerPage { get; private set; }

    /// <summary>
    /// Process CPU time per page once warm: the median of <see cref="SteadyPasses"/> passes after the
    /// warm-up. Unlike wall time it hardly moves when other processes share the cores, and it counts
    /// the garbage collector's and the JIT's background threads, the whole cost of a page.
    /// </summary>
    public TimeSpan SteadyCpuPerPage { get; private set; }

    public const int SteadyPasses = 3;

    /// <summary>With <c>--profile</c>: time per phase and page over the steady passes.</summary>
    public IReadOnlyList<(string Phase, TimeSpan PerPage, long BytesPerPage)> SteadyPhases { get; private set; } = [];

    /// <summary>What the scored pass made of each page, in corpus order (for <c>--dump</c>).</summary>
    public List<(string Path, ParseResult Result)> Results { get; } = [];

    public IReadOnlyList<(ICorpusSource Source, IReadOnlyList<PageResult> Pages)> Run(string root)
    {
        var sources = CorpusSources.Present(root).Select(s => (s.Source, Pages: s.Source.Load(s.Folder).ToList())).ToList();
        var all = sources.SelectMany(s => s.Pages).Select(p => (Page: p, Bytes: p.ReadBytes())).ToList();
        // Warm-up is counted in process CPU time, not wall time: on a machine shared with other work,
        // 8 wall seconds may be too few passes for the JIT to finish, and the "steady" pass would not be.
        var process = Process.GetCurrentProcess();
        var cpuAtStart = process.TotalProcessorTime;
        for (var pass = 0; pass == 0 || CpuSince(process, cpuAtStart) < WarmUp; pass++)
        {
            var (wall, cpu) = TimedPass(all);
            if (pass > 0) continue;
            ColdPagesPerSecond = all.Count / Math.Max(wall.TotalSeconds, 1e-9);
            ColdCpuPerPage = cpu / Math.Max(all.Count, 1);
        }
        phases?.Clear();
        var steady = Enumerable.Range(0, SteadyPasses).Select(_ => TimedPass(all).Cpu).Order().ToList();
        SteadyCpuPerPage = steady[SteadyPasses / 2] / Math.Max(all.Count, 1);
        var parses = SteadyPasses * Math.Max(all.Count, 1);
        if (phases is not null) SteadyPhases = [.. phases.Totals.Select(p => (p.Phase, p.Time / parses, p.AllocatedBytes / parses))];
        return [.. sources.Select(s => (s.Source, (IReadOnlyList<PageResult>)s.Pages.Select(ScorePage).ToList()))];
    }

    private static TimeSpan CpuSince(Process process, TimeSpan start)
    {
        process.Refresh();
        return process.TotalProcessorTime - start;
    }

    private (TimeSpan Wall, TimeSpan Cpu) TimedPass(List<(LabelledPage Page, byte[] Bytes)> all)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        foreach (var (page, bytes) in all) Parse(bytes, page);
        clock.Stop();
        process.Refresh();
        return (clock.Elapsed, process.TotalProcessorTime - cpuBefore);
    }

    private PageResult ScorePage(LabelledPage page)
    {
        var bytes = page.ReadBytes();
        var clock = Stopwatch.StartNew();
        var result = Parse(bytes, page);
        clock.Stop();
        Results.Add((page.Path, result));
        return PageScorer.Score(page, result, clock.Elapsed);
    }

    private ParseResult Parse(byte[] bytes, LabelledPage page)
    {
        try
        {
            return selector.Parse(bytes, new InputOrigin(page.Path, page.Url));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The selector already turns parser exceptions into failures; this guards the run against
            // anything that escapes it (decoding, a new parser), so one page never hides the table.
            return ParseResult.Failed("unknown", $"exception: {e.GetType().Name}: {e.Message}");
        }
    }
}
