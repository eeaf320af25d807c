using NewsPortal.Core.Articles;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>The article body found on a page, and the page's own related-article teasers.</summary>
public sealed record PageContent(
    string BodyHtml, string BodyText, IReadOnlyList<ArticleImage> Images, IReadOnlyList<SiteTeaser> Related);
