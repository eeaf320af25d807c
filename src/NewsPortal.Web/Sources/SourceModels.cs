using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Sources;

/// <summary>The sources page: the polled feeds, the outlets with their review setting, and whether this editor may change them.</summary>
public sealed record SourcesPage(IReadOnlyList<FeedSourceRow> Feeds, IReadOnlyList<OutletSetting> Outlets, bool CanManage, string? Message);

/// <summary>The failed-inputs page.</summary>
public sealed record FailuresPage(IReadOnlyList<FailureRow> Failures, bool IncludeDismissed, string? Message);
