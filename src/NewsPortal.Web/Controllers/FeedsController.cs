using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsPortal.Web.Delivery;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Feeds;
using NewsPortal.Web.Infrastructure;

namespace NewsPortal.Web.Controllers;

public sealed class FeedsController([FromKeyedServices(ReadDataSource.Key)] ArticleStore articles, [FromKeyedServices(ReadDataSource.Key)] SourceStore sources, FeedWriter writer) : Controller
{
    public const int ItemCount = 50;

    /// <summary>The site's feeds: /feeds/rss.xml, /feeds/atom.xml, /feeds/feed.json.</summary>
    [HttpGet("/feeds/{file}")]
    [OutputCache(PolicyName = PageCache.Feeds)]
    public async Task<IActionResult> Site(string file, CancellationToken ct)
    {
        if (!FeedFormats.TryParse(file, out var format)) return NotFound();
        var items = await articles.LatestForFeedAsync(ItemCount, null, ct);
        var baseUrl = SiteUrls.BaseUrl(Request);
        var channel = writer.Latest;
        // WebSub discovery by header too (section 4): subscribers that do not parse the body find the hub.
        if (channel.Hub is { } hub) Response.Headers.Link = $"<{hub}>; rel=\"hub\", <{baseUrl}{channel.PathOf(format)}>; rel=\"self\"";
        return File(writer.Write(format, items, baseUrl, channel), FeedFormats.ContentType(format));
    }

    /// <summary>An outlet's feeds: /outlets/{id}/rss.xml, atom.xml, feed.json.</summary>
    [HttpGet("/outlets/{id:long}/{file}")]
    [OutputCache(PolicyName = PageCache.Feeds)]
    public async Task<IActionResult> Outlet(long id, string file, CancellationToken ct)
    {
        if (!FeedFormats.TryParse(file, out var format) || await sources.GetAsync(id, ct) is not { } outlet) return NotFound();
        var channel = new FeedChannel($"{outlet.Name} - {writer.Latest.Title}", $"{outlet.Name}的最新文章",
            $"/outlets/{id}/rss.xml", $"/outlets/{id}/atom.xml", $"/outlets/{id}");
        var items = await articles.LatestForFeedAsync(ItemCount, id, ct);
        return File(writer.Write(format, items, SiteUrls.BaseUrl(Request), channel), FeedFormats.ContentType(format));
    }
}
