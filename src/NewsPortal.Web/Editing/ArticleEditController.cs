using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Core.Editing;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Text;

namespace NewsPortal.Web.Editing;

/// <summary>
/// Editing an article's content (title, summary, body, tags) with a preview of the sanitized body,
/// a correction note for readers, its schedule, and the diff between any two of its versions.
/// </summary>
[Authorize]
[Route("editor/articles/{id:long}")]
public sealed class ArticleEditController(ArticleEditStore edits) : Controller
{
    public const int MaxBodyLength = 500_000;

    [HttpGet("edit")]
    public async Task<IActionResult> Edit(long id, string? message, CancellationToken ct)
    {
        if (await edits.GetAsync(id, ct) is not { } a) return NotFound();
        return View(new ArticleEditPage(a, a.Title, a.Summary, a.BodyHtml, string.Join("，", a.Tags), null, null, message, null));
    }

    /// <summary><c>intent=preview</c> shows the sanitized body and saves nothing; anything else saves.</summary>
    [HttpPost("edit")]
    public async Task<IActionResult> Save(long id, [FromForm] ArticleEditForm form, CancellationToken ct)
    {
        if (await edits.GetAsync(id, ct) is not { } a) return NotFound();
        if ((form.Body ?? "").Length > MaxBodyLength) return BadRequest("正文过长。");
        var title = (form.Title ?? "").Trim();
        var summary = (form.Summary ?? "").Trim();
        var body = EditedBody.FromEditor(form.Body ?? "");
        var error = title.Length is 0 or > 300 ? "标题不能为空，且不超过 300 字。"
            : summary.Length > 2000 ? "摘要不超过 2000 字。"
            : body.Text.Length == 0 ? "正文不能为空。"
            : (form.Note ?? "").Length > 1000 ? "更正说明不超过 1000 字。"
            : null;
        if (error is not null || form.Intent == "preview")
        {
            if (error is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Edit), new ArticleEditPage(a, title, summary, form.Body ?? "", form.Tags ?? "", form.Note,
                error is null ? body.Html : null, null, error));
        }
        var saved = await edits.SaveAsync(new ArticleEdit(id, title, summary, body, Tags(form.Tags), form.Note), DeskAccess.EditorId(User), ct);
        return saved ? RedirectToAction(nameof(Edit), new { id, message = "已保存" }) : NotFound();
    }

    /// <summary>Times in China time as a datetime-local field sends them (2024-05-01T08:00); empty for none.</summary>
    [HttpPost("schedule")]
    public async Task<IActionResult> Schedule(long id, [FromForm] string? publishAt, [FromForm] string? withdrawAt, CancellationToken ct)
    {
        if (!TryTime(publishAt, out var publish) || !TryTime(withdrawAt, out var withdraw)) return BadRequest("时间格式不正确。");
        if (publish is not null && withdraw is not null && withdraw <= publish) return BadRequest("撤下时间须晚于发布时间。");
        var changed = await edits.ScheduleAsync(id, DeskAccess.EditorId(User), publish, withdraw, ct);
        return changed ? RedirectToAction(nameof(Edit), new { id, message = "已设置定时" }) : NotFound();
    }

    /// <summary>The diff of two versions (revision ids); by default the last two.</summary>
    [HttpGet("revisions")]
    public async Task<IActionResult> Revisions(long id, long? from, long? to, CancellationToken ct)
    {
        var versions = await edits.VersionsAsync(id, ct);
        if (versions.Count == 0) return NotFound();
        var newer = to is { } t ? versions.FirstOrDefault(v => v.Id == t) : versions[^1];
        var older = from is { } f ? versions.FirstOrDefault(v => v.Id == f) : versions.Count > 1 ? versions[^2] : versions[^1];
        if (newer is null || older is null) return NotFound();
        return View(new RevisionDiffPage(id, versions[^1].Title, versions, older, newer,
            TextDiff.Compute(older.Title, newer.Title), TextDiff.Compute(older.Summary, newer.Summary), TextDiff.Compute(older.BodyText, newer.BodyText)));
    }

    // Tags as editors type them: separated by commas (either width), 、 or semicolons.
    private static string[] Tags(string? text) =>
        [.. (text ?? "").Split([',', '，', '、', ';', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t.Length <= 50).Distinct().Take(30)];

    private static bool TryTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!ChinaTime.TryParseWallClock(text, out var parsed)) return false;
        value = parsed;
        return true;
    }
}

