using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NewsPortal.Core.Editors;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Infrastructure;
using NewsPortal.Web.Models;

namespace NewsPortal.Web.Controllers;

/// <summary>
/// The editors' desk: sign-in, the article list in every status, editing title and summary,
/// republishing and unpublishing. Every state change is a POST with an antiforgery token.
/// </summary>
[Authorize]
[Route("editor")]
public sealed class EditorController(ArticleStore articles, EditorialStore editorial, EditorStore editors, EditorPasswords passwords, Core.Stories.StoryDesk desk) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? after, CancellationToken ct)
    {
        if (!ListCursor.TryParse(after, out var cursor)) return BadRequest();
        var page = await articles.ListAllAsync(cursor, 50, ct);
        var next = page.Next is null ? null : Url.Action(nameof(Index), new { after = page.Next.ToString() });
        return View(new ArticleListPage("编辑台", page.Items, next, cursor is null));
    }

    [AllowAnonymous]
    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) => View(new LoginModel(null, null, returnUrl));

    [AllowAnonymous]
    [HttpPost("login")]
    [EnableRateLimiting(WebApplicationExtensions.LoginRateLimit)]
    public async Task<IActionResult> Login([FromForm] string? name, [FromForm] string? password, [FromForm] string? returnUrl, CancellationToken ct)
    {
        var editor = string.IsNullOrWhiteSpace(name) ? null : await editors.FindAsync(name.Trim(), ct);
        if (editor is null || editor.DisabledAt is not null || string.IsNullOrEmpty(password)
            || !passwords.Verify(editor.Name, editor.PasswordHash, password, out var rehash))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return View(new LoginModel(name, "用户名或密码不正确。", returnUrl));
        }
        if (rehash is not null) await editors.UpdatePasswordHashAsync(editor.Id, rehash, ct);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, editor.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, editor.Name),
             .. Infrastructure.EditorSessions.ClaimsAtSignIn(editor, DateTimeOffset.UtcNow)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToAction(nameof(Index));
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/");
    }

    [HttpGet("articles/{id:long}")]
    public async Task<IActionResult> Edit(long id, string? message, CancellationToken ct)
    {
        var article = await articles.GetAsync(id, includeUnpublished: true, ct);
        if (article is null) return NotFound();
        return View(new EditorArticleModel(article, await editorial.RevisionsAsync(id, ct), message, await desk.StoryOfAsync(id, ct)));
    }

    [HttpPost("articles/{id:long}")]
    public async Task<IActionResult> Save(long id, [FromForm] string? title, [FromForm] string? summary, CancellationToken ct)
    {
        title = title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 300) return BadRequest("标题不能为空，且不超过 300 字。");
        summary = (summary ?? "").Trim();
        if (summary.Length > 2000) return BadRequest("摘要不超过 2000 字。");
        return AfterChange(id, await editorial.EditAsync(id, EditorId, title, summary, ct), "已保存");
    }

    [HttpPost("articles/{id:long}/republish")]
    public async Task<IActionResult> Republish(long id, CancellationToken ct) =>
        AfterChange(id, await editorial.RepublishAsync(id, EditorId, ct), "已重新发布");

    [HttpPost("articles/{id:long}/unpublish")]
    public async Task<IActionResult> Unpublish(long id, CancellationToken ct) =>
        AfterChange(id, await editorial.UnpublishAsync(id, EditorId, ct), "已撤下");

    private IActionResult AfterChange(long id, bool changed, string message) =>
        changed ? RedirectToAction(nameof(Edit), new { id, message }) : NotFound();

    private long EditorId => long.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture);
}
