using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Core.Audit;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Text;

namespace NewsPortal.Web.Desk;

/// <summary>
/// The audit log for admins: filter by person (who acted or was acted on), article, action and a
/// range of China-time days, 50 entries a page, newest first, paged by entry id (keyset). The
/// action filter is the query's <c>op</c>: <c>action</c> is MVC's own route value.
/// </summary>
[Authorize(Policy = DeskPolicies.Admin)]
[Route("editor/audit")]
public sealed class AuditController(AuditStore audit) : Controller
{
    public const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? person, long? article, string? op, DateOnly? from, DateOnly? to, long? after, CancellationToken ct)
    {
        person = string.IsNullOrWhiteSpace(person) ? null : person.Trim();
        op = string.IsNullOrWhiteSpace(op) ? null : op.Trim();
        if (op is not null && !AuditActions.All.Contains(op)) return BadRequest("未知的操作类型。");
        var filter = new AuditFilter(person, article, op, DayStart(from), DayStart(to?.AddDays(1)), after);
        var (rows, more) = await audit.QueryAsync(filter, PageSize, ct);
        var next = more
            ? Url.Action(nameof(Index), new { person, article, op, from = from?.ToString("yyyy-MM-dd"), to = to?.ToString("yyyy-MM-dd"), after = rows[^1].Id })
            : null;
        return View("~/Views/Audit/Index.cshtml", new AuditPage(person, article, op, from, to, rows, next));
    }

    private static DateTimeOffset? DayStart(DateOnly? day) =>
        day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime() : null;
}
