using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsPortal.Web.Delivery;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Text;
using NewsPortal.Web.Controllers;
using NewsPortal.Web.Models;

namespace NewsPortal.Web.Navigation;

/// <summary>The date archive: one China-time day's articles, one entry per story, newest first.</summary>
public sealed class ArchiveController([FromKeyedServices(ReadDataSource.Key)] ArticleStore articles) : Controller
{
    [HttpGet("/archive/{year:int}/{month:int}/{day:int}")]
    [OutputCache(PolicyName = PageCache.Pages)]
    public async Task<IActionResult> Day(int year, int month, int day, string? after, CancellationToken ct)
    {
        if (year is < 1900 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return NotFound();
        if (!ListCursor.TryParse(after, out var cursor)) return BadRequest();
        var date = new DateOnly(year, month, day);
        // Npgsql writes timestamptz from UTC values only.
        var since = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var page = await articles.ListPublishedBetweenAsync(since, since.AddDays(1), cursor, HomeController.PageSize, ct);
        var next = page.Next is null ? null : Url.Action(nameof(Day), new { year, month, day, after = page.Next.ToString() });
        var heading = date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        return View(new ArchiveDayModel(date, new ArticleListPage(heading, page.Items, next, cursor is null)));
    }
}
