using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Core.Polling;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Editing;

namespace NewsPortal.Web.Sources;

/// <summary>
/// The polled feeds (add, pause, resume, interval and outlet name, remove; OPML import and export)
/// and each outlet's publication setting (at once, or held for review). The ingestion service polls;
/// this page only changes what it polls.
/// </summary>
[Authorize]
[Route("editor/sources")]
public sealed class SourcesController(FeedSubscriptionStore subscriptions, FeedSourceStore feeds, ReviewStore review, TimeProvider time) : Controller
{
    public const int MaxOpmlBytes = 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? message, CancellationToken ct) =>
        View(new SourcesPage(await feeds.ListAsync(ct), await review.OutletsAsync(ct), DeskAccess.CanManageSources(User), message));

    [HttpPost("")]
    public async Task<IActionResult> Add([FromForm] string? url, [FromForm] string? outletName, [FromForm] int intervalMinutes, CancellationToken ct)
    {
        if (!DeskAccess.CanManageSources(User)) return Forbid();
        if (!IsFeedUrl(url) || intervalMinutes < 1) return BadRequest("请填写 http(s) 订阅地址和不少于 1 分钟的间隔。");
        var name = string.IsNullOrWhiteSpace(outletName) ? null : outletName.Trim();
        var (_, created) = await subscriptions.AddAsync(url!.Trim(), name, TimeSpan.FromMinutes(intervalMinutes), time.GetUtcNow(), ct);
        return Done(created ? "已添加订阅源" : "订阅源已存在，已更新设置");
    }

    [HttpPost("{id:long}/pause")]
    public Task<IActionResult> Pause(long id, CancellationToken ct) => Change(() => feeds.SetPausedAsync(id, true, time.GetUtcNow(), ct), "已暂停");

    [HttpPost("{id:long}/resume")]
    public Task<IActionResult> Resume(long id, CancellationToken ct) => Change(() => feeds.SetPausedAsync(id, false, time.GetUtcNow(), ct), "已恢复");

    [HttpPost("{id:long}/settings")]
    public Task<IActionResult> Settings(long id, [FromForm] int intervalMinutes, [FromForm] string? outletName, CancellationToken ct) =>
        intervalMinutes < 1 ? Task.FromResult<IActionResult>(BadRequest("间隔不少于 1 分钟。"))
            : Change(() => feeds.UpdateAsync(id, TimeSpan.FromMinutes(intervalMinutes), outletName, ct), "已保存设置");

    [HttpPost("{id:long}/remove")]
    public Task<IActionResult> Remove(long id, CancellationToken ct) => Change(() => feeds.RemoveAsync(id, ct), "已移除订阅源");

    /// <summary>An outlet's new items: <c>hold=true</c> waits for review, false publishes at once.</summary>
    [HttpPost("outlets/{id:long}/review")]
    public Task<IActionResult> Hold(long id, [FromForm] bool hold, CancellationToken ct) =>
        Change(() => review.SetHoldAsync(id, hold, ct), hold ? "该来源的新文章将先审后发" : "该来源的新文章将直接发布");

    [HttpGet("opml")]
    public async Task<IActionResult> Export(CancellationToken ct)
    {
        var list = (await feeds.ListAsync(ct)).Select(f => new OpmlFeed(f.Url, f.OutletName, TimeSpan.FromSeconds(f.PollIntervalSeconds)));
        var opml = FeedListOpml.Write(list, "NewsPortal feeds", time.GetUtcNow());
        return File(System.Text.Encoding.UTF8.GetBytes(opml), "text/x-opml; charset=utf-8", "newsportal-feeds.opml");
    }

    /// <summary>Adds every feed of an uploaded OPML file (one already there gets the file's name and interval).</summary>
    [HttpPost("opml")]
    [RequestSizeLimit(MaxOpmlBytes + 64 * 1024)]
    public async Task<IActionResult> Import(IFormFile? file, [FromForm] int intervalMinutes, CancellationToken ct)
    {
        if (!DeskAccess.CanManageSources(User)) return Forbid();
        if (file is null || file.Length == 0 || file.Length > MaxOpmlBytes) return BadRequest("请选择不超过 1 MB 的 OPML 文件。");
        string text;
        using (var reader = new StreamReader(file.OpenReadStream())) text = await reader.ReadToEndAsync(ct);
        IReadOnlyList<OpmlFeed> list;
        try
        {
            list = FeedListOpml.Read(text);
        }
        catch (FormatException e)
        {
            return BadRequest("无法读取 OPML：" + e.Message);
        }
        var fallback = TimeSpan.FromMinutes(intervalMinutes < 1 ? 30 : intervalMinutes);
        var added = 0;
        foreach (var feed in list)
            if ((await subscriptions.AddAsync(feed.Url, feed.OutletName, feed.Interval ?? fallback, time.GetUtcNow(), ct)).Created) added++;
        return Done($"导入 {list.Count} 个订阅源，其中新增 {added} 个");
    }

    private async Task<IActionResult> Change(Func<Task<bool>> change, string message)
    {
        if (!DeskAccess.CanManageSources(User)) return Forbid();
        return await change() ? Done(message) : NotFound();
    }

    private RedirectToActionResult Done(string message) => RedirectToAction(nameof(Index), new { message });

    private static bool IsFeedUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
