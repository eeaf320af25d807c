namespace NewsPortal.Web.Feeds;

/// <summary>The <c>Feeds</c> configuration section: the WebSub hub the site's feeds name, and how often a change is looked for.</summary>
public sealed class WebSubOptions
{
    public const string Section = "Feeds";

    /// <summary>The hub's URL (<c>Feeds:WebSubHub</c>); empty: the feeds name no hub and nothing is pinged.</summary>
    public string WebSubHub { get; set; } = "";

    /// <summary>How often each node reads the change stamp to see whether the hub must be told (<c>Feeds:WebSubCheckSeconds</c>).</summary>
    public double WebSubCheckSeconds { get; set; } = 10;
}
