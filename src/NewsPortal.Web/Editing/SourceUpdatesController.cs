using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Text;

namespace NewsPortal.Web.Editing;

/// <summary>
/// "来源已更新": articles an editor changed whose source has sent a newer version since. The
/// article keeps the editor's version until an editor accepts the source's, keeps ours, or takes
/// some fields of it.
/// </summary>
[Authorize]
[Route("editor/source-updates")]
public sealed class SourceUpdatesController(SourceUpdateStore updates, ArticleEditStore edits) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? message, CancellationToken ct) =>
        View(new SourceUpdateListPage(await updates.ListAsync(ct), message));

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Show(long id, CancellationToken ct)
    {
        if (await updates.GetAsync(id, ct) is not { } source || await edits.GetAsync(id, ct) is not { } ours) return NotFound();
        return View(new SourceUpdatePage(ours, source,
            TextDiff.Compute(ours.Title, source.Title), TextDiff.Compute(ours.Summary, source.Summary),
            TextDiff.Compute(Core.Editing.EditedBody.TextOf(ours.BodyHtml), source.BodyText), null));
    }

    /// <summary><c>decision</c>: accept (the source's version), reject (keep ours), or merge the fields checked in <c>take</c>.</summary>
    [HttpPost("{id:long}")]
    public async Task<IActionResult> Decide(long id, [FromForm] string? decision, [FromForm] string[]? take, CancellationToken ct)
    {
        SourceFields? fields = decision switch
        {
            "accept" => SourceFields.All,
            "reject" => SourceFields.None,
            "merge" => (take ?? []).Aggregate(SourceFields.None, (all, name) => all | Field(name)),
            _ => null,
        };
        if (fields is not { } chosen) return BadRequest("decision 须为 accept、reject 或 merge。");
        if (!await updates.ResolveAsync(id, DeskAccess.EditorId(User), chosen, ct)) return NotFound();
        return RedirectToAction(nameof(Index), new
        {
            message = chosen switch { SourceFields.All => "已采用来源版本", SourceFields.None => "已保留编辑版本", _ => "已合并" },
        });
    }

    // The merge form's checkbox values; anything else takes nothing.
    private static SourceFields Field(string name) => name switch
    {
        "title" => SourceFields.Title,
        "summary" => SourceFields.Summary,
        "body" => SourceFields.Body,
        "tags" => SourceFields.Tags,
        _ => SourceFields.None,
    };
}
