namespace NewsPortal.Core.Stories;

/// <summary>
/// The calibrated constants of story assignment (docs/stories.md says how each was chosen). The
/// ingestion service reads them from configuration section <c>Stories</c> so the evaluation can
/// vary them; the defaults are the calibrated ones.
/// </summary>
public sealed record StorySettings
{
    public const string Section = "Stories";

    /// <summary>Least time-damped similarity to an account of a story for an article to join it.</summary>
    public double JoinThreshold { get; init; } = 0.30;

    /// <summary>Least similarity to a second story for the article to merge it into the first.</summary>
    public double MergeThreshold { get; init; } = 0.35;

    /// <summary>
    /// Least similarity for another story to be offered as related coverage in the sidebar; below
    /// <see cref="JoinThreshold"/>, calibrated on how often such a story tells the same event.
    /// </summary>
    public double RelatedThreshold { get; init; } = 0.175;

    /// <summary>
    /// Least likeness of two articles recorded for the sidebar (<c>article_likeness</c>): below it
    /// (calibration, docs/stories.md) no pair of the tuning day told one event.
    /// </summary>
    public double LikenessThreshold { get; init; } = 0.15;

    /// <summary>An article records its likeness to at most this many of its candidates, the most alike.</summary>
    public int LikenessPerArticle { get; init; } = 8;

    /// <summary>
    /// An account from the article's own outlet counts this much of its likeness: an outlet's items
    /// share its house phrases, and another outlet telling it is what makes an event a story.
    /// </summary>
    public double SameOutletFactor { get; init; } = 0.9;

    /// <summary>
    /// Accounts this many days apart or closer are not damped. Half a day: accounts of one event
    /// come within hours, and a day on the same names most often tell its next turn (a visit's
    /// arrival, then its meeting; one day's case count, then the next day's). On both days of the
    /// labelled set together single-event articles put into another event's story fell from 18 to
    /// 15 of 309 with B-cubed F1 0.904 → 0.903; the check day alone 14 → 11 of 209, F1 0.897 → 0.900
    /// (docs/stories.md).
    /// </summary>
    public double FullDays { get; init; } = 0.5;

    /// <summary>Beyond <see cref="FullDays"/>, the similarity falls by e every this many days.</summary>
    public double DecayDays { get; init; } = 2;

    /// <summary>
    /// Two items of one outlet whose titles differ only in their numbers (<see cref="StoryFeatures.Series"/>)
    /// published at least this many hours apart are installments of a series (a daily briefing, a
    /// monthly figure), not two accounts of one event: neither is the other's candidate. Closer
    /// together they are most often one report updated (a toll that rose).
    /// </summary>
    public double SeriesApartHours { get; init; } = 18;

    /// <summary>How far apart in time candidates are looked for (and the keys' week buckets cover).</summary>
    public double WindowDays { get; init; } = 10;

    /// <summary>How many of an article's weightiest shared terms look up candidates.</summary>
    public int LookupTerms { get; init; } = 12;

    /// <summary>How many of an article's weightiest key terms it is stored under for others' look-ups.</summary>
    public int StoredKeyTerms { get; init; } = 32;

    /// <summary>At most this many candidates per article (those found first).</summary>
    public int CandidatesPerArticle { get; init; } = 100;

    /// <summary>
    /// Documents assumed beside the real ones, holding none of the terms: while a database holds few
    /// articles, inverse document frequencies say little (in a database of two articles the terms they
    /// share would weigh least), and this keeps the weights near equal until there is evidence.
    /// </summary>
    public double PriorDocuments { get; init; } = 100;

    /// <summary>
    /// Inverse document frequency of a term held by <paramref name="df"/> of <paramref name="documents"/>
    /// articles, smoothed by <see cref="PriorDocuments"/>.
    /// </summary>
    public double Idf(long documents, int df) => LogOfDocuments(documents) - LogOfCount(df);

    internal double LogOfDocuments(long documents) => Math.Log(documents + PriorDocuments + 1.0);

    internal static double LogOfCount(int df) => Math.Log(df + 0.5);

    public static readonly StorySettings Default = new();
}
