namespace NewsPortal.Core.Ingestion.Html;

/// <summary>What a scraped page says about its article, apart from the body.</summary>
public sealed record PageMetadata
{
    public string? Title { get; init; }
    public string? Kicker { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    /// <summary>
    /// True when the page gave a wall-clock time without a zone and one was assumed: China time on
    /// Chinese pages, UTC elsewhere.
    /// </summary>
    public bool PublishedZoneInferred { get; init; }
    /// <summary>Where <see cref="PublishedAt"/> was read (<see cref="Articles.PublishedSources"/>).</summary>
    public string? PublishedSource { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Editor { get; init; }
    public string? SiteName { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? OriginalOutlet { get; init; }
    public string? Language { get; init; }
    public string? LeadImage { get; init; }
    public string? Description { get; init; }
    public long? ViewCount { get; init; }
}
