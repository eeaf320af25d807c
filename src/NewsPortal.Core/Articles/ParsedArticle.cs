namespace NewsPortal.Core.Articles;

/// <summary>
/// What a parser made of one input: everything the store needs, nothing it does not know.
/// Fields an input does not state stay null; a parser never invents a URL or an author.
/// </summary>
public sealed record ParsedArticle
{
    public required string Title { get; init; }
    public string? Url { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? OutletName { get; init; }
    public string? OutletHost { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    /// <summary>True when the page gave a wall-clock time without a zone and China time was assumed.</summary>
    public bool PublishedZoneInferred { get; init; }
    public DateTimeOffset? CapturedAt { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Language { get; init; }
    public string Summary { get; init; } = "";
    public required string BodyHtml { get; init; }
    public required string BodyText { get; init; }
    public IReadOnlyList<ArticleImage> Images { get; init; } = [];
    /// <summary>The source page's own "related" teaser list: kept apart from the body, never shown as ours.</summary>
    public IReadOnlyList<SiteTeaser> SiteTeasers { get; init; } = [];
    public long? ViewCount { get; init; }
}
