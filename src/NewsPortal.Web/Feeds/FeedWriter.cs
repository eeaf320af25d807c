using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.Extensions.Options;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Infrastructure;

namespace NewsPortal.Web.Feeds;

/// <summary>
/// RSS 2.0, Atom 1.0 and JSON Feed 1.1 of a list of articles. Item links and ids are the absolute URLs of our
/// article pages (stable for an article's life); dates are when an article was listed, so a
/// republished article rises to the top of a reader's list as it does on the front page.
/// </summary>
public sealed class FeedWriter(IOptions<SiteOptions> site, IOptions<WebSubOptions> webSub)
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = true };

    /// <summary>The site's own feeds: its latest articles. They name the WebSub hub when there is one (the hub is told when they change).</summary>
    public FeedChannel Latest => new(site.Value.Title, site.Value.Title + "：最新文章", "/feeds/rss.xml", "/feeds/atom.xml", "/")
    {
        Hub = webSub.Value.WebSubHub.Length > 0 ? webSub.Value.WebSubHub : null,
    };

    public byte[] WriteRss(IReadOnlyList<ArticleDetail> articles, string baseUrl, FeedChannel channel) => Write(w =>
    {
        w.WriteStartElement("rss");
        w.WriteAttributeString("version", "2.0");
        w.WriteAttributeString("xmlns", "atom", null, AtomNs);
        w.WriteAttributeString("xmlns", "content", null, ContentNs);
        w.WriteAttributeString("xmlns", "dc", null, DcNs);
        w.WriteStartElement("channel");
        w.WriteElementString("title", channel.Title);
        w.WriteElementString("link", baseUrl + channel.PagePath);
        w.WriteElementString("description", channel.Description);
        w.WriteElementString("language", "zh-cn");
        w.WriteStartElement("atom", "link", AtomNs);
        w.WriteAttributeString("href", baseUrl + channel.RssPath);
        w.WriteAttributeString("rel", "self");
        w.WriteAttributeString("type", "application/rss+xml");
        w.WriteEndElement();
        if (channel.Hub is { } rssHub)
        {
            w.WriteStartElement("atom", "link", AtomNs);
            w.WriteAttributeString("href", rssHub);
            w.WriteAttributeString("rel", "hub");
            w.WriteEndElement();
        }
        w.WriteElementString("lastBuildDate", Rfc822(LastChange(articles)));
        foreach (var a in articles)
        {
            var link = SiteUrls.Article(baseUrl, a.Id);
            w.WriteStartElement("item");
            w.WriteElementString("title", a.Title);
            w.WriteElementString("link", link);
            w.WriteStartElement("guid");
            w.WriteAttributeString("isPermaLink", "true");
            w.WriteString(link);
            w.WriteEndElement();
            w.WriteElementString("pubDate", Rfc822(a.ListedAt));
            if (a.Authors.Length > 0) w.WriteElementString("creator", DcNs, string.Join("、", a.Authors));
            if (a.SourceName is not null) w.WriteElementString("category", a.SourceName);
            // A corrected article carries its note first, and the time of the change (RSS has no element of its own for it).
            w.WriteElementString("description", Editing.CorrectionNote.BeforeText(a, a.Summary));
            w.WriteElementString("encoded", ContentNs, Editing.CorrectionNote.BeforeHtml(a, a.BodyHtml));
            if (a.CorrectedAt is not null) w.WriteElementString("updated", AtomNs, Rfc3339(a.ListedAt > a.UpdatedAt ? a.ListedAt : a.UpdatedAt));
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    });

    public byte[] WriteAtom(IReadOnlyList<ArticleDetail> articles, string baseUrl, FeedChannel channel) => Write(w =>
    {
        w.WriteStartElement("feed", AtomNs);
        w.WriteAttributeString("xml", "lang", null, "zh-Hans");
        w.WriteElementString("id", AtomNs, baseUrl + channel.AtomPath);
        w.WriteElementString("title", AtomNs, channel.Title);
        w.WriteElementString("updated", AtomNs, Rfc3339(LastChange(articles)));
        WriteLink(w, baseUrl + channel.AtomPath, "self", "application/atom+xml");
        WriteLink(w, baseUrl + channel.PagePath, "alternate", "text/html");
        if (channel.Hub is { } atomHub)
        {
            w.WriteStartElement("link", AtomNs);
            w.WriteAttributeString("href", atomHub);
            w.WriteAttributeString("rel", "hub");
            w.WriteEndElement();
        }
        foreach (var a in articles)
        {
            var link = SiteUrls.Article(baseUrl, a.Id);
            w.WriteStartElement("entry", AtomNs);
            w.WriteElementString("id", AtomNs, link);
            w.WriteStartElement("title", AtomNs);
            w.WriteAttributeString("type", "text");
            w.WriteString(a.Title);
            w.WriteEndElement();
            WriteLink(w, link, "alternate", "text/html");
            // updated: when it was last listed or changed; published: when the outlet published it.
            w.WriteElementString("updated", AtomNs, Rfc3339(a.ListedAt > a.UpdatedAt ? a.ListedAt : a.UpdatedAt));
            if (a.PublishedAt is { } published) w.WriteElementString("published", AtomNs, Rfc3339(published));
            w.WriteStartElement("author", AtomNs);
            w.WriteElementString("name", AtomNs, a.Authors.Length > 0 ? string.Join("、", a.Authors) : a.SourceName ?? site.Value.Title);
            w.WriteEndElement();
            w.WriteStartElement("summary", AtomNs);
            w.WriteAttributeString("type", "text");
            w.WriteString(Editing.CorrectionNote.BeforeText(a, a.Summary));
            w.WriteEndElement();
            w.WriteStartElement("content", AtomNs);
            w.WriteAttributeString("type", "html");
            w.WriteString(Editing.CorrectionNote.BeforeHtml(a, a.BodyHtml));
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    /// <summary>One feed in the format asked for.</summary>
    public byte[] Write(FeedFormat format, IReadOnlyList<ArticleDetail> articles, string baseUrl, FeedChannel channel) => format switch
    {
        FeedFormat.Rss => WriteRss(articles, baseUrl, channel),
        FeedFormat.Atom => WriteAtom(articles, baseUrl, channel),
        _ => WriteJsonFeed(articles, baseUrl, channel),
    };

    /// <summary>JSON Feed 1.1 (https://jsonfeed.org/version/1.1), with the same items, ids and dates as the RSS and Atom feeds.</summary>
    public byte[] WriteJsonFeed(IReadOnlyList<ArticleDetail> articles, string baseUrl, FeedChannel channel)
    {
        using var stream = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions
               {
                   Indented = true,
                   // Chinese stays readable UTF-8; <, >, & and quotes are still escaped.
                   Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
               }))
        {
            w.WriteStartObject();
            w.WriteString("version", "https://jsonfeed.org/version/1.1");
            w.WriteString("title", channel.Title);
            w.WriteString("home_page_url", baseUrl + channel.PagePath);
            w.WriteString("feed_url", baseUrl + channel.JsonPath);
            w.WriteString("description", channel.Description);
            w.WriteString("language", "zh-Hans");
            if (channel.Hub is { } hub)
            {
                w.WriteStartArray("hubs");
                w.WriteStartObject();
                w.WriteString("type", "WebSub");
                w.WriteString("url", hub);
                w.WriteEndObject();
                w.WriteEndArray();
            }
            w.WriteStartArray("items");
            foreach (var a in articles)
            {
                var link = SiteUrls.Article(baseUrl, a.Id);
                w.WriteStartObject();
                w.WriteString("id", link);
                w.WriteString("url", link);
                if (a.OriginalUrl is not null) w.WriteString("external_url", a.OriginalUrl);
                w.WriteString("title", a.Title);
                w.WriteString("content_html", Editing.CorrectionNote.BeforeHtml(a, a.BodyHtml));
                var summary = Editing.CorrectionNote.BeforeText(a, a.Summary);
                if (summary.Length > 0) w.WriteString("summary", summary);
                w.WriteString("date_published", Rfc3339(a.ListedAt));
                w.WriteString("date_modified", Rfc3339(a.ListedAt > a.UpdatedAt ? a.ListedAt : a.UpdatedAt));
                w.WriteStartArray("authors");
                w.WriteStartObject();
                w.WriteString("name", a.Authors.Length > 0 ? string.Join("、", a.Authors) : a.SourceName ?? site.Value.Title);
                w.WriteEndObject();
                w.WriteEndArray();
                if (a.Tags.Length > 0)
                {
                    w.WriteStartArray("tags");
                    foreach (var tag in a.Tags.Distinct()) w.WriteStringValue(tag);
                    w.WriteEndArray();
                }
                if (a.Language is not null) w.WriteString("language", a.Language);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static void WriteLink(XmlWriter w, string href, string rel, string type)
    {
        w.WriteStartElement("link", AtomNs);
        w.WriteAttributeString("href", href);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteEndElement();
    }

    private static DateTimeOffset LastChange(IReadOnlyList<ArticleDetail> articles) =>
        articles.Count == 0 ? DateTimeOffset.UnixEpoch : articles.Max(a => a.ListedAt > a.UpdatedAt ? a.ListedAt : a.UpdatedAt);

    private static string Rfc822(DateTimeOffset value) => value.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    private static string Rfc3339(DateTimeOffset value) => Core.Text.ChinaTime.IsoUtc(value);

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument();
            body(writer);
            writer.WriteEndDocument();
        }
        return stream.ToArray();
    }
}

/// <summary>What a feed is of: its title and description, where it and its page live (paths under the base URL).</summary>
public sealed record FeedChannel(string Title, string Description, string RssPath, string AtomPath, string PagePath)
{
    /// <summary>The WebSub hub the feed names (WebSub 1.0, section 4), or none.</summary>
    public string? Hub { get; init; }

    /// <summary>The site's feeds, which the hub is told about when the site changes.</summary>
    public static readonly IReadOnlyList<string> SitePaths = ["/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json"];

    /// <summary>The JSON Feed beside the RSS one: <c>…/rss.xml</c> becomes <c>…/feed.json</c>, the query kept.</summary>
    public string JsonPath => RssPath.Replace("rss.xml", "feed.json", StringComparison.Ordinal);

    public string PathOf(FeedFormat format) => format switch
    {
        FeedFormat.Rss => RssPath,
        FeedFormat.Atom => AtomPath,
        _ => JsonPath,
    };
}

/// <summary>The three feed formats every feed of the portal comes in, named by the last part of their path.</summary>
public enum FeedFormat { Rss, Atom, Json }

public static class FeedFormats
{
    /// <summary>rss.xml, atom.xml or feed.json; false for anything else.</summary>
    public static bool TryParse(string file, out FeedFormat format)
    {
        (var known, format) = file switch
        {
            "rss.xml" => (true, FeedFormat.Rss),
            "atom.xml" => (true, FeedFormat.Atom),
            "feed.json" => (true, FeedFormat.Json),
            _ => (false, FeedFormat.Rss),
        };
        return known;
    }

    public static string ContentType(FeedFormat format) => format switch
    {
        FeedFormat.Rss => "application/rss+xml; charset=utf-8",
        FeedFormat.Atom => "application/atom+xml; charset=utf-8",
        _ => "application/feed+json; charset=utf-8",
    };
}
