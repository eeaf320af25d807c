using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NewsPortal.Core.Audit;
using NewsPortal.Core.Editors;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Desk;

namespace NewsPortal.Web.Accounts;

/// <summary>
/// Admins manage desk accounts: list, add with a role, reset a password, change a role, disable,
/// enable, remove — the web side of <c>user …</c> on the command line, over the same store. Every
/// change is a POST with an antiforgery token (the global filter), is written to the audit log,
/// and (but for adding and enabling) ends the account's sessions at their next request. An admin
/// cannot demote, disable or remove their own account here, so the desk always keeps the admin using it.
/// </summary>
[Authorize(Policy = DeskPolicies.Admin)]
[Route("editor/accounts")]
public sealed class AccountsController(EditorStore editors, EditorPasswords passwords, AuditTrail audit) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? message, CancellationToken ct) =>
        View("~/Views/Accounts/Index.cshtml", new AccountsPage(await editors.ListAsync(ct), message, User.Identity?.Name ?? ""));

    [HttpPost("add")]
    public async Task<IActionResult> Add([FromForm] string? name, [FromForm] string? password, [FromForm] string? role, CancellationToken ct)
    {
        name = (name ?? "").Trim();
        if ((NameProblem(name) ?? PasswordProblem(password) ?? RoleProblem(role)) is { } problem) return Done(problem);
        if (!await editors.AddAsync(name, passwords.Hash(name, password!), role!, ct)) return Done($"账户 {name} 已存在，未作更改。");
        await audit.RecordAsync(HttpContext, AuditActions.AccountAdded, account: name, detail: new() { ["role"] = role });
        return Done($"已添加账户 {name}（{EditorRoles.Label(role!)}）。");
    }

    [HttpPost("password")]
    public async Task<IActionResult> Password([FromForm] string? name, [FromForm] string? password, CancellationToken ct)
    {
        name = (name ?? "").Trim();
        if ((NameProblem(name) ?? PasswordProblem(password)) is { } problem) return Done(problem);
        if (!await editors.ResetPasswordAsync(name, passwords.Hash(name, password!), ct)) return NoSuchAccount(name);
        await audit.RecordAsync(HttpContext, AuditActions.AccountPasswordReset, account: name);
        return Done($"已重设 {name} 的密码，其登录会话已失效。");
    }

    [HttpPost("role")]
    public async Task<IActionResult> Role([FromForm] string? name, [FromForm] string? role, CancellationToken ct)
    {
        name = (name ?? "").Trim();
        if ((RoleProblem(role) ?? SelfProblem(name)) is { } problem) return Done(problem);
        var before = await editors.SetRoleAsync(name, role!, ct);
        if (before is null) return NoSuchAccount(name);
        if (before == role) return Done($"{name} 已是{EditorRoles.Label(role!)}。");
        await audit.RecordAsync(HttpContext, AuditActions.AccountRoleChanged, account: name, detail: new() { ["from"] = before, ["to"] = role });
        return Done($"{name} 现为{EditorRoles.Label(role!)}，其登录会话已失效。");
    }

    [HttpPost("disable")]
    public async Task<IActionResult> Disable([FromForm] string? name, CancellationToken ct)
    {
        name = (name ?? "").Trim();
        if (SelfProblem(name) is { } problem) return Done(problem);
        if (!await editors.SetDisabledAsync(name, disabled: true, ct)) return NoSuchAccount(name);
        await audit.RecordAsync(HttpContext, AuditActions.AccountDisabled, account: name);
        return Done($"已停用 {name}，其登录会话已失效。");
    }

    [HttpPost("enable")]
    public async Task<IActionResult> Enable([FromForm] string? name, CancellationToken ct)
    {
        name = (name ?? "").Trim();
        if (!await editors.SetDisabledAsync(name, disabled: false, ct)) return NoSuchAccount(name);
        await audit.RecordAsync(HttpContext, AuditActions.AccountEnabled, account: name);
        return Done($"已启用 {name}。");
    }

    [HttpPost("remove")]
    public async Task<IActionResult> Remove([FromForm] string? name, CancellationToken ct)
    {
        name = (name ?? "").Trim();
        if (SelfProblem(name) is { } problem) return Done(problem);
        switch (await editors.RemoveAsync(name, ct))
        {
            case EditorStore.RemoveOutcome.NotFound:
                return NoSuchAccount(name);
            case EditorStore.RemoveOutcome.HasHistory:
                return Done($"{name} 有编辑记录，历史需要保留作者，不能删除；请改为停用。");
            default:
                await audit.RecordAsync(HttpContext, AuditActions.AccountRemoved, account: name);
                return Done($"已删除账户 {name}。");
        }
    }

    private RedirectToActionResult Done(string message) => RedirectToAction(nameof(Index), new { message });

    private RedirectToActionResult NoSuchAccount(string name) => Done($"没有名为 {name} 的账户。");

    private static string? NameProblem(string name) =>
        name.Length is 0 or > 64 || name.Any(char.IsWhiteSpace) ? "用户名须为 1 到 64 个字符，不含空格。" : null;

    private static string? PasswordProblem(string? password) =>
        (password?.Length ?? 0) < EditorPasswords.MinimumLength ? $"密码至少 {EditorPasswords.MinimumLength} 个字符。" : null;

    private static string? RoleProblem(string? role) => EditorRoles.IsKnown(role) ? null : "角色须为管理员或编辑。";

    private string? SelfProblem(string name) =>
        string.Equals(name, User.Identity?.Name, StringComparison.Ordinal) ? "不能降级、停用或删除自己正在使用的账户。" : null;
}
