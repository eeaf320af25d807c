using System.Net;
using Dapper;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Every POST of the desk, found from the app's own routes (so a new one is covered the day it is
/// added), is refused without its antiforgery token, even from a signed-in admin: 400 with the
/// page that says the form expired, and nothing changed.
/// </summary>
public sealed class DeskFormTokenTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public async Task InitializeAsync()
    {
        await _portal.InitializeAsync();
        await DeskAccounts.AddAdminAsync(_portal.Database);
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    private IReadOnlyList<string> DeskPostRoutes() =>
        [.. _portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("/editor", StringComparison.Ordinal))
            .Distinct()
            .Order()];

    [Fact]
    public async Task Every_desk_POST_without_its_token_is_refused_with_the_expired_form_page()
    {
        var admin = new EditorClient(_portal);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync(DeskAccounts.AdminName, DeskAccounts.AdminPassword)).StatusCode);
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        var story = await c.ExecuteScalarAsync<long>("SELECT story_id FROM articles WHERE id = @Id", new { Id = _portal.FeedDumpId });
        var auditBefore = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log");
        var routes = DeskPostRoutes();
        // login, logout, three article actions, three story actions, six account actions at least.
        Assert.True(routes.Count >= 14, string.Join("\n", routes));

        foreach (var route in routes)
        {
            var path = route.Replace("{id:long}", (route.Contains("/stories/") ? story : _portal.FeedDumpId).ToString());
            var response = await admin.PostWithoutTokenAsync(path,
                ("name", PortalFactory.EditorName), ("password", "a forged new password"), ("role", "admin"),
                ("title", "伪造的标题"), ("summary", ""), ("other", story.ToString()), ("articles", _portal.FeedDumpId.ToString()));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode}");
            Assert.Contains("表单已过期，请刷新页面后重试", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(auditBefore, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log"));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM article_revisions WHERE editor_id IS NOT NULL"));
        Assert.Equal("editor", await c.ExecuteScalarAsync<string>("SELECT role FROM editors WHERE name = @Name", new { Name = PortalFactory.EditorName }));
        // Still signed in: not even the sign-out went through.
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/editor")).StatusCode);
    }
}
