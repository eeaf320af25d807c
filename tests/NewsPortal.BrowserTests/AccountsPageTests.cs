using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace NewsPortal.BrowserTests;

/// <summary>
/// An admin adds an editor on the accounts page, in Chromium; the editor, signed in in a second
/// browser context, has no way to the accounts page and is refused it by URL (403). Neither sees a
/// content-security-policy violation: the pages' scripts are all files the policy allows.
/// </summary>
public sealed class AccountsPageTests(AdminPortalFixture portal, ITestOutputHelper output) : IClassFixture<AdminPortalFixture>
{
    private const string NewEditor = "new-editor";
    private const string NewPassword = "the new editor's secret";

    [Fact]
    public async Task An_admin_adds_an_editor_who_cannot_reach_the_accounts_page()
    {
        var admin = await portal.NewPageAsync();
        var editor = await portal.NewPageAsync();
        var violations = new List<string>();
        foreach (var page in new[] { admin, editor })
            page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text); };
        try
        {
            await SignInAsync(admin, AdminPortalFixture.AdminName, AdminPortalFixture.AdminPassword);
            await admin.GetByRole(AriaRole.Link, new() { Name = "账户管理" }).ClickAsync();
            await Expect(admin).ToHaveURLAsync(new Regex("/editor/accounts$"));
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("账户管理");

            await admin.GetByLabel("用户名", new() { Exact = true }).FillAsync(NewEditor);
            await admin.GetByLabel("初始密码").FillAsync(NewPassword);
            await admin.GetByLabel("角色").SelectOptionAsync("editor");
            await admin.GetByRole(AriaRole.Button, new() { Name = "添加", Exact = true }).ClickAsync();

            await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已添加账户 {NewEditor}（编辑）。");
            var row = admin.Locator($"tr[data-account='{NewEditor}']");
            await Expect(row.Locator(".account-role")).ToHaveTextAsync("编辑");
            await Expect(row.Locator(".account-state")).ToHaveTextAsync("正常");

            // The new editor, in a browser context of their own.
            await SignInAsync(editor, NewEditor, NewPassword);
            await Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("编辑台");
            await Expect(editor.GetByRole(AriaRole.Link, new() { Name = "账户管理" })).ToHaveCountAsync(0);
            await Expect(editor.GetByRole(AriaRole.Link, new() { Name = "审计日志" })).ToHaveCountAsync(0);
            var refused = await editor.GotoAsync("/editor/accounts");
            Assert.Equal(403, refused!.Status);
            await Expect(editor).ToHaveURLAsync(new Regex("/editor/accounts$"));
            await Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("没有权限");
            Assert.Equal(403, (await editor.GotoAsync("/editor/audit"))!.Status);

            // The admin's audit page has the addition and the editor's sign-in.
            await admin.GotoAsync($"/editor/audit?person={NewEditor}");
            await Expect(admin.Locator("table.audit-table tbody tr")).ToHaveCountAsync(2);
            await Expect(admin.Locator("tr[data-action='account-added'] .audit-actor")).ToHaveTextAsync(AdminPortalFixture.AdminName);
            await Expect(admin.Locator("tr[data-action='sign-in'] .audit-actor")).ToHaveTextAsync(NewEditor);

            Assert.Empty(violations);
        }
        catch (Exception e)
        {
            await SaveFailureScreenshotAsync(admin, "failed-accounts-admin.png");
            await SaveFailureScreenshotAsync(editor, "failed-accounts-editor.png");
            throw new XunitException($"{e.Message}\nPages: {admin.Url} {editor.Url}\n{portal.WebAppReport}", e);
        }
        finally
        {
            await admin.Context.CloseAsync();
            await editor.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_accounts_and_audit_pages_have_no_WCAG_AA_violations()
    {
        var page = await portal.NewPageAsync();
        try
        {
            await SignInAsync(page, AdminPortalFixture.AdminName, AdminPortalFixture.AdminPassword);
            var found = new List<string>();
            foreach (var url in new[] { "/editor/accounts", "/editor/audit" })
            {
                await page.GotoAsync(url);
                await Expect(page.Locator("h1")).ToBeVisibleAsync();
                found.AddRange((await AccessibilityTests.ViolationsAsync(page, portal.Layout)).Select(v => $"{url}: {v}"));
            }
            foreach (var v in found) output.WriteLine(v);
            Assert.Empty(found);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task SignInAsync(IPage page, string name, string password)
    {
        await page.GotoAsync("/editor/login");
        await page.GetByLabel("用户名").FillAsync(name);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/editor$"));
    }

    private async Task SaveFailureScreenshotAsync(IPage page, string name)
    {
        try
        {
            Directory.CreateDirectory(portal.Layout.ScreenshotDirectory);
            var path = Path.Combine(portal.Layout.ScreenshotDirectory, name);
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
            output.WriteLine($"Screenshot: {path}");
        }
        catch (PlaywrightException e)
        {
            output.WriteLine($"No failure screenshot: {e.Message}");
        }
    }
}
