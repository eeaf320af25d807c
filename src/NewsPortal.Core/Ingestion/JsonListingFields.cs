using System.Globalization;
using System.Text.Json;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// The field names scrapers give article fields in their own JSON listings, most common first, and
/// the shapes their values take: a string, a number (epoch dates, ids), a list, or an object that
/// wraps the value (<c>{"name": …}</c>, <c>{"url": …}</c>, WordPress's <c>{"rendered": …}</c>).
/// Keys compare case-insensitively; unknown keys are ignored.
/// </summary>
internal static class JsonListingFields
{
    public static readonly string[] Title = ["title", "headline", "name"];
    public static readonly string[] Link = ["link", "url", "href", "permalink", "canonical_url", "web_url"];
    public static readonly string[] Content = ["content_html", "content", "body", "html", "body_html", "text", "content_text", "description", "summary"];
    public static readonly string[] Published =
    [
        "date", "published", "pubDate", "published_at", "publishedAt", "datePublished", "date_published",
        // Chinese scrapers (GeneralNewsExtractor writes publish_time).
        "publish_time", "pub_time", "publish_date", "time", "created_at", "createdAt", "created", "timestamp",
    ];
    public static readonly string[] Updated = ["updated", "updated_at", "updatedAt", "dateModified", "date_modified", "modified"];
    public static readonly string[] Author = ["author", "authors", "byline", "creator", "writer"];
    public static readonly string[] Tags = ["tags", "categories", "category", "keywords"];
    public static readonly string[] Image = ["image", "lead_image", "thumbnail", "image_url", "thumbnail_url", "top_image", "cover"];
    public static readonly string[] Id = ["id", "guid", "uuid"];

    /// <summary>Where an object holding a listing keeps its items.</summary>
    public static readonly string[] ItemArrays = ["items", "articles", "data", "results", "entries", "posts", "news", "stories"];

    // Objects wrap a value under one of these keys.
    private static readonly string[] Wrapped = ["rendered", "name", "url", "href", "src", "text", "value", "title"];

    /// <summary>The first of <paramref name="names"/> the object has with a usable value: its name and the value.</summary>
    public static (string Name, JsonElement Value)? Find(JsonElement item, string[] names)
    {
        foreach (var name in names)
        {
            foreach (var property in item.EnumerateObject())
            {
                if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
                if (property.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) continue;
                if (property.Value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(property.Value.GetString())) continue;
                return (property.Name, property.Value);
            }
        }
        return null;
    }

    /// <summary>The field's text: a string, a number as written, or the string an object wraps.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Trim() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Object => Wrapped.Select(k => Find(value, [k])).FirstOrDefault(f => f is not null) is { } inner ? Text(inner.Value) : null,
        _ => null,
    };

    /// <summary>A list field's values: a JSON list of strings or wrapping objects, or one string of comma-separated values.</summary>
    public static IEnumerable<string> List(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Select(Text).OfType<string>(),
        JsonValueKind.String => value.GetString()!.Split([',', '，', ';', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        _ => Text(value) is { } one ? [one] : [],
    };

    /// <summary>
    /// A number, or a string of 10 or 13 digits, as Unix time: seconds, or milliseconds when the value
    /// is too large for seconds of a plausible date.
    /// </summary>
    public static DateTimeOffset? Epoch(JsonElement value)
    {
        double number;
        if (value.ValueKind == JsonValueKind.Number) number = value.GetDouble();
        else if (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: 10 or 13 } digits && digits.All(char.IsAsciiDigit))
            number = double.Parse(digits, CultureInfo.InvariantCulture);
        else return null;
        if (number <= 0 || double.IsNaN(number)) return null;
        var milliseconds = number >= 100_000_000_000 ? number : number * 1000;
        if (milliseconds > 4_102_444_800_000) return null; // after 2100: not a publication time
        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(milliseconds));
    }
}
