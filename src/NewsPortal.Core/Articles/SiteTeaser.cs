namespace NewsPortal.Core.Articles;

/// <summary>One entry of a source page's own related-articles list.</summary>
public sealed record SiteTeaser(string Title, string? Url, string? Snippet);
