using System.Net;
using System.Text.Json;
using AngleSharp.Dom;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// The article object of a page's schema.org JSON-LD, wherever it sits (top level, an array, an
/// <c>@graph</c> or a <c>mainEntity</c>). Broken JSON is common on real pages and is skipped.
/// </summary>
/// <param name="Cambrian">
/// Baidu's "cambrian" JSON-LD (no <c>@type</c>; <c>title</c>, <c>images</c>, <c>pubDate</c>), common on
/// Chinese sites. Its <c>pubDate</c> is when the page was pushed to Baidu, often minutes after the
/// time the page shows, so it only dates a page that shows none.
/// </param>
internal sealed record JsonLdArticle(
    string? Headline, string? AlternativeHeadline, string? DatePublished, string? DateModified,
    IReadOnlyList<string> Authors, string? Publisher, string? Image, string? Url, string? Description, bool Cambrian = false)
{
    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static JsonLdArticle? Find(IEnumerable<IElement> scripts)
    {
        JsonLdArticle? cambrian = null;
        foreach (var script in scripts)
        {
            if (Parse(Unwrapped(script.TextContent)) is not { } json) continue;
            using (json)
            {
                if (FindArticle(json.RootElement, 0) is { } article) return From(article, NodesById(json.RootElement));
                if (cambrian is null && IsCambrian(json.RootElement)) cambrian = FromCambrian(json.RootElement);
            }
        }
        return cambrian;
    }

    /// <summary>
    /// The script's JSON, or null when it is broken beyond what browsers' own readers of it forgive.
    /// Templates that paste a multi-line description or article body into a string leave raw line
    /// breaks and tabs in it, which JSON forbids; such a string is read with them as spaces.
    /// </summary>
    private static JsonDocument? Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text, Lenient);
        }
        catch (JsonException)
        {
        }
        if (WithoutRawControlCharacters(text) is not { } repaired) return null;
        try
        {
            return JsonDocument.Parse(repaired, Lenient);
        }
        catch (JsonException)
        {
            // A page's broken JSON-LD says nothing; the meta tags and the text still may.
            return null;
        }
    }

    /// <summary>The text with control characters inside string literals made spaces; null when it has none.</summary>
    private static string? WithoutRawControlCharacters(string text)
    {
        char[]? chars = null;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString && c == '\\') i++;
            else if (c == '"') inString = !inString;
            else if (inString && c < ' ') (chars ??= text.ToCharArray())[i] = ' ';
        }
        return chars is null ? null : new string(chars);
    }

    // XHTML-era templates wrap script bodies in <![CDATA[ … ]]> or <!-- … -->, often behind "//" so
    // browsers' script parsers skip the markers; JSON allows neither.
    private static string Unwrapped(string script)
    {
        var text = script.Trim();
        foreach (var (open, close) in (ReadOnlySpan<(string, string)>)[("<![CDATA[", "]]>"), ("<!--", "-->")])
        {
            var start = text.StartsWith("//", StringComparison.Ordinal) ? text.TrimStart('/').TrimStart() : text;
            if (!start.StartsWith(open, StringComparison.Ordinal)) continue;
            text = start[open.Length..].TrimEnd();
            if (text.EndsWith(close, StringComparison.Ordinal)) text = text[..^close.Length].TrimEnd();
            if (text.EndsWith("//", StringComparison.Ordinal)) text = text[..^2].TrimEnd();
            text = text.Trim();
        }
        return text;
    }

    private static bool IsCambrian(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("pubDate", out _) && !e.TryGetProperty("@type", out _);

    private static JsonLdArticle FromCambrian(JsonElement e) => new(
        Property(e, "title"), null, Property(e, "pubDate"), Property(e, "upDate"), [], null,
        e.TryGetProperty("images", out var images) ? ImageUrl(images) : null, Property(e, "@id"), Property(e, "description"), Cambrian: true);

    private static JsonElement? FindArticle(JsonElement element, int depth)
    {
        if (depth > 4) return null;
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                if (FindArticle(item, depth + 1) is { } found) return found;
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object) return null;
        if (IsArticleType(element)) return element;
        foreach (var key in (string[])["@graph", "mainEntity", "mainEntityOfPage"])
            if (element.TryGetProperty(key, out var inner) && FindArticle(inner, depth + 1) is { } found) return found;
        return null;
    }

    private static bool IsArticleType(JsonElement element)
    {
        if (!element.TryGetProperty("@type", out var type)) return false;
        var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(Text) : [Text(type)];
        return types.Any(t => t is not null &&
            (t.EndsWith("Article", StringComparison.Ordinal) || t is "BlogPosting" or "LiveBlogPosting" or "Report"));
    }

    private static JsonLdArticle From(JsonElement article, Dictionary<string, JsonElement> nodes)
    {
        var authors = Names(article, "author", nodes);
        if (authors.Count == 0) authors = Names(article, "creator", nodes);
        return new(
            Property(article, "headline") ?? Property(article, "name"),
            Property(article, "alternativeHeadline"),
            Property(article, "datePublished") ?? Property(article, "dateCreated"),
            Property(article, "dateModified"),
            authors,
            PublisherName(article, nodes),
            article.TryGetProperty("image", out var image) ? ImageUrl(image) : null,
            Property(article, "url"),
            Property(article, "description"));
    }

    // Graph-style JSON-LD (WordPress SEO plugins, most news CMSs) names the author and the publisher by
    // reference, {"@id": "…/#/schema/person/…"}, and describes them in other nodes of the @graph.
    private static Dictionary<string, JsonElement> NodesById(JsonElement root)
    {
        var nodes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        void Add(JsonElement element, int depth)
        {
            if (depth > 3) return;
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray()) Add(item, depth + 1);
                return;
            }
            if (element.ValueKind != JsonValueKind.Object) return;
            if (element.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } key
                && element.TryGetProperty("name", out _))
                nodes.TryAdd(key, element);
            if (element.TryGetProperty("@graph", out var graph)) Add(graph, depth + 1);
        }
        Add(root, 0);
        return nodes;
    }

    // A personal site's graph names its owner as the publisher ({"@id": ".../schema/person/..."}): that is the
    // author, not a publication, so a person is no site name.
    private static string? PublisherName(JsonElement article, Dictionary<string, JsonElement> nodes)
    {
        if (!article.TryGetProperty("publisher", out var publisher)) return null;
        if (publisher.ValueKind == JsonValueKind.Object && Property(publisher, "name") is null && Property(publisher, "@id") is { } id
            && nodes.TryGetValue(id, out var node) && node.TryGetProperty("@type", out var type) && type.ToString().Contains("Person", StringComparison.Ordinal))
            return null;
        return Names(publisher, nodes).FirstOrDefault();
    }

    private static IReadOnlyList<string> Names(JsonElement owner, string key, Dictionary<string, JsonElement>? nodes = null) =>
        owner.TryGetProperty(key, out var value) ? Names(value, nodes) : [];

    private static IReadOnlyList<string> Names(JsonElement value, Dictionary<string, JsonElement>? nodes) => value.ValueKind switch
    {
        JsonValueKind.String => Text(value) is { Length: > 0 } s ? [s] : [],
        JsonValueKind.Object => Property(value, "name") is { } name ? [name]
            : nodes is not null && Property(value, "@id") is { } id && nodes.TryGetValue(id, out var node) && Property(node, "name") is { } named ? [named]
            : [],
        JsonValueKind.Array => value.EnumerateArray().SelectMany(v => Names(v, nodes)).Distinct().ToList(),
        _ => [],
    };

    private static string? ImageUrl(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Text(value),
        JsonValueKind.Object => Property(value, "url") ?? Property(value, "contentUrl"),
        JsonValueKind.Array => value.EnumerateArray().Select(ImageUrl).FirstOrDefault(u => u is not null),
        _ => null,
    };

    private static string? Property(JsonElement owner, string key)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(key, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Array) value = value.EnumerateArray().FirstOrDefault();
        if (value.ValueKind == JsonValueKind.Object && key is "url" or "mainEntityOfPage") return Property(value, "@id");
        return Text(value);
    }

    // WordPress SEO plugins write HTML entities into JSON-LD strings ("team&#8217;s", "O&#8217;Brien").
    private static string? Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { } s && !string.IsNullOrWhiteSpace(s)
            ? (s.Contains('&') ? WebUtility.HtmlDecode(s) : s).Trim()
            : null;
}
