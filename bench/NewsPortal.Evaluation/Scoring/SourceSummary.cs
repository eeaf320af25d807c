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

    /// <summary>Body precision and recall averaged over the pages whose body label is consistent with the spec.</summary>
    public (double? Precision, double? Recall) SpecConsistentBody { get; init; }

    /// <summary>Whether a note left any body label out: the spec-consistent body F1 is shown only then.</summary>
    public bool BodyLabelsExcluded { get; init; }

    public double? F1 => HarmonicMean(Precision, Recall);

    public double? SpecConsistentF1 => HarmonicMean(SpecConsistentBody.Precision, SpecConsistentBody.Recall);

    private static double? HarmonicMean(double? precision, double? recall) =>
        precision is { } p && recall is { } r ? (p + r == 0 ? 0 : 2 * p * r / (p + r)) : null;

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
        SpecConsistentBody = (Average(pages.Select(p => p.BodySpecPrecision)), Average(pages.Select(p => p.BodySpecRecall))),
        BodyLabelsExcluded = pages.Any(p => p.BodySpecPrecision is null && p.BodyPrecision is not null
            || p.BodySpecRecall is null && p.BodyRecall is not null),
    };

    private static double? Average(IEnumerable<double?> values)
    {
        var defined = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return defined.Count == 0 ? null : defined.Average();
    }
}
