using System.Net;
using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>Sign-in, editing, republishing and unpublishing, each test on its own portal and database.</summary>
public sealed class EditorTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    [Theory]
    [InlineData("/editor")]
    [InlineData("/editor/articles/1")]
    public async Task Anonymous_users_are_sent_to_sign_in(string path)
    {
        var client = new EditorClient(_portal);

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/editor/login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Anonymous_users_cannot_republish_or_unpublish()
    {
        var client = new EditorClient(_portal);
        var loginPage = await client.Http.GetDocumentAsync("/editor/login");

        var republish = await client.PostAsync($"/editor/articles/{_portal.FeedDumpId}/republish", loginPage);
        var unpublish = await client.PostAsync($"/editor/articles/{_portal.FeedDumpId}/unpublish", loginPage);

        Assert.All([republish, unpublish], r => Assert.False(r.IsSuccessStatusCode || r.Headers.Location?.ToString().Contains("/editor/articles") == true));
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(2, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles WHERE status = 'published' AND republished_at IS NULL"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_revisions WHERE editor_id IS NOT NULL"));
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_rejected()
    {
        var client = new EditorClient(_portal);

        var response = await client.PostWithoutTokenAsync("/editor/login", ("name", PortalFactory.EditorName), ("password", PortalFactory.EditorPassword));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".NewsPortal.Editor=")));
    }

    [Fact]
    public async Task A_wrong_password_does_not_sign_in()
    {
        var client = new EditorClient(_portal);

        var response = await client.SignInAsync(password: "not the password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("用户名或密码不正确", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/editor")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_editors_change_without_a_token_is_rejected()
    {
        var client = new EditorClient(_portal);
        await client.SignInAsync();

        var response = await client.PostWithoutTokenAsync($"/editor/articles/{_portal.FeedDumpId}", ("title", "被篡改的标题"), ("summary", ""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await _portal.CreateClient().GetDocumentAsync($"/articles/{_portal.FeedDumpId}");
        Assert.Equal(Repo.FeedDumpTitle, page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_editor_edits_and_republishes_and_the_article_returns_to_the_top_with_who_and_when_recorded()
    {
        var client = new EditorClient(_portal);
        var signIn = await client.SignInAsync();
        Assert.Equal("/editor", signIn.Headers.Location?.ToString());
        var reader = _portal.CreateClient();
        // Before: the text dump (published 2025) sorts above the VOA item (2023).
        Assert.Equal($"/articles/{_portal.TextDumpId}", (await reader.GetDocumentAsync("/")).QuerySelector(".article-item a")!.GetAttribute("href"));

        var editPage = await client.Http.GetDocumentAsync($"/editor/articles/{_portal.FeedDumpId}");
        var saved = await client.PostAsync($"/editor/articles/{_portal.FeedDumpId}", editPage, ("title", "普京会见张又侠（更正）"), ("summary", "编辑改写的摘要。"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var republished = await client.PostAsync($"/editor/articles/{_portal.FeedDumpId}/republish", editPage);
        Assert.Equal(HttpStatusCode.Redirect, republished.StatusCode);

        var front = await reader.GetDocumentAsync("/");
        var top = front.QuerySelector(".article-item")!;
        Assert.Equal("普京会见张又侠（更正）", top.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal("编辑改写的摘要。", top.QuerySelector(".summary")!.TextContent.Trim());
        var rss = await FeedParser.ParseAsync(await reader.GetByteArrayAsync("/feeds/rss.xml"));
        Assert.Equal("普京会见张又侠（更正）", rss.Entries[0].Title);
        Assert.True(DateTimeOffset.Parse(rss.Entries[0].Published! + "Z") >= before.AddSeconds(-1), rss.Entries[0].Published);

        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        var log = (await c.QueryAsync<(string Action, string Editor)>("""
            SELECT r.action, e.name FROM article_revisions r JOIN editors e ON e.id = r.editor_id
            WHERE r.article_id = @Id ORDER BY r.id
            """, new { Id = _portal.FeedDumpId })).ToList();
        Assert.Equal([("edited", PortalFactory.EditorName), ("republished", PortalFactory.EditorName)], log);
        var desk = await client.Http.GetDocumentAsync($"/editor/articles/{_portal.FeedDumpId}");
        Assert.Contains("重新发布", desk.QuerySelector(".revisions")!.TextContent);
    }

    [Fact]
    public async Task Unpublishing_hides_the_article_everywhere()
    {
        var client = new EditorClient(_portal);
        await client.SignInAsync();
        var editPage = await client.Http.GetDocumentAsync($"/editor/articles/{_portal.FeedDumpId}");

        var response = await client.PostAsync($"/editor/articles/{_portal.FeedDumpId}/unpublish", editPage);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reader = _portal.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/articles/{_portal.FeedDumpId}")).StatusCode);
        Assert.DoesNotContain(Repo.FeedDumpTitle, await reader.GetStringAsync("/"));
        Assert.DoesNotContain(Repo.FeedDumpTitle, await reader.GetStringAsync("/feeds/rss.xml"));
        Assert.DoesNotContain(Repo.FeedDumpTitle, await reader.GetStringAsync("/feeds/atom.xml"));
        Assert.DoesNotContain(Repo.FeedDumpTitle, (await reader.GetDocumentAsync($"/articles/{_portal.TextDumpId}")).QuerySelector("aside")!.TextContent);
        // Editors still see it, marked as withdrawn.
        Assert.Contains("已撤下", (await client.Http.GetDocumentAsync($"/editor/articles/{_portal.FeedDumpId}")).QuerySelector(".meta")!.TextContent);
    }
}
