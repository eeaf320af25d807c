using Microsoft.AspNetCore.Mvc;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Models;

namespace NewsPortal.Web.Controllers;

public sealed class ArticlesController(ArticleStore articles, RelatedArticlesQuery related) : Controller
{
    public const int RelatedCount = 8;

    [HttpGet("/articles/{id:long}")]
    public async Task<IActionResult> Show(long id, CancellationToken ct)
    {
        var article = await articles.GetAsync(id, includeUnpublished: false, ct);
        if (article is null) return NotFound();
        return View(new ArticlePageModel(article, await related.FindAsync(id, RelatedCount, ct)));
    }
}
