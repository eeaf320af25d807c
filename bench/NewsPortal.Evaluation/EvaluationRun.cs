using System.Diagnostics;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Evaluation.Corpus;
using NewsPortal.Evaluation.Scoring;

namespace NewsPortal.Evaluation;

/// <summary>
/// Parses every page of every source present under a corpus root, one page at a time on one
/// thread, and scores it. Only the parse call is timed; reading and gunzipping are not. The first
/// page is parsed once untimed before its timed parse, so JIT start-up is not billed to one source.
/// </summary>
public sealed class EvaluationRun(ParserSelector selector)
{
    private bool _warmedUp;

    public IReadOnlyList<(ICorpusSource Source, IReadOnlyList<PageResult> Pages)> Run(string root)
    {
        var results = new List<(ICorpusSource, IReadOnlyList<PageResult>)>();
        foreach (var (source, folder) in CorpusSources.Present(root))
        {
            var pages = source.Load(folder).Select(ScorePage).ToList();
            results.Add((source, pages));
        }
        return results;
    }

    private PageResult ScorePage(LabelledPage page)
    {
        var bytes = page.ReadBytes();
        if (!_warmedUp)
        {
            Parse(bytes, page);
            _warmedUp = true;
        }
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
