using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Controllers;
using NewsPortal.Web.Delivery;
using NewsPortal.Web.Models;

namespace NewsPortal.Web.Navigation;

/// <summary><c>/tags/{tag}</c>: the articles whose feed gave them a tag, newest first, each account listed.</summary>
public sealed class TagsController([FromKeyedServices(ReadDataSource.Key)] ArticleStore articles) : Controller
{
    public const int MaxTagLength = 100;

    public static string PathOf(string tag) => "/tags/" + Uri.EscapeDataString(tag);

    [HttpGet("/tags/{tag}")]
    [OutputCache(PolicyName = PageCache.Pages)]
    public async Task<IActionResult> Show(string tag, string? after, CancellationToken ct)
    {
        // The server decodes a path but for %2F; a tag such as "US/Canada" arrives with it.
        tag = tag.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(tag) || tag.Length > MaxTagLength) return NotFound();
        if (!ListCursor.TryParse(after, out var cursor)) return BadRequest();
        var page = await articles.ListTaggedAsync(tag, cursor, HomeController.PageSize, ct);
        if (page.Items.Count == 0 && cursor is null) return NotFound();
        var next = page.Next is null ? null : $"{PathOf(tag)}?after={page.Next}";
        ViewData["Title"] = $"标签：{tag}";
        return View("~/Views/Home/Index.cshtml", new ArticleListPage($"标签：{tag}", page.Items, next, cursor is null));
    }
}
