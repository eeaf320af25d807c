using Microsoft.AspNetCore.Mvc;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Stories;
using NewsPortal.Web.Infrastructure;
using NewsPortal.Web.Models;

namespace NewsPortal.Web.Controllers;

public sealed class ArticlesController(ArticleStore articles, StoryStore stories, NearDuplicateStore duplicates) : Controller
{
    public const int RelatedCount = 8;

    [HttpGet("/articles/{id:long}")]
    public async Task<IActionResult> Show(long id, CancellationToken ct)
    {
        var article = await articles.GetAsync(id, includeUnpublished: false, ct);
        if (article is null) return NotFound();
        // A linked copy keeps its own page (links to it stay good) and names the first copy as canonical.
        var links = await duplicates.ForPageAsync(id, ct);
        var canonical = links.FirstCopy is { } first ? SiteUrls.Article(SiteUrls.BaseUrl(Request), first.Id) : null;
        return View(new ArticlePageModel(article, await stories.SidebarAsync(id, RelatedCount, ct), links, canonical));
    }
}
