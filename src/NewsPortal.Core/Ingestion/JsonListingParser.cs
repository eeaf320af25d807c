using System.Text.Json;
using System.Text.RegularExpressions;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion.Html;
using NewsPortal.Core.Ingestion.Feeds;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// A scraper's own JSON listing of articles: a JSON array of objects, JSON Lines (one object per
/// line), or an object holding such an array under <c>items</c>, <c>articles</c>, <c>data</c>, ….
/// Field names vary by scraper (<see cref="JsonListingFields"/>); each object is one item, and an
/// object that cannot be read fails alone, named by its index. Content that holds HTML goes
/// through the same reader and sanitizer as feed items; plain text becomes paragraphs.
/// </summary>
public sealed partial class JsonListingParser(OutletDirectory? outlets = null) : IArticleParser
{
    public const string FormatName = "json-listing";

    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    private readonly OutletDirectory _outlets = outlets ?? OutletDirectory.Default;
    private readonly FeedItemHtml _itemHtml = new();

    public string Format => FormatName;

    // A list of objects, an object holding one, objects line by line, or one object with a title and
    // a body or link (what GeneralNewsExtractor writes per page): what text dumps never start with
    // ("[首页]", "{广告}"). Any other lone object is not ours.
    public bool CanParse(string text)
    {
        var head = text.Length > 4096 ? text[..4096] : text;
        if (ArrayStart().IsMatch(head)) return true;
        return ObjectStart().IsMatch(head)
            && (ItemArrayKey().IsMatch(head) || NextLineObject().IsMatch(head) || (TitleKey().IsMatch(head) && BodyOrLinkKey().IsMatch(head)));
    }

    public ParseResult Parse(string text, InputOrigin origin)
    {
        List<(JsonElement? Item, string? Error)> items;
        var documents = new List<JsonDocument>();
        try
        {
            items = ReadItems(text, documents, out var error);
            if (error is not null) return ParseResult.Failed(Format, error);
            var objects = items.Where(i => i.Item is { ValueKind: JsonValueKind.Object }).Select(i => i.Item!.Value).ToList();
            if (objects.Count > 0 && !objects.Any(o => JsonListingFields.Find(o, JsonListingFields.Title) is not null || JsonListingFields.Find(o, JsonListingFields.Link) is not null))
                return ParseResult.Failed(Format, $"a JSON listing without a title or link field in any item (looked for {string.Join("/", JsonListingFields.Title)} and {string.Join("/", JsonListingFields.Link)}; the items have {KeysOf(objects)})");
            return ParseResult.OkItems(Format, [.. items.Select((item, index) => item.Error is not null ? ItemResult.Failed(item.Error) : ToArticle(item.Item!.Value, index, origin))]);
        }
        finally
        {
            foreach (var document in documents) document.Dispose();
        }
    }

    // The whole text as one JSON value first; when that fails and every line is a value of its own, JSON Lines.
    private static List<(JsonElement?, string?)> ReadItems(string text, List<JsonDocument> documents, out string? error)
    {
        error = null;
        try
        {
            var document = JsonDocument.Parse(text, Options);
            documents.Add(document);
            return ItemsOf(document.RootElement, out error);
        }
        catch (JsonException whole)
        {
            var lines = text.Split('\n').Select((line, n) => (Line: line.Trim(), Number: n + 1)).Where(l => l.Line.Length > 0).ToList();
            if (lines.Count < 2 || !lines[0].Line.StartsWith('{')) { error = $"malformed JSON: {whole.Message}"; return []; }
            var items = new List<(JsonElement?, string?)>();
            foreach (var (line, number) in lines)
            {
                try
                {
                    var document = JsonDocument.Parse(line, Options);
                    documents.Add(document);
                    items.Add((document.RootElement, null));
                }
                catch (JsonException e)
                {
                    items.Add((null, $"item {items.Count} (line {number}): malformed JSON: {e.Message}"));
                }
            }
            if (items.All(i => i.Item2 is not null)) error = $"malformed JSON: {whole.Message}";
            return items;
        }
    }

    private static List<(JsonElement?, string?)> ItemsOf(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind == JsonValueKind.Array) return [.. root.EnumerateArray().Select(e => ((JsonElement?)e, (string?)null))];
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (JsonListingFields.Find(root, JsonListingFields.ItemArrays) is { Value.ValueKind: JsonValueKind.Array } list)
                return [.. list.Value.EnumerateArray().Select(e => ((JsonElement?)e, (string?)null))];
            if (JsonListingFields.Find(root, JsonListingFields.Title) is not null
                && (JsonListingFields.Find(root, JsonListingFields.Content) is not null || JsonListingFields.Find(root, JsonListingFields.Link) is not null))
                return [(root, null)]; // one article: a listing of one
            error = $"a JSON object with no list of items (looked for {string.Join("/", JsonListingFields.ItemArrays)}); it has {KeysOf([root])}";
            return [];
        }
        error = $"a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not a listing of articles";
        return [];
    }

    private ItemResult ToArticle(JsonElement item, int index, InputOrigin origin)
    {
        if (item.ValueKind != JsonValueKind.Object) return ItemResult.Failed($"item {index}: a JSON {item.ValueKind.ToString().ToLowerInvariant()}, not an object");
        string? Field(string[] names) => JsonListingFields.Find(item, names) is { } f ? JsonListingFields.Text(f.Value) : null;

        Uri.TryCreate(origin.Url, UriKind.Absolute, out var baseUri);
        var link = Field(JsonListingFields.Link) is { } rawLink ? HtmlSanitizer.SafeUrl(rawLink, baseUri) : null;
        var content = Field(JsonListingFields.Content) ?? "";
        var read = _itemHtml.WithoutTitleRepeated(_itemHtml.Read(AnyTag().IsMatch(content) ? content : FeedItemHtml.FromPlainText(Paragraphs(content)), link),
            FeedFileParser.PlainTitle(Field(JsonListingFields.Title)));
        var bodyText = string.Join("\n\n", read.Paragraphs);
        var title = FeedFileParser.PlainTitle(Field(JsonListingFields.Title)) ?? (bodyText.Length > 0 ? TextNormalizer.Excerpt(bodyText, 40) : null);
        if (title is null) return ItemResult.Failed($"item {index}: neither a title nor content");

        var language = LanguageGuess.Guess(title + bodyText);
        var chinese = language?.StartsWith("zh", StringComparison.Ordinal) == true;
        var (published, zoneInferred, dateField) = Date(item, JsonListingFields.Published, chinese);
        var (updated, _, updatedField) = Date(item, JsonListingFields.Updated, chinese);
        // Like Atom: a listing that gives only when an item was updated dates it by that.
        if (published is null && updated is not null) (published, dateField) = (updated, updatedField);
        var images = read.Images.ToList();
        if (Field(JsonListingFields.Image) is { } imageUrl && HtmlSanitizer.SafeUrl(imageUrl, link is null ? baseUri : new Uri(link)) is { } safe
            && images.All(i => i.Url != safe))
            images.Insert(0, new ArticleImage(safe, null, null, null));
        var outlet = _outlets.Find(link ?? origin.Url);
        if (Field(JsonListingFields.Title) is not null)
            title = TitlePicker.WithoutOutletName(title, outlet?.Name, origin.OutletName,
                TitlePicker.HostLabel(Uri.TryCreate(link ?? origin.Url, UriKind.Absolute, out var at) ? at.Host : null)) ?? title;
        return ItemResult.Ok(new ParsedArticle
        {
            Guid = Field(JsonListingFields.Id),
            Title = title,
            Url = link,
            CanonicalUrl = link,
            OutletName = OutletDirectory.PlausibleName(outlet?.Name, origin.OutletName),
            OutletHost = outlet?.Host ?? origin.OutletHost ?? OutletDirectory.HostOf(link ?? origin.Url),
            PublishedAt = published,
            PublishedZoneInferred = published is not null && zoneInferred,
            PublishedSource = published is null ? null : PublishedSources.Listing(dateField!),
            UpdatedAt = updated,
            Authors = Authors(item),
            Language = language,
            Summary = read.Summary,
            BodyHtml = read.BodyHtml,
            BodyText = bodyText,
            LeadImage = images.FirstOrDefault(i => i.Url is not null)?.Url,
            Images = images,
            Tags = JsonListingFields.Find(item, JsonListingFields.Tags) is { } tags
                ? [.. JsonListingFields.List(tags.Value).Select(TextNormalizer.CollapseWhitespace).Where(t => t.Length > 0).Distinct()]
                : [],
        });
    }

    // Scrapers separate paragraphs with a blank line (newspaper) or with a line break (GeneralNewsExtractor):
    // text without any blank line has a paragraph per line.
    private static string Paragraphs(string text)
    {
        text = text.Replace("\r\n", "\n");
        return BlankLine().IsMatch(text) ? text : text.Replace("\n", "\n\n");
    }

    // Epoch numbers, then the date forms feeds write; an unreadable date leaves the time unknown.
    private static (DateTimeOffset? Time, bool ZoneInferred, string? Field) Date(JsonElement item, string[] names, bool chinese)
    {
        if (JsonListingFields.Find(item, names) is not { } field) return (null, false, null);
        if (JsonListingFields.Epoch(field.Value) is { } epoch) return (epoch, false, field.Name);
        var parsed = FeedDates.ParseZoned(JsonListingFields.Text(field.Value), chinese);
        return (parsed.Time, parsed.ZoneInferred, field.Name);
    }

    private static IReadOnlyList<string> Authors(JsonElement item)
    {
        if (JsonListingFields.Find(item, JsonListingFields.Author) is not { } field) return [];
        // One string is one byline ("张三 李四", "Jane Doe and John Roe"): AuthorNames splits it as it splits a feed's.
        IEnumerable<string> names = field.Value.ValueKind == JsonValueKind.String ? [field.Value.GetString()!] : JsonListingFields.List(field.Value);
        return [.. names.SelectMany(AuthorNames.Parse).Distinct()];
    }

    private static string KeysOf(IEnumerable<JsonElement> objects)
    {
        var keys = objects.Take(20).SelectMany(o => o.EnumerateObject().Select(p => p.Name)).Distinct().Take(12).ToList();
        return keys.Count == 0 ? "no keys" : "keys " + string.Join(", ", keys);
    }

    [GeneratedRegex(@"^\uFEFF?\s*\[\s*(?:\{|\])")]
    private static partial Regex ArrayStart();

    [GeneratedRegex(@"^\uFEFF?\s*\{\s*""")]
    private static partial Regex ObjectStart();

    [GeneratedRegex(@"""(?:items|articles|data|results|entries|posts|news|stories)""\s*:\s*\[", RegexOptions.IgnoreCase)]
    private static partial Regex ItemArrayKey();

    [GeneratedRegex(@"\}[ \t]*\r?\n\s*\{\s*""")]
    private static partial Regex NextLineObject();

    [GeneratedRegex(@"""(?:title|headline)""\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex TitleKey();

    [GeneratedRegex(@"""(?:content|content_html|body|html|text|link|url)""\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex BodyOrLinkKey();

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")]
    private static partial Regex AnyTag();
}
