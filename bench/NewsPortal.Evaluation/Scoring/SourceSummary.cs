namespace NewsPortal.Evaluation.Scoring;

/// <summary>
/// Corpus averages over a set of pages, as the corpus README defines them: precision averaged over
/// pages with a non-empty prediction, recall over pages with a non-empty reference, F1 the
/// harmonic mean of the two averages. Metadata is a share of the pages that label it.
/// </summary>
public sealed record SourceSummary(
    string Name,
    int Pages,
    double? Precision,
    double? Recall,
    Share Title,
    Share Published,
    Share Authors,
    int Failures,
    TimeSpan ParseTime)
{
    /// <summary>Title, published and authors over the labels consistent with the spec (see <c>LabelNotes</c>).</summary>
    public (Share Title, Share Published, Share Authors) SpecConsistent { get; init; }

    public double? F1 => Precision is { } p && Recall is { } r ? (p + r == 0 ? 0 : 2 * p * r / (p + r)) : null;

    public double PagesPerSecond => ParseTime > TimeSpan.Zero ? Pages / ParseTime.TotalSeconds : 0;

    public static SourceSummary From(string name, IReadOnlyCollection<PageResult> pages) => new(
        name,
        pages.Count,
        Average(pages.Select(p => p.BodyPrecision)),
        Average(pages.Select(p => p.BodyRecall)),
        Share.Of(pages.Select(p => p.TitleMatch)),
        Share.Of(pages.Select(p => p.PublishedMatch)),
        Share.Of(pages.Select(p => p.AuthorsMatch)),
        pages.Count(p => p.Failed),
        TimeSpan.FromTicks(pages.Sum(p => p.ParseTime.Ticks)))
    {
        SpecConsistent = (Share.Of(pages.Select(p => p.TitleSpecMatch)), Share.Of(pages.Select(p => p.PublishedSpecMatch)),
            Share.Of(pages.Select(p => p.AuthorsSpecMatch))),
    };

    private static double? Average(IEnumerable<double?> values)
    {
        var defined = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return defined.Count == 0 ? null : defined.Average();
    }
}
