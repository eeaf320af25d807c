using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Dapper;
using NewsPortal.Core.Audit;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Desk actions land in the audit log with who, what, on which article or account, and from where;
/// the admins' page filters by person, article, action and China-time days, and pages by keyset.
/// </summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public async Task InitializeAsync()
    {
        await _portal.InitializeAsync();
        await DeskAccounts.AddAdminAsync(_portal.Database);
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");

    private static List<(string Actor, string Action)> Rows(IDocument page) =>
        [.. page.QuerySelectorAll("table.audit-table tbody tr").Select(r => (r.QuerySelector(".audit-actor")!.TextContent.Trim(), r.GetAttribute("data-action")!))];

    [Fact]
    public async Task Desk_actions_are_logged_and_the_audit_page_filters_them()
    {
        var editor = new EditorClient(_portal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await editor.SignInAsync(password: "a wrong password")).StatusCode);
        await editor.SignInAsync();
        var edit = await editor.Http.GetDocumentAsync($"/editor/articles/{_portal.FeedDumpId}");
        await editor.PostAsync($"/editor/articles/{_portal.FeedDumpId}", edit, ("title", "改过的标题"), ("summary", "改过的摘要"));
        await editor.PostAsync($"/editor/articles/{_portal.TextDumpId}/unpublish", edit);
        var admin = new EditorClient(_portal);
        await admin.SignInAsync(DeskAccounts.AdminName, DeskAccounts.AdminPassword);
        await admin.PostAsync("/editor/accounts/add", await admin.Http.GetDocumentAsync("/editor/accounts"), ("name", "zhao"), ("password", "zhao's long secret"), ("role", "editor"));

        var all = Rows(await admin.Http.GetDocumentAsync("/editor/audit"));
        Assert.Equal([
            (DeskAccounts.AdminName, AuditActions.AccountAdded),
            (DeskAccounts.AdminName, AuditActions.SignIn),
            (PortalFactory.EditorName, AuditActions.ArticleUnpublished),
            (PortalFactory.EditorName, AuditActions.ArticleEdited),
            (PortalFactory.EditorName, AuditActions.SignIn),
            (PortalFactory.EditorName, AuditActions.SignInFailed),
            ("命令行", AuditActions.AccountAdded), // the portal's editor, made by user add
        ], all);

        Assert.Equal([AuditActions.ArticleUnpublished, AuditActions.ArticleEdited, AuditActions.SignIn, AuditActions.SignInFailed, AuditActions.AccountAdded],
            Rows(await admin.Http.GetDocumentAsync($"/editor/audit?person={PortalFactory.EditorName}")).Select(r => r.Action));
        var byArticle = await admin.Http.GetDocumentAsync($"/editor/audit?article={_portal.FeedDumpId}");
        Assert.Equal([(PortalFactory.EditorName, AuditActions.ArticleEdited)], Rows(byArticle));
        var detail = JsonDocument.Parse(byArticle.QuerySelector(".audit-detail")!.TextContent).RootElement;
        Assert.Equal("改过的标题", detail.GetProperty("title").GetString());
        Assert.Equal([(PortalFactory.EditorName, AuditActions.SignInFailed)], Rows(await admin.Http.GetDocumentAsync("/editor/audit?op=sign-in-failed")));
        Assert.Equal([(DeskAccounts.AdminName, AuditActions.AccountAdded)],
            Rows(await admin.Http.GetDocumentAsync($"/editor/audit?person=zhao&op=account-added")));
        Assert.Equal(all, Rows(await admin.Http.GetDocumentAsync($"/editor/audit?from={Today}&to={Today}")));
        var tomorrow = DateOnly.Parse(Today).AddDays(1).ToString("yyyy-MM-dd");
        var yesterday = DateOnly.Parse(Today).AddDays(-1).ToString("yyyy-MM-dd");
        Assert.Empty(Rows(await admin.Http.GetDocumentAsync($"/editor/audit?from={tomorrow}")));
        Assert.Empty(Rows(await admin.Http.GetDocumentAsync($"/editor/audit?to={yesterday}")));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.GetAsync("/editor/audit?op=no-such-action")).StatusCode);
    }

    [Fact]
    public async Task The_audit_page_pages_by_keyset_and_keeps_its_filters()
    {
        var store = new AuditStore(_portal.Database.DataSource);
        for (var i = 0; i < 120; i++)
            await store.WriteAsync(new AuditEntry(AuditActions.SignInFailed, null, $"guesser{i % 2}", Detail: new Dictionary<string, object?> { ["n"] = i }, Address: "192.0.2.1"), CancellationToken.None);
        var admin = new EditorClient(_portal);
        await admin.SignInAsync(DeskAccounts.AdminName, DeskAccounts.AdminPassword);

        var seen = new List<int>();
        var url = "/editor/audit?person=guesser0&op=sign-in-failed";
        var pages = 0;
        while (url is not null)
        {
            var page = await admin.Http.GetDocumentAsync(url);
            pages++;
            Assert.All(Rows(page), r => Assert.Equal(("guesser0", AuditActions.SignInFailed), r));
            seen.AddRange(page.QuerySelectorAll(".audit-detail").Select(d => JsonDocument.Parse(d.TextContent).RootElement.GetProperty("n").GetInt32()));
            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
            if (url is not null) Assert.Contains("person=guesser0", url);
        }

        Assert.Equal(2, pages);
        // Newest first, each once: 50 on the first page, the other 10 on the second.
        Assert.Equal(Enumerable.Range(0, 120).Where(i => i % 2 == 0).Reverse(), seen);
    }
}
