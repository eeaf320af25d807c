namespace NewsPortal.Evaluation.Scoring;

/// <summary>
/// The scores of one page. A null body score is undefined for the page (empty prediction or empty
/// reference); a null metadata match means the label was not given.
/// </summary>
public sealed record PageResult(
    string Id,
    string? Error,
    double? BodyPrecision,
    double? BodyRecall,
    bool? TitleMatch,
    bool? PublishedMatch,
    bool? AuthorsMatch,
    TimeSpan ParseTime)
{
    /// <summary>For each metadata miss: the field, our value and the label (printed by <c>--pages</c>).</summary>
    public IReadOnlyList<string> Misses { get; init; } = [];

    // The same matches over labels consistent with the spec: null also where a LabelNote excludes the label.
    public bool? TitleSpecMatch { get; init; }
    public bool? PublishedSpecMatch { get; init; }
    public bool? AuthorsSpecMatch { get; init; }
    // The body scores, null also where a LabelNote excludes the body label.
    public double? BodySpecPrecision { get; init; }
    public double? BodySpecRecall { get; init; }

    /// <summary>The page's site and the corpus half it falls in (see <c>CorpusHalf</c>).</summary>
    public string Site { get; init; } = "";
    public string Half { get; init; } = "";

    public bool Failed => Error is not null;
}
