using NewsPortal.Core.Articles;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// What makes two inputs the same article (the identity key, unique in the store), and what makes
/// a second arrival of it a change (the content hash).
/// </summary>
public static class ArticleIdentity
{
    /// <summary>
    /// <c>url:&lt;canonical url&gt;</c> when the input has one, so the same page arriving by two routes
    /// (a feed item and a scraped page) is one article; else <c>guid:&lt;outlet&gt;:&lt;guid&gt;</c> for a
    /// feed item without a link; else a hash of its title and text.
    /// </summary>
    public static string KeyOf(ParsedArticle article)
    {
        var url = NormalizeUrl(article.CanonicalUrl ?? article.Url);
        if (url is not null) return "url:" + url;
        if (!string.IsNullOrWhiteSpace(article.Guid))
            return $"guid:{article.OutletHost ?? article.OutletName ?? article.SiteName ?? ""}:{article.Guid.Trim()}";
        return "sha256:" + ContentHash.Of(article.Title, article.BodyText);
    }

    public static string ContentHashOf(ParsedArticle article) => ContentHash.Of(
        article.Title, article.Summary, article.BodyHtml, article.PublishedAt?.ToUniversalTime().ToString("O"),
        string.Join("\u001f", article.Authors),
        string.Join("\u001f", article.Images.Select(i => $"{i.Url}\u001e{i.Caption}\u001e{i.Alt}")),
        // The view count is left out: a re-scrape where only the counter moved is not a new version.
        string.Join("\u001f", article.SiteTeasers.Select(t => $"{t.Title}\u001e{t.Url}\u001e{t.Snippet}")));

    // Query parameters that track the click, not the page.
    private static readonly string[] TrackingParameters = ["fbclid", "gclid", "spm", "share_token", "from"];

    // Mobile editions serve the same article under another host name.
    private static readonly string[] MobileHostPrefixes = ["m.", "wap.", "3g.", "mobile."];

    /// <summary>
    /// One spelling per page: lower-case scheme and host, no fragment, no default port, no tracking
    /// parameters (<c>utm_*</c> and friends), and a mobile host (<c>m.</c>, <c>wap.</c>) as its <c>www.</c> twin.
    /// </summary>
    public static string? NormalizeUrl(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return null;
        // A non-default port names another server; only the scheme's own port is dropped.
        var builder = new UriBuilder(uri) { Fragment = "", Scheme = "https", Port = uri.IsDefaultPort ? -1 : uri.Port };
        var host = builder.Host.ToLowerInvariant();
        var mobile = MobileHostPrefixes.FirstOrDefault(p => host.StartsWith(p, StringComparison.Ordinal) && host.Count(c => c == '.') >= 2);
        builder.Host = mobile is null ? host : "www." + host[mobile.Length..];
        builder.Query = string.Join('&', builder.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !IsTracking(pair.Split('=')[0])));
        return builder.Uri.AbsoluteUri;
    }

    private static bool IsTracking(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name, StringComparer.OrdinalIgnoreCase);
}
