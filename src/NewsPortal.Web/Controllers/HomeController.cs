using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsPortal.Web.Delivery;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Models;
using NewsPortal.Web.Infrastructure;
using NewsPortal.Core.Articles;
using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Controllers;

public sealed class HomeController([FromKeyedServices(ReadDataSource.Key)] ArticleStore articles, IOptions<SiteOptions> site) : Controller
{
    public const int PageSize = 20;

    [HttpGet("/")]
    [OutputCache(PolicyName = PageCache.Pages)]
    public Task<IActionResult> Index(string? after, CancellationToken ct) => SectionPageAsync(site.Value.FrontSection, after, isFront: true, ct);

    /// <summary>A section by language (<see cref="Sections"/>), or all of them: the front page's list, one entry per story.</summary>
    [HttpGet("/sections/{slug}")]
    [OutputCache(PolicyName = PageCache.Pages)]
    public async Task<IActionResult> Section(string slug, string? after, CancellationToken ct)
    {
        if (slug != AllSections && !Sections.TryParse(slug, out _)) return NotFound();
        return await SectionPageAsync(slug, after, isFront: false, ct);
    }

    public const string AllSections = "all";

    private async Task<IActionResult> SectionPageAsync(string slug, string? after, bool isFront, CancellationToken ct)
    {
        // A cursor that is not one is the reader's (or a crawler's) mistake, not a first page.
        if (!ListCursor.TryParse(after, out var cursor)) return BadRequest();
        Section? section = Sections.TryParse(slug, out var s) ? s : null;
        var page = await articles.ListPublishedAsync(cursor, PageSize, sourceId: null, ct, section);
        var path = isFront ? "/" : $"/sections/{slug}";
        var next = page.Next is null ? null : $"{path}?after={page.Next}";
        var heading = section is { } named ? $"最新文章 · {Sections.Label(named)}" : "最新文章";
        ViewData["Section"] = slug;
        return View("Index", new ArticleListPage(heading, page.Items, next, cursor is null));
    }

    // Any method: status pages re-execute the failed request's own method (a POST without a token → 400).
    [Route("/error/{status:int?}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error(int? status, [FromServices] Serilog.IDiagnosticContext requestLog)
    {
        // The request log's line for a failed request carries its exception (the one log line of it).
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is { } error) requestLog.SetException(error);
        var code = status ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = code;
        return View("Error", code);
    }
}
