namespace NewsPortal.Core.Polling;

/// <summary>One feed of an OPML list (<see cref="FeedListOpml"/>): its address, outlet name and poll interval, when the list gives them.</summary>
public sealed record OpmlFeed(string Url, string? OutletName, TimeSpan? Interval);
