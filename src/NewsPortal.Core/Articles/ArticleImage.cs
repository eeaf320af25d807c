namespace NewsPortal.Core.Articles;

/// <summary>
/// An image of an article. <see cref="Url"/> is the original (un-proxied) address; it is null
/// when the input kept only the caption (a text dump of a page loses its images).
/// </summary>
public sealed record ArticleImage(string? Url, string? ProxyUrl, string? Caption, string? Alt);
