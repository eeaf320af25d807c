using NewsPortal.Core.Storage;
using NewsPortal.Core.Text;

namespace NewsPortal.Web.Editing;

/// <summary>The edit form: what the editor typed (or what is stored), the sanitized preview when asked for, and any message.</summary>
public sealed record ArticleEditPage(ArticleDraft Article, string Title, string Summary, string BodyHtml, string Tags, string? Note,
    string? PreviewHtml, string? Message, string? Error);

/// <summary>Two versions of an article and the diff of each field between them.</summary>
public sealed record RevisionDiffPage(long ArticleId, string Title, IReadOnlyList<RevisionVersion> Versions, RevisionVersion? From, RevisionVersion? To,
    IReadOnlyList<DiffSegment> TitleDiff, IReadOnlyList<DiffSegment> SummaryDiff, IReadOnlyList<DiffSegment> BodyDiff);

/// <summary>The desk's version and the source's newer one, field by field.</summary>
public sealed record SourceUpdatePage(ArticleDraft Article, SourceVersion Source,
    IReadOnlyList<DiffSegment> TitleDiff, IReadOnlyList<DiffSegment> SummaryDiff, IReadOnlyList<DiffSegment> BodyDiff, string? Message);

public sealed record SourceUpdateListPage(IReadOnlyList<SourceUpdateListing> Items, string? Message);

public sealed record ReviewPage(IReadOnlyList<ReviewItem> Items, string? Message);

/// <summary>The edit form's fields.</summary>
public sealed record ArticleEditForm(string? Title, string? Summary, string? Body, string? Tags, string? Note, string? Intent);
