using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace NewsPortal.Core.Polling;

/// <summary>
/// The polled feeds as OPML 2.0, the list format feed readers exchange, and back. Outlines may nest
/// (readers group feeds in folders); every outline with an <c>xmlUrl</c> is a feed. Our own
/// <c>pollIntervalSeconds</c> attribute carries the interval through a round trip; other readers
/// ignore it, as OPML lets them.
/// </summary>
public static class FeedListOpml
{
    public const int MaxFeeds = 5000;

    public static string Write(IEnumerable<OpmlFeed> feeds, string title, DateTimeOffset now)
    {
        var body = new XElement("body", feeds.Select(f => new XElement("outline",
            new XAttribute("type", "rss"),
            new XAttribute("text", f.OutletName ?? f.Url),
            f.OutletName is null ? null : new XAttribute("title", f.OutletName),
            new XAttribute("xmlUrl", f.Url),
            f.Interval is { } interval ? new XAttribute("pollIntervalSeconds", ((int)interval.TotalSeconds).ToString(CultureInfo.InvariantCulture)) : null)));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("opml",
            new XAttribute("version", "2.0"),
            new XElement("head", new XElement("title", title), new XElement("dateCreated", now.ToString("r", CultureInfo.InvariantCulture))),
            body));
        return document.Declaration + "\n" + document.ToString();
    }

    /// <summary>The feeds of an OPML document; throws <see cref="FormatException"/> for one that is not OPML.</summary>
    public static IReadOnlyList<OpmlFeed> Read(string opml)
    {
        XDocument document;
        try
        {
            // No DTDs: an OPML file from elsewhere must not make us fetch or expand anything.
            using var reader = XmlReader.Create(new StringReader(opml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FormatException($"not well-formed XML: {e.Message}", e);
        }
        if (document.Root?.Name.LocalName != "opml") throw new FormatException("not an OPML document (no <opml> root)");
        var feeds = new List<OpmlFeed>();
        foreach (var outline in document.Root.Descendants().Where(e => e.Name.LocalName == "outline"))
        {
            var url = outline.Attribute("xmlUrl")?.Value.Trim();
            if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) continue;
            var name = (outline.Attribute("title")?.Value ?? outline.Attribute("text")?.Value)?.Trim();
            if (name == url || string.IsNullOrEmpty(name)) name = null;
            TimeSpan? interval = int.TryParse(outline.Attribute("pollIntervalSeconds")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds >= 60
                ? TimeSpan.FromSeconds(seconds) : null;
            feeds.Add(new OpmlFeed(url, name, interval));
            if (feeds.Count > MaxFeeds) throw new FormatException($"more than {MaxFeeds} feeds");
        }
        return feeds;
    }
}
