using NewsPortal.Core.Storage;
using NewsPortal.Core.Stories;

namespace NewsPortal.Web.Models;

/// <summary>A list of articles with its heading and the link to the next page.</summary>
public sealed record ArticleListPage(string Heading, IReadOnlyList<ArticleListItem> Items, string? NextPageUrl, bool IsFirstPage);

/// <param name="CanonicalUrl">The article's own address, or the first copy's when this article is a later copy of its text.</param>
public sealed record ArticlePageModel(ArticleDetail Article, StorySidebar Story, DuplicateLinks Duplicates, string CanonicalUrl);

public sealed record OutletPageModel(SourceRow Outlet, ArticleListPage List);

public sealed record EditorArticleModel(ArticleDetail Article, IReadOnlyList<RevisionRow> Revisions, string? Message, long? StoryId = null);

public sealed record LoginModel(string? Name, string? Error, string? ReturnUrl);

/// <summary>A day of the archive, with the nearest days before and after it that have articles (null: none).</summary>
public sealed record ArchiveDayModel(DateOnly Date, ArticleListPage List, DateOnly? Previous = null, DateOnly? Next = null)
{
    public static string PathOf(DateOnly date) => $"/archive/{date.Year}/{date.Month:00}/{date.Day:00}";
}
