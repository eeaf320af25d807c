using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsPortal.Web.Delivery;
using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Popular;

/// <summary>热门: the most-read articles of the last 24 hours and the last 7 days.</summary>
public sealed class PopularController([FromKeyedServices(ReadDataSource.Key)] ArticleViewStore views, TimeProvider time) : Controller
{
    public const int Count = 20;

    [HttpGet("/popular")]
    [OutputCache(PolicyName = PageCache.Popular)]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return View(new PopularPageModel(
            await views.MostReadAsync(now.AddHours(-24), Count, ct),
            await views.MostReadAsync(now.AddDays(-7), Count, ct)));
    }
}

public sealed record PopularPageModel(IReadOnlyList<PopularArticle> Day, IReadOnlyList<PopularArticle> Week);
