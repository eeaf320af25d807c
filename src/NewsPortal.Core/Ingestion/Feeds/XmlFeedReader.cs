using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace NewsPortal.Core.Ingestion.Feeds;

/// <summary>
/// RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 into feed entries. Parsing is hardened: no DTD processing,
/// no external entities, bounded entity expansion and document size. Feeds that use HTML entities
/// (&amp;nbsp;) or bare ampersands are mended first, as feed readers do, instead of being refused.
/// </summary>
internal static partial class XmlFeedReader
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = 128L * 1024 * 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    public static (FeedChannel Channel, List<FeedEntry> Entries) Read(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(Mend(xml)), Settings);
        var root = XDocument.Load(reader).Root ?? throw new XmlException("empty document");
        return root.Name.LocalName switch
        {
            "feed" when root.Name.Namespace == Atom => ReadAtom(root),
            "rss" => ReadRss(root.Element("channel") ?? throw new XmlException("<rss> without <channel>")),
            "RDF" => ReadRdf(root),
            _ => throw new XmlException($"<{root.Name.LocalName}> is not a feed root (rss, RDF or Atom feed)"),
        };
    }

    private static (FeedChannel, List<FeedEntry>) ReadRss(XElement channel)
    {
        var info = new FeedChannel(Text(channel.Element("title")), Text(channel.Element("link")), Text(channel.Element("language")));
        var entries = channel.Elements("item").Select(item => new FeedEntry
        {
            Guid = Text(item.Element("guid")),
            Title = Text(item.Element("title")),
            Link = Text(item.Element("link")) ?? PermalinkGuid(item.Element("guid")),
            Published = Text(item.Element("pubDate")) ?? Text(item.Element(Dc + "date")),
            PublishedField = Text(item.Element("pubDate")) is not null ? "pubDate" : "dc:date",
            Updated = Text(item.Element(Atom + "updated")),
            ContentHtml = Text(item.Element(Content + "encoded")),
            SummaryHtml = Text(item.Element("description")),
            Authors = [.. item.Elements(Dc + "creator").Concat(item.Elements("author")).Select(Text).OfType<string>().Select(AuthorOfRss)],
            Categories = [.. item.Elements("category").Concat(item.Elements(Dc + "subject")).Select(Text).OfType<string>()],
            Images = [.. Enclosures(item).Concat(MediaImages(item))],
        }).ToList();
        return (info, entries);
    }

    private static (FeedChannel, List<FeedEntry>) ReadRdf(XElement root)
    {
        var channel = root.Element(Rss1 + "channel");
        var info = new FeedChannel(Text(channel?.Element(Rss1 + "title")), Text(channel?.Element(Rss1 + "link")), Text(channel?.Element(Dc + "language")));
        var entries = root.Elements(Rss1 + "item").Select(item => new FeedEntry
        {
            Guid = (string?)item.Attribute(Rdf + "about"),
            Title = Text(item.Element(Rss1 + "title")),
            Link = Text(item.Element(Rss1 + "link")),
            Published = Text(item.Element(Dc + "date")),
            PublishedField = "dc:date",
            ContentHtml = Text(item.Element(Content + "encoded")),
            SummaryHtml = Text(item.Element(Rss1 + "description")),
            Authors = [.. item.Elements(Dc + "creator").Select(Text).OfType<string>()],
            Categories = [.. item.Elements(Dc + "subject").Select(Text).OfType<string>()],
        }).ToList();
        return (info, entries);
    }

    private static (FeedChannel, List<FeedEntry>) ReadAtom(XElement feed)
    {
        var language = (string?)feed.Attribute(XNamespace.Xml + "lang");
        var info = new FeedChannel(Text(feed.Element(Atom + "title")), AtomLink(feed), language);
        var entries = feed.Elements(Atom + "entry").Select(entry =>
        {
            var content = entry.Element(Atom + "content");
            var textOnly = (string?)content?.Attribute("type") is null or "text";
            return new FeedEntry
            {
                Guid = Text(entry.Element(Atom + "id")),
                Title = Text(entry.Element(Atom + "title")),
                Link = AtomLink(entry),
                Published = Text(entry.Element(Atom + "published")) ?? Text(entry.Element(Atom + "updated")),
                PublishedField = Text(entry.Element(Atom + "published")) is not null ? "published" : "updated",
                Updated = Text(entry.Element(Atom + "updated")),
                ContentHtml = textOnly ? null : AtomContent(content),
                ContentText = textOnly ? Text(content) : null,
                SummaryHtml = AtomContent(entry.Element(Atom + "summary")),
                Authors = [.. entry.Elements(Atom + "author").Select(a => Text(a.Element(Atom + "name"))).OfType<string>()],
                Categories = [.. entry.Elements(Atom + "category").Select(c => (string?)c.Attribute("label") ?? (string?)c.Attribute("term")).OfType<string>()],
                Images = [.. MediaImages(entry), .. entry.Elements(Atom + "link")
                    .Where(l => (string?)l.Attribute("rel") == "enclosure" && ((string?)l.Attribute("type"))?.StartsWith("image/", StringComparison.Ordinal) == true)
                    .Select(l => ((string)l.Attribute("href")!, (string?)null))],
            };
        }).ToList();
        return (info, entries);
    }

    private static string? AtomLink(XElement element) =>
        element.Elements(Atom + "link").Where(l => (string?)l.Attribute("rel") is null or "alternate")
            .Select(l => (string?)l.Attribute("href")).FirstOrDefault(h => !string.IsNullOrWhiteSpace(h));

    // Atom html content is escaped text; xhtml content is markup inside a div.
    private static string? AtomContent(XElement? content) =>
        content is null ? null
        : (string?)content.Attribute("type") == "xhtml" ? string.Concat(content.Nodes().Select(n => n.ToString()))
        : Text(content);

    private static IEnumerable<(string, string?)> Enclosures(XElement item) =>
        item.Elements("enclosure")
            .Where(e => ((string?)e.Attribute("type"))?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true
                        || ImageExtension().IsMatch((string?)e.Attribute("url") ?? ""))
            .Select(e => ((string)e.Attribute("url")!, (string?)null));

    private static IEnumerable<(string, string?)> MediaImages(XElement item) =>
        item.Descendants(Media + "content")
            .Where(m => (string?)m.Attribute("medium") == "image" || ((string?)m.Attribute("type"))?.StartsWith("image/", StringComparison.Ordinal) == true
                        || ImageExtension().IsMatch((string?)m.Attribute("url") ?? ""))
            .Select(m => ((string?)m.Attribute("url"), Text(m.Element(Media + "description")) ?? Text(m.Element(Media + "title"))))
            .Concat(item.Elements(Media + "thumbnail").Select(t => ((string?)t.Attribute("url"), (string?)null)))
            .Where(i => !string.IsNullOrWhiteSpace(i.Item1))
            .Select(i => (i.Item1!, i.Item2));

    private static string? PermalinkGuid(XElement? guid) =>
        guid is not null && (string?)guid.Attribute("isPermaLink") != "false" && Uri.TryCreate(guid.Value.Trim(), UriKind.Absolute, out _) ? guid.Value.Trim() : null;

    // RSS <author> is "email (Name)"; the name is what we keep.
    private static string AuthorOfRss(string value)
    {
        var match = EmailWithName().Match(value);
        return match.Success ? match.Groups[1].Value.Trim() : value;
    }

    private static string? Text(XElement? element) => element is null || string.IsNullOrWhiteSpace(element.Value) ? null : element.Value.Trim();

    /// <summary>HTML named entities become numeric references and bare ampersands are escaped.</summary>
    private static string Mend(string xml)
    {
        var numeric = NamedEntity().Replace(xml, m =>
        {
            var name = m.Groups[1].Value;
            if (name is "amp" or "lt" or "gt" or "quot" or "apos") return m.Value;
            var decoded = WebUtility.HtmlDecode(m.Value);
            return decoded == m.Value ? "&amp;" + name + ";" : string.Concat(decoded.EnumerateRunes().Select(r => $"&#{r.Value};"));
        });
        return BareAmpersand().Replace(numeric, "&amp;");
    }

    [GeneratedRegex(@"&([A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex NamedEntity();

    [GeneratedRegex(@"&(?!(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)")]
    private static partial Regex BareAmpersand();

    [GeneratedRegex(@"^\S+@\S+\s*\((.+)\)$")]
    private static partial Regex EmailWithName();

    [GeneratedRegex(@"\.(jpe?g|png|gif|webp|avif)(\?|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ImageExtension();
}
