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
public sealed class ArchiveController([FromKeyedServices(ReadDataSource.Key)] ArticleStore articles, TimeProvider time) : Controller
{
    /// <summary>The archive's entry: the latest day anything was listed on (today when nothing was).</summary>
    [HttpGet("/archive")]
    public async Task<IActionResult> Latest(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(ChinaTime.ToChinaTime(time.GetUtcNow()).DateTime);
        var tomorrow = StartOf(today.AddDays(1));
        var (before, _) = await articles.ListedAroundAsync(tomorrow, tomorrow, ct);
        return Redirect(ArchiveDayModel.PathOf(before is { } at ? DayOf(at) : today));
    }

    [HttpGet("/archive/{year:int}/{month:int}/{day:int}")]
    [OutputCache(PolicyName = PageCache.Pages)]
    public async Task<IActionResult> Day(int year, int month, int day, string? after, CancellationToken ct)
    {
        if (year is < 1900 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return NotFound();
        if (!ListCursor.TryParse(after, out var cursor)) return BadRequest();
        var date = new DateOnly(year, month, day);
        var since = StartOf(date);
        var page = await articles.ListPublishedBetweenAsync(since, since.AddDays(1), cursor, HomeController.PageSize, ct);
        var next = page.Next is null ? null : Url.Action(nameof(Day), new { year, month, day, after = page.Next.ToString() });
        var heading = date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        // The day links go to the nearest days anything was listed on: a portal holding years of
        // items, or none of late, would otherwise be read back one empty day at a time.
        var (before, later) = await articles.ListedAroundAsync(since, since.AddDays(1), ct);
        return View(new ArchiveDayModel(date, new ArticleListPage(heading, page.Items, next, cursor is null),
            before is { } b ? DayOf(b) : null, later is { } l ? DayOf(l) : null));
    }

    // A day of the archive is a China-time day; Npgsql writes timestamptz from UTC values only.
    private static DateTimeOffset StartOf(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();

    private static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(ChinaTime.ToChinaTime(at).DateTime);
}
