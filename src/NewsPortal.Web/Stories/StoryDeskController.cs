using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Core.Stories;

namespace NewsPortal.Web.Stories;

/// <summary>
/// Editors shape stories: move an article out, merge two stories, split accounts off. Every change
/// is a POST with an antiforgery token (the global filter) and is logged with the editor and time,
/// in the story's decisions and in the audit log.
/// </summary>
[Authorize]
[Route("editor")]
public sealed class StoryDeskController(StoryStore stories, StoryDesk desk, Desk.AuditTrail audit) : Controller
{
    [HttpGet("stories/{id:long}")]
    public async Task<IActionResult> Show(long id, string? message, CancellationToken ct)
    {
        var page = await stories.GetAsync(id, ct);
        if (page is null) return NotFound();
        if (page.Story.MergedInto is { } survivor) return RedirectToAction(nameof(Show), new { id = survivor, message });
        return View("~/Views/Stories/Desk.cshtml", new StoryDeskModel(page, await desk.DecisionsAsync(id, ct), message));
    }

    [HttpPost("articles/{id:long}/move-out")]
    public async Task<IActionResult> MoveOut(long id, CancellationToken ct)
    {
        var before = await desk.StoryOfAsync(id, ct);
        if (await desk.MoveOutAsync(id, EditorId, ct) is not { } after) return NotFound();
        if (after != before) await audit.RecordAsync(HttpContext, Core.Audit.AuditActions.StoryMovedOut, articleId: id, detail: new() { ["from_story"] = before, ["story"] = after });
        return RedirectToAction(nameof(Show), new { id = after, message = after == before ? "该报道已单独成为一个事件，无需移出" : "已移出，成为单独的事件" });
    }

    [HttpPost("stories/{id:long}/merge")]
    public async Task<IActionResult> Merge(long id, [FromForm] long? other, CancellationToken ct)
    {
        if (other is not { } otherId || otherId == id) return BadRequest("请填写另一个事件的编号。");
        if (await desk.MergeAsync(id, otherId, EditorId, ct) is not { } survivor) return NotFound();
        await audit.RecordAsync(HttpContext, Core.Audit.AuditActions.StoryMerged, detail: new() { ["stories"] = new[] { id, otherId }, ["survivor"] = survivor });
        return RedirectToAction(nameof(Show), new { id = survivor, message = "已合并" });
    }

    [HttpPost("stories/{id:long}/split")]
    public async Task<IActionResult> Split(long id, [FromForm] long[]? articles, CancellationToken ct)
    {
        if (articles is not { Length: > 0 }) return BadRequest("请选择要拆分出去的报道。");
        if (await desk.SplitAsync(id, articles, EditorId, ct) is not { } created) return NotFound();
        if (created != id) await audit.RecordAsync(HttpContext, Core.Audit.AuditActions.StorySplit, detail: new() { ["story"] = id, ["new_story"] = created, ["articles"] = articles });
        return RedirectToAction(nameof(Show), new { id = created, message = created == id ? "所选即全部报道，无需拆分" : "已拆分为新事件" });
    }

    private long EditorId => long.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);
}

/// <summary>The editors' page of a story: its accounts, and the decisions logged on it.</summary>
public sealed record StoryDeskModel(StoryPage Page, IReadOnlyList<StoryDecision> Decisions, string? Message);
