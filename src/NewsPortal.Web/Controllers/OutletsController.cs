using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsPortal.Web.Delivery;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Models;

namespace NewsPortal.Web.Controllers;

public sealed class OutletsController([FromKeyedServices(ReadDataSource.Key)] SourceStore sources, [FromKeyedServices(ReadDataSource.Key)] ArticleStore articles, Navigation.OutletDirectoryCache directory) : Controller
{
    /// <summary>Every outlet with its article count and newest item.</summary>
    [HttpGet("/outlets")]
    [OutputCache(PolicyName = PageCache.Pages)]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await directory.GetAsync(ct));

    [HttpGet("/outlets/{id:long}")]
    [OutputCache(PolicyName = PageCache.Pages)]
    public async Task<IActionResult> Show(long id, string? after, CancellationToken ct)
    {
        var outlet = await sources.GetAsync(id, ct);
        if (outlet is null) return NotFound();
        if (!ListCursor.TryParse(after, out var cursor)) return BadRequest();
        var page = await articles.ListPublishedAsync(cursor, HomeController.PageSize, id, ct);
        var next = page.Next is null ? null : Url.Action(nameof(Show), new { id, after = page.Next.ToString() });
        return View(new OutletPageModel(outlet, new ArticleListPage(outlet.Name, page.Items, next, cursor is null)));
    }
}
