namespace NewsPortal.Core.Ingestion.Feeds;

/// <summary>One item of a feed as the feed states it, before it becomes an article.</summary>
internal sealed record FeedEntry
{
    public string? Guid { get; init; }
    public string? Title { get; init; }
    public string? Link { get; init; }
    public string? Published { get; init; }
    /// <summary>The element or field <see cref="Published"/> came from (<c>pubDate</c>, <c>dc:date</c>, …).</summary>
    public string? PublishedField { get; init; }
    public string? Updated { get; init; }
    /// <summary>Full content (content:encoded, Atom content, content_html).</summary>
    public string? ContentHtml { get; init; }
    /// <summary>Summary (description, Atom summary, summary); used when there is no full content.</summary>
    public string? SummaryHtml { get; init; }
    /// <summary>Plain-text content (JSON Feed content_text, Atom type="text").</summary>
    public string? ContentText { get; init; }
    public List<string> Authors { get; init; } = [];
    public List<string> Categories { get; init; } = [];
    public List<(string Url, string? Caption)> Images { get; init; } = [];
}

/// <summary>What a feed says about itself, used for every item it holds.</summary>
internal sealed record FeedChannel(string? Title, string? Link, string? Language);
