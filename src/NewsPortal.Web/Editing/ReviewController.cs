using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Editing;

/// <summary>The review queue: new items of outlets held for review, published or rejected many at a time.</summary>
[Authorize]
[Route("editor/review")]
public sealed class ReviewController(ReviewStore review) : Controller
{
    public const int PageSize = 200;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? message, CancellationToken ct) =>
        View(new ReviewPage(await review.QueueAsync(PageSize, ct), message));

    /// <summary>One POST for the checked items: <c>decision</c> publish or reject, <c>ids</c> the articles.</summary>
    [HttpPost("")]
    public async Task<IActionResult> Decide([FromForm] string? decision, [FromForm] long[]? ids, CancellationToken ct)
    {
        if (decision is not ("publish" or "reject")) return BadRequest("decision 须为 publish 或 reject。");
        if (ids is null || ids.Length == 0) return RedirectToAction(nameof(Index), new { message = "未选择文章" });
        var count = await review.DecideAsync(ids, decision == "publish", DeskAccess.EditorId(User), ct);
        return RedirectToAction(nameof(Index), new { message = decision == "publish" ? $"已发布 {count} 篇" : $"已拒绝 {count} 篇" });
    }
}
