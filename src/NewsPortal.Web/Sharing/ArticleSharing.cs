using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Text;

namespace NewsPortal.Web.Sharing;

/// <summary>
/// What a shared link shows of an article: its OpenGraph values and a schema.org NewsArticle in
/// JSON-LD. The JSON goes into a script element as is, so the encoder escapes &lt;, &gt;, &amp; and
/// quotes (a title holding "&lt;/script&gt;" stays inside it) while CJK stays readable.
/// </summary>
public static class ArticleSharing
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The article's first image with an absolute http(s) address, for og:image and the JSON-LD image.</summary>
    public static string? ImageOf(ArticleDetail a) =>
        a.Images.Select(i => i.Url).FirstOrDefault(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");

    public static string? IsoTime(DateTimeOffset? at) =>
        at is { } value ? ChinaTime.IsoUtc(value) : null;

    public static string JsonLd(ArticleDetail a, string canonicalUrl, string siteName)
    {
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = a.Title,
            ["description"] = a.Summary.Length > 0 ? a.Summary : null,
            ["mainEntityOfPage"] = canonicalUrl,
            ["url"] = canonicalUrl,
            ["datePublished"] = IsoTime(a.PublishedAt ?? a.ListedAt),
            ["dateModified"] = IsoTime(a.RepublishedAt ?? a.UpdatedAt),
            ["inLanguage"] = a.Language,
            ["image"] = ImageOf(a),
            ["author"] = a.Authors.Length > 0 ? a.Authors.Select(n => new Dictionary<string, string> { ["@type"] = "Person", ["name"] = n }).ToArray() : null,
            ["publisher"] = new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = a.SourceName ?? siteName },
        };
        return JsonSerializer.Serialize(data.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value), Json);
    }
}
