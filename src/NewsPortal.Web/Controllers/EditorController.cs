using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Core.Audit;
using NewsPortal.Core.Editors;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Desk;
using NewsPortal.Web.Infrastructure;
using NewsPortal.Web.Models;

namespace NewsPortal.Web.Controllers;

/// <summary>
/// The editors' desk: sign-in, the article list in every status, editing title and summary,
/// republishing and unpublishing. Every state change is a POST with an antiforgery token and a
/// line in the audit log; sign-in is throttled per address and per account (<see cref="SignInThrottle"/>).
/// </summary>
[Authorize]
[Route("editor")]
public sealed class EditorController(ArticleStore articles, EditorialStore editorial, EditorStore editors, EditorPasswords passwords,
    Core.Stories.StoryDesk desk, AuditTrail audit, SignInThrottle throttle, TimeProvider time, ILogger<EditorController> logger) : Controller
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
    public async Task<IActionResult> Login([FromForm] string? name, [FromForm] string? password, [FromForm] string? returnUrl, CancellationToken ct)
    {
        name = (name ?? "").Trim();
        var address = AuditTrail.AddressOf(HttpContext) ?? "unknown";
        if (throttle.RetryAfter(name, address) is { } wait)
        {
            logger.LogWarning("Sign-in refused for {Account} from {Address}: too many attempts, {RetryAfterSeconds} s to wait", name, address, (int)Math.Ceiling(wait.TotalSeconds));
            return TooManyAttempts.Result(Response, wait);
        }
        throttle.Attempted(address);
        var editor = name.Length == 0 ? null : await editors.FindAsync(name, ct);
        string? rehash = null;
        var failure = editor is null ? "no such account"
            : editor.DisabledAt is not null ? "the account is disabled"
            : string.IsNullOrEmpty(password) || !passwords.Verify(editor.Name, editor.PasswordHash, password, out rehash) ? "wrong password"
            : null;
        if (failure is not null)
        {
            throttle.Failed(name);
            // The name tried and where from, never the password.
            logger.LogWarning("Failed sign-in for {Account} from {Address}: {Reason}", name, address, failure);
            await audit.RecordSignInAsync(HttpContext, AuditActions.SignInFailed, editor?.Id, name.Length > 64 ? name[..64] : name, new() { ["reason"] = failure });
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return View(new LoginModel(name, "用户名或密码不正确。", returnUrl));
        }
        throttle.Succeeded(name);
        if (rehash is not null) await editors.UpdatePasswordHashAsync(editor!.Id, rehash, ct);
        var identity = new ClaimsIdentity(EditorSessions.ClaimsAtSignIn(editor!, time.GetUtcNow()), CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        logger.LogInformation("Editor {Account} signed in from {Address} as {Role}", editor!.Name, address, editor.Role);
        await audit.RecordSignInAsync(HttpContext, AuditActions.SignIn, editor.Id, editor.Name, new() { ["role"] = editor.Role });
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToAction(nameof(Index));
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        await audit.RecordAsync(HttpContext, AuditActions.SignOut);
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
        return await AfterChangeAsync(id, await editorial.EditAsync(id, EditorId, title, summary, ct), "已保存",
            AuditActions.ArticleEdited, new() { ["title"] = title, ["summary"] = summary });
    }

    [HttpPost("articles/{id:long}/republish")]
    public async Task<IActionResult> Republish(long id, CancellationToken ct) =>
        await AfterChangeAsync(id, await editorial.RepublishAsync(id, EditorId, ct), "已重新发布", AuditActions.ArticleRepublished);

    [HttpPost("articles/{id:long}/unpublish")]
    public async Task<IActionResult> Unpublish(long id, CancellationToken ct) =>
        await AfterChangeAsync(id, await editorial.UnpublishAsync(id, EditorId, ct), "已撤下", AuditActions.ArticleUnpublished);

    private async Task<IActionResult> AfterChangeAsync(long id, bool changed, string message, string action, Dictionary<string, object?>? detail = null)
    {
        if (!changed) return NotFound();
        await audit.RecordAsync(HttpContext, action, articleId: id, detail: detail);
        return RedirectToAction(nameof(Edit), new { id, message });
    }

    private long EditorId => long.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture);
}
