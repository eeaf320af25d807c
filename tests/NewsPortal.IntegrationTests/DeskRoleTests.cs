using System.Net;
using Dapper;
using NewsPortal.Core.Editors;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// What each role may do: an editor works on articles and is refused every admin page and action
/// (403, not a redirect); an admin manages accounts from the web; a session ends at its next
/// request when its account's role changes or the account is removed.
/// </summary>
public sealed class DeskRoleTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public async Task InitializeAsync()
    {
        await _portal.InitializeAsync();
        await DeskAccounts.AddAdminAsync(_portal.Database);
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    private async Task<EditorClient> SignedInAsync(string name, string password)
    {
        var client = new EditorClient(_portal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(name, password)).StatusCode);
        return client;
    }

    private Task<EditorClient> AdminAsync() => SignedInAsync(DeskAccounts.AdminName, DeskAccounts.AdminPassword);

    private async Task<(string Role, bool Disabled)?> AccountAsync(string name)
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        var rows = (await c.QueryAsync<(string, bool)>("SELECT role, disabled_at IS NOT NULL FROM editors WHERE name = @Name", new { Name = name })).ToList();
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task AssertSignedOutAsync(EditorClient client)
    {
        var response = await client.Http.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/editor/login", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("/editor/accounts")]
    [InlineData("/editor/audit")]
    [InlineData("/editor/audit?op=sign-in")]
    public async Task An_editor_reaching_an_admin_page_by_URL_gets_403_not_a_redirect(string path)
    {
        var editor = await SignedInAsync(PortalFactory.EditorName, PortalFactory.EditorPassword);

        var response = await editor.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("没有权限", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("add", "name=intruder&password=long+enough+secret&role=admin")]
    [InlineData("role", "name=editor1&role=admin")]
    [InlineData("password", "name=admin1&password=taken+over+now")]
    [InlineData("disable", "name=admin1")]
    [InlineData("remove", "name=admin1")]
    public async Task An_editor_posting_an_admin_action_with_a_valid_token_gets_403_and_nothing_changes(string action, string form)
    {
        var editor = await SignedInAsync(PortalFactory.EditorName, PortalFactory.EditorPassword);
        var desk = await editor.Http.GetDocumentAsync("/editor");
        var fields = form.Split('&').Select(p => p.Split('=')).Select(p => (p[0], Uri.UnescapeDataString(p[1].Replace('+', ' ')))).ToArray();

        var response = await editor.PostAsync($"/editor/accounts/{action}", desk, fields);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await AccountAsync("intruder"));
        Assert.Equal((EditorRoles.Editor, false), await AccountAsync(PortalFactory.EditorName));
        Assert.Equal((EditorRoles.Admin, false), await AccountAsync(DeskAccounts.AdminName));
        Assert.Equal(HttpStatusCode.Redirect, (await new EditorClient(_portal).SignInAsync(DeskAccounts.AdminName, DeskAccounts.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task An_editor_edits_articles_but_sees_no_admin_links_and_an_admin_sees_them()
    {
        var editor = await SignedInAsync(PortalFactory.EditorName, PortalFactory.EditorPassword);
        var desk = await editor.Http.GetDocumentAsync("/editor");
        Assert.Null(desk.QuerySelector("a[href='/editor/accounts']"));
        Assert.Null(desk.QuerySelector("a[href='/editor/audit']"));
        var edit = await editor.Http.GetDocumentAsync($"/editor/articles/{_portal.FeedDumpId}");
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostAsync($"/editor/articles/{_portal.FeedDumpId}", edit, ("title", "编辑改过的标题"), ("summary", ""))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostAsync($"/editor/articles/{_portal.FeedDumpId}/unpublish", edit)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.GetAsync("/editor/feeds")).StatusCode);

        var admin = await AdminAsync();
        var adminDesk = await admin.Http.GetDocumentAsync("/editor");
        Assert.NotNull(adminDesk.QuerySelector("a[href='/editor/accounts']"));
        Assert.NotNull(adminDesk.QuerySelector("a[href='/editor/audit']"));
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync($"/editor/articles/{_portal.FeedDumpId}")).StatusCode);
    }

    [Fact]
    public async Task An_admin_adds_resets_changes_the_role_of_disables_enables_and_removes_an_account()
    {
        var admin = await AdminAsync();
        async Task<string> PostAsync(string action, params (string, string)[] fields)
        {
            var page = await admin.Http.GetDocumentAsync("/editor/accounts");
            var response = await admin.PostAsync($"/editor/accounts/{action}", page, fields);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var after = await admin.Http.GetDocumentAsync(response.Headers.Location!.ToString());
            return after.QuerySelector("[role=status]")!.TextContent;
        }

        Assert.Contains("已添加账户 zhang", await PostAsync("add", ("name", "zhang"), ("password", "zhang's first secret"), ("role", "editor")));
        Assert.Equal((EditorRoles.Editor, false), await AccountAsync("zhang"));
        Assert.Contains("已存在", await PostAsync("add", ("name", "zhang"), ("password", "another long secret"), ("role", "admin")));
        Assert.Contains("至少 8", await PostAsync("add", ("name", "wu"), ("password", "short"), ("role", "editor")));
        Assert.Null(await AccountAsync("wu"));

        Assert.Contains("已重设 zhang 的密码", await PostAsync("password", ("name", "zhang"), ("password", "zhang's second secret")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await new EditorClient(_portal).SignInAsync("zhang", "zhang's first secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await new EditorClient(_portal).SignInAsync("zhang", "zhang's second secret")).StatusCode);

        Assert.Contains("zhang 现为管理员", await PostAsync("role", ("name", "zhang"), ("role", "admin")));
        Assert.Equal((EditorRoles.Admin, false), await AccountAsync("zhang"));
        Assert.Contains("已停用 zhang", await PostAsync("disable", ("name", "zhang")));
        Assert.Equal((EditorRoles.Admin, true), await AccountAsync("zhang"));
        Assert.Contains("已启用 zhang", await PostAsync("enable", ("name", "zhang")));
        Assert.Contains("已删除账户 zhang", await PostAsync("remove", ("name", "zhang")));
        Assert.Null(await AccountAsync("zhang"));
        Assert.Contains("没有名为 zhang 的账户", await PostAsync("disable", ("name", "zhang")));

        // An account with edits in the history stays: its edits must keep their author.
        var editor = await SignedInAsync(PortalFactory.EditorName, PortalFactory.EditorPassword);
        var edit = await editor.Http.GetDocumentAsync($"/editor/articles/{_portal.FeedDumpId}");
        await editor.PostAsync($"/editor/articles/{_portal.FeedDumpId}/republish", edit);
        Assert.Contains("不能删除", await PostAsync("remove", ("name", PortalFactory.EditorName)));
        Assert.NotNull(await AccountAsync(PortalFactory.EditorName));

        // The page lists every account with its role.
        var list = await admin.Http.GetDocumentAsync("/editor/accounts");
        Assert.Equal("管理员", list.QuerySelector($"tr[data-account='{DeskAccounts.AdminName}'] .account-role")!.TextContent.Trim());
        Assert.Equal("编辑", list.QuerySelector($"tr[data-account='{PortalFactory.EditorName}'] .account-role")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("role", "editor")]
    [InlineData("disable", null)]
    [InlineData("remove", null)]
    public async Task An_admin_cannot_demote_disable_or_remove_their_own_account(string action, string? role)
    {
        var admin = await AdminAsync();
        var page = await admin.Http.GetDocumentAsync("/editor/accounts");
        (string, string)[] fields = role is null ? [("name", DeskAccounts.AdminName)] : [("name", DeskAccounts.AdminName), ("role", role)];

        var response = await admin.PostAsync($"/editor/accounts/{action}", page, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("不能降级、停用或删除自己", (await admin.Http.GetDocumentAsync(response.Headers.Location!.ToString())).QuerySelector("[role=status]")!.TextContent);
        Assert.Equal((EditorRoles.Admin, false), await AccountAsync(DeskAccounts.AdminName));
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/editor/accounts")).StatusCode);
    }

    [Fact]
    public async Task A_role_change_from_the_accounts_page_ends_the_accounts_session_at_its_next_request()
    {
        var editor = await SignedInAsync(PortalFactory.EditorName, PortalFactory.EditorPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Http.GetAsync("/editor/accounts")).StatusCode);
        var admin = await AdminAsync();

        var page = await admin.Http.GetDocumentAsync("/editor/accounts");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/editor/accounts/role", page, ("name", PortalFactory.EditorName), ("role", "admin"))).StatusCode);

        await AssertSignedOutAsync(editor);
        // Signed in again, the session carries the new role.
        var promoted = await SignedInAsync(PortalFactory.EditorName, PortalFactory.EditorPassword);
        Assert.Equal(HttpStatusCode.OK, (await promoted.Http.GetAsync("/editor/accounts")).StatusCode);
    }

    [Fact]
    public async Task A_demoted_admins_session_ends_at_once_and_never_keeps_admin_rights()
    {
        await DeskAccounts.AddAsync(_portal.Database, "second-admin", "second admin's secret", EditorRoles.Admin);
        var demoted = await SignedInAsync("second-admin", "second admin's secret");
        Assert.Equal(HttpStatusCode.OK, (await demoted.Http.GetAsync("/editor/accounts")).StatusCode);

        Assert.Equal(EditorRoles.Admin, await new EditorStore(_portal.Database.DataSource).SetRoleAsync("second-admin", EditorRoles.Editor, CancellationToken.None));

        var response = await demoted.Http.GetAsync("/editor/accounts");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/editor/login", response.Headers.Location!.ToString());
        await AssertSignedOutAsync(demoted);
    }

    [Fact]
    public async Task A_role_changed_without_a_new_stamp_still_ends_the_session()
    {
        var editor = await SignedInAsync(PortalFactory.EditorName, PortalFactory.EditorPassword);
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        var stamp = await c.ExecuteScalarAsync<Guid>("SELECT security_stamp FROM editors WHERE name = @Name", new { Name = PortalFactory.EditorName });
        // By hand, past the trigger that renews the stamp: the session's role claim is compared as well.
        await c.ExecuteAsync("ALTER TABLE editors DISABLE TRIGGER editors_role_new_stamp");
        await c.ExecuteAsync("UPDATE editors SET role = 'admin' WHERE name = @Name", new { Name = PortalFactory.EditorName });
        await c.ExecuteAsync("ALTER TABLE editors ENABLE TRIGGER editors_role_new_stamp");
        Assert.Equal(stamp, await c.ExecuteScalarAsync<Guid>("SELECT security_stamp FROM editors WHERE name = @Name", new { Name = PortalFactory.EditorName }));

        await AssertSignedOutAsync(editor);
    }

    [Fact]
    public async Task Removing_an_account_ends_its_session_at_its_next_request()
    {
        await DeskAccounts.AddAsync(_portal.Database, "temp", "a temporary secret", EditorRoles.Editor);
        var temp = await SignedInAsync("temp", "a temporary secret");
        Assert.Equal(HttpStatusCode.OK, (await temp.Http.GetAsync("/editor")).StatusCode);
        var admin = await AdminAsync();

        var page = await admin.Http.GetDocumentAsync("/editor/accounts");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/editor/accounts/remove", page, ("name", "temp"))).StatusCode);

        Assert.Null(await AccountAsync("temp"));
        await AssertSignedOutAsync(temp);
    }
}
