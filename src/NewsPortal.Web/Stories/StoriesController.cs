using NewsPortal.Core.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsPortal.Web.Delivery;
using NewsPortal.Core.Stories;
using NewsPortal.Web.Feeds;
using NewsPortal.Web.Infrastructure;

namespace NewsPortal.Web.Stories;

/// <summary>A story's page and feeds. A story merged into another redirects there, permanently.</summary>
public sealed class StoriesController([FromKeyedServices(ReadDataSource.Key)] StoryStore stories, FeedWriter writer) : Controller
{
    public const int FeedItemCount = 50;

    [HttpGet("/stories/{id:long}")]
    [OutputCache(PolicyName = PageCache.Pages)]
    public async Task<IActionResult> Show(long id, CancellationToken ct)
    {
        var page = await stories.GetAsync(id, ct);
        if (page is null) return NotFound();
        if (page.Story.MergedInto is { } survivor) return RedirectPermanent($"/stories/{survivor}");
        if (page.Accounts.Count == 0) return NotFound();
        return View(page);
    }

    /// <summary>A story's feeds: /stories/{id}/rss.xml, atom.xml, feed.json.</summary>
    [HttpGet("/stories/{id:long}/{file}")]
    [OutputCache(PolicyName = PageCache.Feeds)]
    public async Task<IActionResult> Feed(long id, string file, CancellationToken ct) =>
        FeedFormats.TryParse(file, out _) ? await FeedAsync(id, file, ct) ?? NotFound() : NotFound();

    private async Task<IActionResult?> FeedAsync(long id, string file, CancellationToken ct)
    {
        var page = await stories.GetAsync(id, ct);
        if (page is null) return null;
        if (page.Story.MergedInto is { } survivor) return RedirectPermanent($"/stories/{survivor}/{file}");
        if (page.Accounts.Count == 0) return null;
        var headline = page.Headline ?? page.Accounts[0];
        var count = page.Story.OutletCount > 1 ? $"{page.Story.OutletCount} 家媒体报道" : $"共 {page.Accounts.Count} 篇报道";
        var channel = new FeedChannel($"{headline.Title}（{count}）", $"同一事件的各家报道：{headline.Title}",
            $"/stories/{id}/rss.xml", $"/stories/{id}/atom.xml", $"/stories/{id}");
        var items = await stories.FeedAsync(id, FeedItemCount, ct);
        var baseUrl = SiteUrls.BaseUrl(Request);
        FeedFormats.TryParse(file, out var format);
        return File(writer.Write(format, items, baseUrl, channel), FeedFormats.ContentType(format));
    }
}
