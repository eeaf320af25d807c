namespace NewsPortal.Core.Storage;

/// <summary>An article as lists show it; <see cref="DuplicateOf"/> is the first copy of its text, if it is a later one;
/// <see cref="StoryArticles"/> and <see cref="StoryOutlets"/> count its story's published first copies and their outlets;
/// <see cref="LeadImageUrl"/> is the original address of its lead image, shown as a thumbnail (lists that do not read it, such as search hits, leave it null).</summary>
public sealed record ArticleListItem(
    long Id, string Title, string Summary, DateTimeOffset? PublishedAt, DateTimeOffset ListedAt,
    long? SourceId, string? SourceName, string Status, long? DuplicateOf, long? StoryId, int StoryArticles, int StoryOutlets,
    string? LeadImageUrl = null)
{
    public ListCursor Cursor => new(ListedAt, Id);
}

/// <summary>An article as its page and the feeds show it; <see cref="CorrectionNote"/> is the desk's correction or update note, made at <see cref="CorrectedAt"/>.</summary>
public sealed record ArticleDetail(
    long Id, string Title, string Summary, string BodyHtml, string BodyText, string? OriginalUrl,
    DateTimeOffset? PublishedAt, DateTimeOffset ListedAt, DateTimeOffset UpdatedAt, DateTimeOffset? RepublishedAt,
    string[] Authors, string? Language, long? SourceId, string? SourceName, string Status,
    string? Kicker, string? OriginalOutlet, string? ResponsibleEditor, string[] Tags,
    string? CorrectionNote = null, DateTimeOffset? CorrectedAt = null)
{
    public IReadOnlyList<ArticleImageRow> Images { get; init; } = [];
}

public sealed record ArticleImageRow(int Position, string? Url, string? ProxyUrl, string? Caption, string? Alt);

/// <summary>One page of a keyset-paginated list; <see cref="Next"/> is null on the last page.</summary>
public sealed record ArticlePage(IReadOnlyList<ArticleListItem> Items, ListCursor? Next);

public enum UpsertOutcome { New, Updated, Unchanged }

/// <summary>What the store did with one ingested article, and its id.</summary>
public sealed record StoredArticle(long Id, UpsertOutcome Outcome);

/// <summary>Everything the store needs to write one ingested article.</summary>
/// <param name="TextSignature">
/// The near-duplicate signature of the body (docs/deduplication.md); computed with the other per-item
/// work on the parsing threads, or by the store when a caller leaves it out.
/// </param>
/// <param name="StoryFeatures">What story assignment compares (title and lead); likewise computed on the parsing threads.</param>
/// <param name="InputModifiedAt">The modification time of the file the article was read from, if it was: orders copies (<see cref="ArticleVersion"/>).</param>
public sealed record ArticleWrite(
    Articles.ParsedArticle Article, long? SourceId, string IdentityKey, string ContentHash,
    string InputPath, string InputFormat, long? IngestRunId,
    Text.NearDuplicateSignature? TextSignature = null,
    Stories.StoryFeatures? StoryFeatures = null,
    DateTimeOffset? InputModifiedAt = null);
