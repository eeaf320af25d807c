using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Models;

/// <summary>Every polled feed with its state, as of <paramref name="Now"/>.</summary>
public sealed record FeedStatusPage(IReadOnlyList<FeedSubscription> Feeds, DateTimeOffset Now)
{
    /// <summary>A feed whose poll is this late means no poller is running.</summary>
    public static readonly TimeSpan Overdue = TimeSpan.FromMinutes(15);

    public int FailingCount => Feeds.Count(f => f.ErrorCount > 0);

    public static string State(FeedSubscription f) =>
        f.ErrorCount > 0 ? "出错" : f.LastSuccessAt is null ? "尚未抓取" : "正常";

    public static string StateClass(FeedSubscription f) =>
        f.ErrorCount > 0 ? "feed-failing" : f.LastSuccessAt is null ? "feed-new" : "feed-ok";

    public bool IsOverdue(FeedSubscription f) => Now - f.NextPollAt > Overdue;

    public static string Interval(FeedSubscription f)
    {
        var span = f.Interval;
        return span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? $"{span.TotalDays:0} 天"
            : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? $"{span.TotalHours:0} 小时"
            : $"{span.TotalMinutes:0.#} 分钟";
    }
}
