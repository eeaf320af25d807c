namespace NewsPortal.Core.Storage;

/// <summary>One recorded failure as <c>failures list</c> shows it; <see cref="InputSize"/> is the size of an input refused unread.</summary>
public sealed record FailedInputListing(
    long Id, DateTimeOffset FailedAt, string Path, string Reason, bool Retriable, long? InputSize, DateTimeOffset? DismissedAt);
