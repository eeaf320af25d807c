using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Models;

/// <summary>A list of articles with its heading and the link to the next page.</summary>
public sealed record ArticleListPage(string Heading, IReadOnlyList<ArticleListItem> Items, string? NextPageUrl, bool IsFirstPage);

public sealed record ArticlePageModel(ArticleDetail Article, IReadOnlyList<RelatedArticle> Related);

public sealed record OutletPageModel(SourceRow Outlet, ArticleListPage List);

public sealed record EditorArticleModel(ArticleDetail Article, IReadOnlyList<RevisionRow> Revisions, string? Message);

public sealed record LoginModel(string? Name, string? Error, string? ReturnUrl);
