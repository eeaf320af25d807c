using System.Diagnostics;
using System.Runtime;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Evaluation.Corpus;
using NewsPortal.Evaluation.Scoring;

namespace NewsPortal.Evaluation;

/// <summary>
/// Parses every page of every source present under a corpus root, one page at a time on one
/// thread, and scores it. Only the parse call is timed; reading and gunzipping are not. Warm-up
/// passes over the whole corpus run until the runtime's tiered JIT has finished optimising (see
/// <see cref="Warm"/>), so the table reports the steady speed of a long-running ingestion service;
/// the first pass's speed is kept as <see cref="ColdPagesPerSecond"/>.
/// </summary>
public sealed class EvaluationRun(ParserSelector selector, PhaseTimes? phases = null)
{
    /// <summary>Warm-up ends when compiling took less than this share of two passes' CPU time…</summary>
    public const double JitShareWhenWarm = 0.01;

    /// <summary>…or, on a machine too busy for that, after this much process CPU time.</summary>
    public static readonly TimeSpan WarmUpCap = TimeSpan.FromSeconds(120);

    public const int SteadyPasses = 5;

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

    /// <summary>How the warm-up went: passes, process CPU time, and the JIT's share of its last two passes.</summary>
    public (int Passes, TimeSpan Cpu, double JitShare) WarmUpDone { get; private set; }

    public MemoryReport Memory { get; } = new();

    /// <summary>With <c>--profile</c>: time per phase and page over the steady passes.</summary>
    public IReadOnlyList<(string Phase, TimeSpan PerPage, long BytesPerPage)> SteadyPhases { get; private set; } = [];

    /// <summary>What the scored pass made of each page, in corpus order (for <c>--dump</c>).</summary>
    public List<(string Path, ParseResult Result)> Results { get; } = [];

    public IReadOnlyList<(ICorpusSource Source, IReadOnlyList<PageResult> Pages)> Run(string root)
    {
        var sources = CorpusSources.Present(root)
            .Select(s => (s.Source, Pages: s.Source.Load(s.Folder).Select(p => p with { Site = SiteKey.For(p, p.ReadBytes()) }).ToList()))
            .ToList();
        var all = sources.SelectMany(s => s.Pages).Select(p => (Page: p, Bytes: p.ReadBytes())).ToList();
        var (wall, cpu) = TimedPass(all);
        ColdPagesPerSecond = all.Count / Math.Max(wall.TotalSeconds, 1e-9);
        ColdCpuPerPage = cpu / Math.Max(all.Count, 1);
        Memory.AfterFirstPass = MemoryReport.LiveHeap();
        Warm(all);

        phases?.Clear();
        var pageTimes = all.Select(_ => new List<TimeSpan>(SteadyPasses)).ToList();
        Memory.StartCounting();
        var steady = Enumerable.Range(0, SteadyPasses).Select(_ => TimedPass(all, pageTimes).Cpu).Order().ToList();
        Memory.StopCounting();
        Memory.AfterLastPass = MemoryReport.LiveHeap();
        SteadyCpuPerPage = steady[SteadyPasses / 2] / Math.Max(all.Count, 1);
        var parses = SteadyPasses * Math.Max(all.Count, 1);
        if (phases is not null) SteadyPhases = [.. phases.Totals.Select(p => (p.Phase, p.Time / parses, p.AllocatedBytes / parses))];
        // all holds the sources' pages in this same order, so the n-th page scored is all[n].
        var steadyTimes = pageTimes.Select(times => times.Order().ElementAt(SteadyPasses / 2)).ToList();
        var next = 0;
        return [.. sources.Select(s => (s.Source, (IReadOnlyList<PageResult>)s.Pages.Select(p => ScorePage(p, steadyTimes[next++])).ToList()))];
    }

    // Warm until the JIT is done rather than for a fixed time: tiered compilation and PGO keep
    // recompiling hot methods for a while, and on a shared machine a fixed 8 s of CPU was sometimes
    // too few passes, so the "steady" passes still paid for compiling. Two passes at a time, so a
    // single quiet pass between recompilations does not end the warm-up early.
    private void Warm(List<(LabelledPage Page, byte[] Bytes)> all)
    {
        var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        var passes = 1;
        double share;
        do
        {
            var jitBefore = JitInfo.GetCompilationTime();
            var cpu = TimedPass(all).Cpu + TimedPass(all).Cpu;
            passes += 2;
            share = (JitInfo.GetCompilationTime() - jitBefore).Ticks / (double)Math.Max(cpu.Ticks, 1);
        }
        while (share >= JitShareWhenWarm && CpuSince(process, start) < WarmUpCap);
        WarmUpDone = (passes, CpuSince(process, start), share);
    }

    private static TimeSpan CpuSince(Process process, TimeSpan start)
    {
        process.Refresh();
        return process.TotalProcessorTime - start;
    }

    // With pageTimes, each page's parse is also timed by its thread's CPU clock (one system call a page).
    private (TimeSpan Wall, TimeSpan Cpu) TimedPass(List<(LabelledPage Page, byte[] Bytes)> all, List<List<TimeSpan>>? pageTimes = null)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < all.Count; i++)
        {
            var start = pageTimes is null ? default : ThreadCpuClock.Now();
            Parse(all[i].Bytes, all[i].Page);
            pageTimes?[i].Add(ThreadCpuClock.Now() - start);
        }
        clock.Stop();
        process.Refresh();
        return (clock.Elapsed, process.TotalProcessorTime - cpuBefore);
    }

    // A page's time in the table is its median over the steady passes of the thread's CPU time: the
    // scored pass's wall time alone swung by a factor of two when other work shared the cores.
    // Collections are counted in it: gen0 and gen1 collections run on the allocating thread (only a
    // background gen2 collection has its own thread, and the steady passes cause none).
    private PageResult ScorePage(LabelledPage page, TimeSpan steadyTime)
    {
        var result = Parse(page.ReadBytes(), page);
        Results.Add((page.Path, result));
        return PageScorer.Score(page, result, steadyTime);
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
