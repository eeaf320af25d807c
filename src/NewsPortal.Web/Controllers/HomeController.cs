using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsPortal.Web.Delivery;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Models;

namespace NewsPortal.Web.Controllers;

public sealed class HomeController(ArticleStore articles) : Controller
{
    public const int PageSize = 20;

    [HttpGet("/")]
    [OutputCache(PolicyName = PageCache.Pages)]
    public async Task<IActionResult> Index(string? after, CancellationToken ct)
    {
        // A cursor that is not one is the reader's (or a crawler's) mistake, not a first page.
        if (!ListCursor.TryParse(after, out var cursor)) return BadRequest();
        var page = await articles.ListPublishedAsync(cursor, PageSize, sourceId: null, ct);
        var next = page.Next is null ? null : Url.Action(nameof(Index), new { after = page.Next.ToString() });
        return View(new ArticleListPage("最新文章", page.Items, next, cursor is null));
    }

    // Any method: status pages re-execute the failed request's own method (a POST without a token → 400).
    [Route("/error/{status:int?}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error(int? status)
    {
        var code = status ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = code;
        return View("Error", code);
    }
}
