using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsPortal.Web.Delivery;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Text;
using NewsPortal.Web.Infrastructure;

namespace NewsPortal.Web.Sharing;

/// <summary>What crawlers and browsers ask a site for besides its pages: robots.txt, a sitemap, the icon.</summary>
public sealed class SharingController([FromKeyedServices(ReadDataSource.Key)] ArticleStore articles) : Controller
{
    /// <summary>How many of the newest articles the sitemap lists (a news sitemap covers the recent ones).</summary>
    public const int SitemapArticles = 1000;

    [HttpGet("/robots.txt")]
    public IActionResult Robots() => Content(
        $"User-agent: *\nDisallow: /editor\nSitemap: {SiteUrls.BaseUrl(Request)}/sitemap.xml\n", "text/plain; charset=utf-8", Encoding.UTF8);

    [HttpGet("/sitemap.xml")]
    [OutputCache(PolicyName = PageCache.Feeds)]
    public async Task<IActionResult> Sitemap(CancellationToken ct)
    {
        var baseUrl = SiteUrls.BaseUrl(Request);
        var latest = await articles.LatestForSitemapAsync(SitemapArticles, ct);
        var output = new MemoryStream();
        await using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true }))
        {
            await xml.WriteStartDocumentAsync();
            await xml.WriteStartElementAsync(null, "urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            await WriteUrlAsync(xml, baseUrl + "/", latest.Count > 0 ? latest[0].UpdatedAt : null);
            foreach (var (id, updatedAt) in latest) await WriteUrlAsync(xml, SiteUrls.Article(baseUrl, id), updatedAt);
            await xml.WriteEndElementAsync();
            await xml.WriteEndDocumentAsync();
        }
        return File(output.ToArray(), "application/xml; charset=utf-8");
    }

    private static async Task WriteUrlAsync(XmlWriter xml, string loc, DateTimeOffset? lastModified)
    {
        await xml.WriteStartElementAsync(null, "url", null);
        await xml.WriteElementStringAsync(null, "loc", null, loc);
        if (lastModified is { } at)
            await xml.WriteElementStringAsync(null, "lastmod", null, ChinaTime.IsoUtc(at));
        await xml.WriteEndElementAsync();
    }

    // Browsers ask for /favicon.ico whatever the page links; the icon is an SVG.
    [HttpGet("/favicon.ico")]
    public IActionResult FaviconIco() => RedirectPermanent("/favicon.svg");
}
