using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsPortal.Web.Delivery;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Infrastructure;
using NewsPortal.Web.Models;

namespace NewsPortal.Web.Controllers;

public sealed class ArticlesController([FromKeyedServices(ReadDataSource.Key)] ArticlePageStore pages) : Controller
{
    public const int RelatedCount = 8;

    [HttpGet("/articles/{id:long}")]
    [Popular.CountsViews]
    [OutputCache(PolicyName = PageCache.Pages)]
    public async Task<IActionResult> Show(long id, CancellationToken ct)
    {
        if (await pages.GetAsync(id, RelatedCount, ct) is not { } page) return NotFound();
        // Every page names its canonical address; a linked copy keeps its own page (links to it stay
        // good) and names the first copy's.
        var canonical = SiteUrls.Article(SiteUrls.BaseUrl(Request), page.Links.FirstCopy?.Id ?? id);
        return View(new ArticlePageModel(page.Article, page.Sidebar, page.Links, canonical));
    }
}
