namespace NewsPortal.Web.Infrastructure;

/// <summary>The <c>Site</c> configuration section.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    public string Title { get; set; } = "NewsPortal 新闻";

    /// <summary>Public base URL for feeds and links (behind a proxy); empty means "as the request came in".</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The section the front page shows: zh (the default), en, other, or all.</summary>
    public string FrontSection { get; set; } = "zh";
}
