using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Controllers;
using NewsPortal.Web.Delivery;
using NewsPortal.Web.Feeds;
using NewsPortal.Web.Infrastructure;
using NewsPortal.Web.Models;

namespace NewsPortal.Web.Navigation;

/// <summary>
/// <c>/tags/{tag}</c>: the articles whose feed gave them a tag, newest first, each account listed;
/// and the tag's feeds, <c>/tags/{tag}/rss.xml</c>, <c>atom.xml</c> and <c>feed.json</c>.
/// </summary>
public sealed class TagsController([FromKeyedServices(ReadDataSource.Key)] ArticleStore articles, FeedWriter writer) : Controller
{
    public const int MaxTagLength = 100;

    public static string PathOf(string tag) => "/tags/" + Uri.EscapeDataString(tag);

    [HttpGet("/tags/{tag}")]
    [OutputCache(PolicyName = PageCache.Pages)]
    public async Task<IActionResult> Show(string tag, string? after, CancellationToken ct)
    {
        if (Decode(tag) is not { } name) return NotFound();
        if (!ListCursor.TryParse(after, out var cursor)) return BadRequest();
        var page = await articles.ListTaggedAsync(name, cursor, HomeController.PageSize, ct);
        if (page.Items.Count == 0 && cursor is null) return NotFound();
        var next = page.Next is null ? null : $"{PathOf(name)}?after={page.Next}";
        ViewData["Title"] = $"标签：{name}";
        ViewData["Feeds"] = ChannelOf(name);
        return View("~/Views/Home/Index.cshtml", new ArticleListPage($"标签：{name}", page.Items, next, cursor is null));
    }

    [HttpGet("/tags/{tag}/{file}")]
    [OutputCache(PolicyName = PageCache.Feeds)]
    public async Task<IActionResult> Feed(string tag, string file, CancellationToken ct)
    {
        if (Decode(tag) is not { } name || !FeedFormats.TryParse(file, out var format)) return NotFound();
        var items = await articles.LatestForFeedAsync(FeedsController.ItemCount, null, ct, name);
        if (items.Count == 0) return NotFound();
        return File(writer.Write(format, items, SiteUrls.BaseUrl(Request), ChannelOf(name)), FeedFormats.ContentType(format));
    }

    private FeedChannel ChannelOf(string tag) =>
        new($"{tag} - {writer.Latest.Title}", $"标签“{tag}”的最新文章", $"{PathOf(tag)}/rss.xml", $"{PathOf(tag)}/atom.xml", PathOf(tag));

    /// <summary>The tag a path segment names, or null when it names none.</summary>
    private static string? Decode(string tag)
    {
        // The server decodes a path but for %2F; a tag such as "US/Canada" arrives with it.
        tag = tag.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return string.IsNullOrWhiteSpace(tag) || tag.Length > MaxTagLength ? null : tag;
    }
}
