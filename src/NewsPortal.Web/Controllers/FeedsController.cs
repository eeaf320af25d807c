using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsPortal.Web.Delivery;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Feeds;
using NewsPortal.Web.Infrastructure;

namespace NewsPortal.Web.Controllers;

public sealed class FeedsController(ArticleStore articles, FeedWriter writer) : Controller
{
    public const int ItemCount = 50;

    [HttpGet("/feeds/rss.xml")]
    [OutputCache(PolicyName = PageCache.Feeds)]
    public async Task<IActionResult> Rss(CancellationToken ct) =>
        File(writer.WriteRss(await articles.LatestForFeedAsync(ItemCount, ct), SiteUrls.BaseUrl(Request)), "application/rss+xml; charset=utf-8");

    [HttpGet("/feeds/atom.xml")]
    [OutputCache(PolicyName = PageCache.Feeds)]
    public async Task<IActionResult> Atom(CancellationToken ct) =>
        File(writer.WriteAtom(await articles.LatestForFeedAsync(ItemCount, ct), SiteUrls.BaseUrl(Request)), "application/atom+xml; charset=utf-8");
}
