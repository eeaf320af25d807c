namespace NewsPortal.Evaluation.Corpus;

/// <summary>
/// One input page of the evaluation corpus and what its source labels about it. A label that is
/// null was not given for this page, and the page is left out of that metric.
/// </summary>
public sealed record LabelledPage
{
    public required string Id { get; init; }
    public required string Path { get; init; }
    public string? Url { get; init; }
    /// <summary>Reads the page bytes as the parser would receive them (gunzipped where stored gzipped).</summary>
    public required Func<byte[]> ReadBytes { get; init; }

    /// <summary>The reference body text, scored by shingle overlap.</summary>
    public string? ReferenceBody { get; init; }
    /// <summary>Segment labels (trafilatura): scored by which segments the body contains.</summary>
    public BodySegments? Segments { get; init; }

    public string? Title { get; init; }
    public IReadOnlyList<string>? Authors { get; init; }
    /// <summary>The publish time as the label writes it (<c>2005-3-11 12:12</c>, ISO-8601, ...).</summary>
    public string? Published { get; init; }
    /// <summary>A zone-less published label is China wall-clock time (zh pages: mainland, Taiwan, HK are all +08:00).</summary>
    public bool ChinaWallClock { get; init; }

    /// <summary>What the source says of the page's site when no address is known (a CWCE site group, a GNE folder).</summary>
    public string? SiteHint { get; init; }

    /// <summary>The page's site (<see cref="SiteKey"/>), set when the run reads the page.</summary>
    public string Site { get; init; } = "";

    /// <summary><see cref="CorpusHalf.Tuning"/> or <see cref="CorpusHalf.Check"/>, by site.</summary>
    public string Half => CorpusHalf.Of(Site);
}
