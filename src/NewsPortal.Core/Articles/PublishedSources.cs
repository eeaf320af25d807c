namespace NewsPortal.Core.Articles;

/// <summary>
/// The names <see cref="ParsedArticle.PublishedSource"/> takes: where in the input the publication
/// time was read, so a wrong time can be traced to the field that gave it.
/// </summary>
public static class PublishedSources
{
    /// <summary>The page's JSON-LD article (<c>datePublished</c>).</summary>
    public const string JsonLd = "json-ld";

    /// <summary>A <c>&lt;time datetime&gt;</c> element of the page.</summary>
    public const string TimeElement = "time-element";

    /// <summary>A date shown to readers near the headline (<c>2023年11月8日 08:00</c>, <c>Published Nov 20, 2019</c>).</summary>
    public const string BylineText = "byline-text";

    /// <summary>The archiver's <c>&lt;div&gt;&lt;i&gt;…&lt;/i&gt;&lt;/div&gt;</c> line of a markdown feed dump.</summary>
    public const string DumpDateLine = "dump-date-line";

    /// <summary>The <c>时间:</c> line of a text dump.</summary>
    public const string DumpMetaLine = "dump-meta-line";

    /// <summary>A date in the article's URL.</summary>
    public const string Url = "url";

    /// <summary>A <c>data-date</c> attribute in the article's header, the date shown only by a script.</summary>
    public const string DataDate = "data-date";

    /// <summary>The text of the first element classed as a post's date (<c>itemPostDate</c>, <c>entry-date</c>, <c>post-date</c>).</summary>
    public const string DateElement = "date-element";

    /// <summary>A page's <c>&lt;meta&gt;</c> value: <c>meta:article:published_time</c>, <c>meta:pubdate</c>, ….</summary>
    public static string Meta(string key) => "meta:" + key;

    /// <summary>A feed element: <c>feed:pubDate</c>, <c>feed:published</c>, <c>feed:date_published</c>, ….</summary>
    public static string Feed(string element) => "feed:" + element;

    /// <summary>A field of a JSON listing: <c>listing:published_at</c>, ….</summary>
    public static string Listing(string field) => "listing:" + field;
}
