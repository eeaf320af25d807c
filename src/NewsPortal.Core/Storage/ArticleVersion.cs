namespace NewsPortal.Core.Storage;

/// <summary>
/// Where one version of an article stands among the copies of its identity: the item's own update
/// (else publish) time, its capture time, the modification time of the file it came from, and its
/// content hash, compared in that order (a missing time before any time). The order is a property
/// of the copies alone, so the version stored does not depend on which copy arrives first, and a
/// copy that loses once loses every time: re-reading both writes nothing.
/// <para>
/// A copy read again from the very input the stored version came from (the same file, the same
/// item of the same feed) is the source's own later word and replaces it unless its item or capture
/// time is older: sources edit items without moving any time, and that edit must not be decided by
/// a hash. The SQL in <see cref="ArticleStore"/> makes the same comparison as a guard.
/// </para>
/// </summary>
public sealed record ArticleVersion(
    DateTimeOffset? SourceAt, DateTimeOffset? CapturedAt, DateTimeOffset? ModifiedAt, string ContentHash, string InputPath)
{
    public static ArticleVersion Of(ArticleWrite write) => new(
        Micros(write.Article.UpdatedAt ?? write.Article.PublishedAt), Micros(write.Article.CapturedAt), Micros(write.InputModifiedAt),
        write.ContentHash, write.InputPath);

    /// <summary>
    /// Whether this copy's content is to replace <paramref name="stored"/>'s. A newer copy of the same
    /// content replaces nothing; it only moves the stored version's times (<see cref="IsNewerThan"/>).
    /// </summary>
    public bool Replaces(ArticleVersion stored) => ContentHash != stored.ContentHash
        && (InputPath == stored.InputPath ? CompareTimes(stored, sameInput: true) >= 0 : IsNewerThan(stored));

    /// <summary>Strictly later in the order of copies (times, then content hash).</summary>
    public bool IsNewerThan(ArticleVersion stored)
    {
        var times = CompareTimes(stored, sameInput: false);
        return times != 0 ? times > 0 : string.CompareOrdinal(ContentHash, stored.ContentHash) > 0;
    }

    private int CompareTimes(ArticleVersion other, bool sameInput)
    {
        var c = Nullable.Compare(SourceAt, other.SourceAt);
        if (c == 0) c = Nullable.Compare(CapturedAt, other.CapturedAt);
        if (c == 0 && !sameInput) c = Nullable.Compare(ModifiedAt, other.ModifiedAt);
        return c;
    }

    // PostgreSQL keeps microseconds: a time compared with one read back must be cut the same way.
    private static DateTimeOffset? Micros(DateTimeOffset? t) =>
        t is { } v ? new DateTimeOffset(v.UtcTicks - v.UtcTicks % 10, TimeSpan.Zero) : null;
}
