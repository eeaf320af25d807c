namespace NewsPortal.Core.Articles;

/// <summary>
/// What a parser made of one input: everything the store needs, nothing it does not know.
/// Fields an input does not state stay null; a parser never invents a URL or an author.
/// </summary>
public sealed record ParsedArticle
{
    public required string Title { get; init; }
    /// <summary>The item's id in its feed (RSS guid, Atom id, JSON Feed id), when it came from one.</summary>
    public string? Guid { get; init; }
    /// <summary>A kicker or subtitle shown with the headline (引题/副题), when the page has one.</summary>
    public string? Kicker { get; init; }
    public string? Url { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? OutletName { get; init; }
    public string? OutletHost { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    /// <summary>True when the page gave a wall-clock time without a zone and China time was assumed.</summary>
    public bool PublishedZoneInferred { get; init; }
    /// <summary>
    /// Where <see cref="PublishedAt"/> was read (<see cref="PublishedSources"/>: <c>json-ld</c>,
    /// <c>meta:article:published_time</c>, <c>dump-date-line</c>, …); null when there is no time.
    /// </summary>
    public string? PublishedSource { get; init; }
    /// <summary>When the page says it was last updated, if it says so.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
    public DateTimeOffset? CapturedAt { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    /// <summary>The responsible editor (责任编辑), kept apart from the authors.</summary>
    public string? Editor { get; init; }
    /// <summary>The site the page is on, as the page names itself.</summary>
    public string? SiteName { get; init; }
    /// <summary>The outlet a reposted article came from (来源：环球时报, 据新华社报道).</summary>
    public string? OriginalOutlet { get; init; }
    public string? Language { get; init; }
    public string Summary { get; init; } = "";
    public required string BodyHtml { get; init; }
    public required string BodyText { get; init; }
    /// <summary>The page's lead image (og:image, JSON-LD image, or the first content image).</summary>
    public string? LeadImage { get; init; }
    public IReadOnlyList<ArticleImage> Images { get; init; } = [];
    /// <summary>The source page's own "related" teaser list: kept apart from the body, never shown as ours.</summary>
    public IReadOnlyList<SiteTeaser> SiteTeasers { get; init; } = [];
    public long? ViewCount { get; init; }
    /// <summary>Categories or tags the source gave the item.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>What was repaired to read the input (bytes replaced, NULs dropped): kept with the article, for review.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
