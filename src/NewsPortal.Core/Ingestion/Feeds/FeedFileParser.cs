using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion.Html;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion.Feeds;

/// <summary>
/// Feed files — RSS 2.0, RSS 1.0/RDF, Atom 1.0, JSON Feed 1.x — one article per item. Full content
/// wins over the summary; item HTML goes through the same reader as markdown feed dumps (proxied
/// images unwrapped, captions attached, sanitized). A malformed file fails as a whole; an item
/// that cannot be read fails alone and the others are kept.
/// </summary>
public sealed partial class FeedFileParser(OutletDirectory? outlets = null) : IArticleParser
{
    public const string FormatName = "feed-file";

    private readonly OutletDirectory _outlets = outlets ?? OutletDirectory.Default;
    private readonly FeedItemHtml _itemHtml = new();

    public string Format => FormatName;

    public bool CanParse(string text)
    {
        var head = text.Length > 4096 ? text[..4096] : text;
        var trimmed = head.TrimStart();
        return trimmed.StartsWith('{') ? head.Contains("jsonfeed.org", StringComparison.Ordinal) : XmlFeedRoot().IsMatch(trimmed);
    }

    public ParseResult Parse(string text, InputOrigin origin)
    {
        FeedChannel channel;
        List<(FeedEntry? Entry, string? Error)> entries;
        try
        {
            if (text.TrimStart().StartsWith('{'))
            {
                (channel, entries) = JsonFeedReader.Read(text);
            }
            else
            {
                var (xmlChannel, xmlEntries) = XmlFeedReader.Read(text);
                (channel, entries) = (xmlChannel, [.. xmlEntries.Select(e => ((FeedEntry?)e, (string?)null))]);
            }
        }
        catch (XmlException e)
        {
            return ParseResult.Failed(Format, $"malformed XML: {e.Message}");
        }
        catch (JsonException e)
        {
            return ParseResult.Failed(Format, $"malformed JSON Feed: {e.Message}");
        }
        var untrusted = RepeatedGuids(entries.Select(e => e.Entry).OfType<FeedEntry>());
        return ParseResult.OkItems(Format, [.. entries.Select(e => e.Entry is null
            ? ItemResult.Failed(e.Error!)
            : ToArticle(e.Entry.Guid is { } guid && untrusted.Contains(guid) ? e.Entry with { Guid = null } : e.Entry, channel, origin))]);
    }

    // Some feeds give every item the same guid (the feed's own URL, say). A guid shared by items
    // that differ is no identity at all: those items are known by their links or content instead.
    private static HashSet<string> RepeatedGuids(IEnumerable<FeedEntry> entries) =>
        [.. entries.Where(e => e.Guid is not null)
            .GroupBy(e => e.Guid!)
            .Where(g => g.Select(e => (e.Link, e.Title)).Distinct().Count() > 1)
            .Select(g => g.Key)];

    private ItemResult ToArticle(FeedEntry entry, FeedChannel channel, InputOrigin origin)
    {
        var link = Absolute(entry.Link, channel.Link ?? origin.Url);
        var html = entry.ContentHtml ?? entry.SummaryHtml
            ?? (entry.ContentText is { } plain ? FeedItemHtml.FromPlainText(plain) : "");
        var item = _itemHtml.WithoutTitleRepeated(_itemHtml.Read(html, link), PlainTitle(entry.Title));
        var bodyText = string.Join("\n\n", item.Paragraphs);
        var title = PlainTitle(entry.Title) ?? (bodyText.Length > 0 ? TextNormalizer.Excerpt(bodyText, 40) : null);
        if (title is null) return ItemResult.Failed($"item {entry.Guid ?? link ?? "(no id)"} has neither a title nor content");

        var language = LanguageTag(channel.Language) ?? LanguageGuess.Guess(title + bodyText);
        var chinese = language?.StartsWith("zh", StringComparison.Ordinal) == true;
        var images = item.Images.ToList();
        foreach (var (url, caption) in entry.Images)
        {
            var safe = HtmlSanitizer.SafeUrl(url, Uri.TryCreate(link, UriKind.Absolute, out var b) ? b : null);
            if (safe is null) continue;
            var original = ImageProxy.Unwrap(safe);
            if (images.Any(i => i.Url == (original ?? safe))) continue;
            images.Add(new ArticleImage(original ?? safe, original is null ? null : safe, caption, null));
        }
        var outlet = _outlets.Find(link);
        if (entry.Title is not null)
            title = TitlePicker.WithoutOutletName(title, outlet?.Name, origin.OutletName, channel.Title,
                TitlePicker.HostLabel(Uri.TryCreate(link, UriKind.Absolute, out var at) ? at.Host : null)) ?? title;
        var published = FeedDates.ParseZoned(entry.Published, chinese);
        return ItemResult.Ok(new ParsedArticle
        {
            Guid = entry.Guid,
            Title = title,
            Url = link,
            CanonicalUrl = link,
            OutletName = OutletDirectory.PlausibleName(outlet?.Name, origin.OutletName, channel.Title),
            OutletHost = outlet?.Host ?? origin.OutletHost ?? OutletDirectory.HostOf(link),
            SiteName = channel.Title,
            PublishedAt = published.Time,
            PublishedZoneInferred = published.Time is not null && published.ZoneInferred,
            PublishedSource = published.Time is null ? null : PublishedSources.Feed(entry.PublishedField ?? "date"),
            UpdatedAt = FeedDates.Parse(entry.Updated, chinese),
            Authors = entry.Authors.SelectMany(AuthorNames.Parse).Distinct().ToList() is { Count: > 0 } named ? named : item.FooterAuthors ?? [],
            Language = language,
            Summary = item.Summary,
            BodyHtml = item.BodyHtml,
            BodyText = bodyText,
            LeadImage = images.FirstOrDefault(i => i.Url is not null)?.Url,
            Images = images,
            Tags = [.. entry.Categories.Select(TextNormalizer.CollapseWhitespace).Where(c => c.Length > 0).Distinct()],
        });
    }

    private static string? Absolute(string? url, string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri);
        return HtmlSanitizer.SafeUrl(url, baseUri);
    }

    // Titles may carry markup or entities (escaped HTML in RSS); readers see text.
    internal static string? PlainTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        var text = TextNormalizer.CollapseWhitespace(WebUtility.HtmlDecode(Tag().Replace(title, "")));
        return text.Length > 0 ? text : null;
    }

    private static string? LanguageTag(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        var lower = tag.Trim().ToLowerInvariant();
        if (lower is "zh-tw" or "zh-hk" or "zh-mo" or "zh-hant" || lower.StartsWith("zh-hant", StringComparison.Ordinal)) return "zh-Hant";
        if (lower.StartsWith("zh", StringComparison.Ordinal)) return "zh-Hans";
        return lower.Split('-')[0];
    }

    // Each comment ends at its first "-->" and is never reopened (atomic): a lazy ".*?" free to run on
    // to a later "-->" tried 2^n ways to split n leading comments before failing on a page that is no
    // feed (26 theme-debug comments took half a minute, and the per-input time limit cannot stop a regex).
    [GeneratedRegex(@"^(?:<\?xml[^>]*>\s*)?(?:(?><!--.*?-->)\s*|<!DOCTYPE[^>]*>\s*|<\?xml-stylesheet[^>]*>\s*)*<(?:rss|feed|rdf:RDF|RDF)\b", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex XmlFeedRoot();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
