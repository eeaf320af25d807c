namespace NewsPortal.Core.Storage;

/// <summary>An article as the desk's edit form shows it.</summary>
public sealed record ArticleDraft(
    long Id, string Title, string Summary, string BodyHtml, string[] Tags, string? CorrectionNote, DateTimeOffset? CorrectedAt,
    string Status, DateTimeOffset? PublishAt, DateTimeOffset? WithdrawAt, DateTimeOffset? DeskEditedAt, string? SourceName, bool SourceUpdateWaiting);

/// <summary>What an editor saves: the body already sanitized; <see cref="Note"/> is a correction note to show readers, if any.</summary>
public sealed record ArticleEdit(long Id, string Title, string Summary, Editing.EditedBody Body, string[] Tags, string? Note);

/// <summary>One revision with the body the article had after it (as text, for diffs).</summary>
public sealed record RevisionVersion(
    long Id, string Action, string? EditorName, DateTimeOffset CreatedAt, string Title, string Summary, string BodyText, string? Note);

/// <summary>The source's newer version of an article an editor changed, waiting for the editor.</summary>
public sealed record SourceVersion(
    long ArticleId, string Title, string Summary, string BodyHtml, string BodyText, string[] Tags, DateTimeOffset ReceivedAt);

/// <summary>One line of the desk's "source updated" list.</summary>
public sealed record SourceUpdateListing(long ArticleId, string Title, string SourceTitle, string? SourceName, DateTimeOffset ReceivedAt);

/// <summary>Which fields of the source's version an editor takes; the rest stay as the editor left them.</summary>
[Flags]
public enum SourceFields { None = 0, Title = 1, Summary = 2, Body = 4, Tags = 8, All = Title | Summary | Body | Tags }

/// <summary>One article in the review queue.</summary>
public sealed record ReviewItem(long Id, string Title, string Summary, string? SourceName, DateTimeOffset ListedAt, DateTimeOffset IngestedAt);

/// <summary>An outlet with its publication setting.</summary>
public sealed record OutletSetting(long Id, string Name, string? Host, bool HoldForReview);

/// <summary>A polled feed as the desk's sources page shows it.</summary>
public sealed record FeedSourceRow(
    long Id, string Url, string? OutletName, int PollIntervalSeconds, bool Paused, DateTimeOffset NextPollAt,
    DateTimeOffset? LastSuccessAt, string? LastError, int ErrorCount);

/// <summary>A recorded failure as the desk's failures page shows it.</summary>
public sealed record FailureRow(
    long Id, DateTimeOffset FailedAt, string Path, string Reason, bool Retriable, long? InputSize,
    DateTimeOffset? DismissedAt, DateTimeOffset? RetryRequestedAt);
