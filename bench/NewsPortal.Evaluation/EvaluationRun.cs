using System.Diagnostics;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Evaluation.Corpus;
using NewsPortal.Evaluation.Scoring;

namespace NewsPortal.Evaluation;

/// <summary>
/// Parses every page of every source present under a corpus root, one page at a time on one
/// thread, and scores it. Only the parse call is timed; reading and gunzipping are not. Warm-up
/// passes over the whole corpus (for at least <see cref="WarmUp"/>) let the runtime's tiered JIT
/// finish optimising, so the table reports the steady speed of a long-running ingestion service;
/// the first pass's speed is kept as <see cref="ColdPagesPerSecond"/>.
/// </summary>
public sealed class EvaluationRun(ParserSelector selector)
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(8);

    /// <summary>Pages per second of the first pass, with the runtime still compiling the code.</summary>
    public double ColdPagesPerSecond { get; private set; }

    public IReadOnlyList<(ICorpusSource Source, IReadOnlyList<PageResult> Pages)> Run(string root)
    {
        var sources = CorpusSources.Present(root).Select(s => (s.Source, Pages: s.Source.Load(s.Folder).ToList())).ToList();
        var all = sources.SelectMany(s => s.Pages).Select(p => (Page: p, Bytes: p.ReadBytes())).ToList();
        var warmUp = Stopwatch.StartNew();
        for (var pass = 0; pass == 0 || warmUp.Elapsed < WarmUp; pass++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var (page, bytes) in all) Parse(bytes, page);
            if (pass == 0) ColdPagesPerSecond = all.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        }
        return [.. sources.Select(s => (s.Source, (IReadOnlyList<PageResult>)s.Pages.Select(ScorePage).ToList()))];
    }

    private PageResult ScorePage(LabelledPage page)
    {
        var bytes = page.ReadBytes();
        var clock = Stopwatch.StartNew();
        var result = Parse(bytes, page);
        clock.Stop();
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
