using System.Net;
using System.Net.Http.Headers;
using Dapper;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// The desk's sources page (polled feeds: add, pause, settings, remove; OPML out and back in) and
/// failed-inputs page (retry, dismiss); and that every new POST of the desk refuses a form without
/// its antiforgery token.
/// </summary>
public sealed class DeskSourcesTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    // Managing sources is an admin's work.
    public async Task InitializeAsync()
    {
        await _portal.InitializeAsync();
        await _portal.MakeEditorAdminAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    private async Task<EditorClient> SignedInAsync()
    {
        var client = new EditorClient(_portal);
        await client.SignInAsync();
        return client;
    }

    private async Task<IReadOnlyList<FeedSourceRow>> FeedsAsync() =>
        await new FeedSourceStore(_portal.Database.DataSource).ListAsync(CancellationToken.None);

    [Fact]
    public async Task An_editor_adds_pauses_sets_and_removes_a_polled_feed()
    {
        var client = await SignedInAsync();
        var page = await client.Http.GetDocumentAsync("/editor/sources");

        await client.PostAsync("/editor/sources", page, ("url", "https://feeds.example.com/world.xml"), ("outletName", "示例新闻"), ("intervalMinutes", "15"));
        var feed = Assert.Single(await FeedsAsync());
        Assert.Equal(("示例新闻", 900, false), (feed.OutletName, feed.PollIntervalSeconds, feed.Paused));

        await client.PostAsync($"/editor/sources/{feed.Id}/pause", page);
        var subscriptions = new FeedSubscriptionStore(_portal.Database.DataSource);
        Assert.True(Assert.Single(await FeedsAsync()).Paused);
        Assert.Empty(await subscriptions.ClaimDueAsync(DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(1).AddMinutes(1), 10, CancellationToken.None));
        Assert.Null(await subscriptions.NextDueAsync(CancellationToken.None));
        Assert.Contains("已暂停", (await client.Http.GetDocumentAsync("/editor/sources")).QuerySelector(".feed-list")!.TextContent);

        await client.PostAsync($"/editor/sources/{feed.Id}/resume", page);
        await client.PostAsync($"/editor/sources/{feed.Id}/settings", page, ("intervalMinutes", "60"), ("outletName", "示例日报"));
        feed = Assert.Single(await FeedsAsync());
        Assert.Equal(("示例日报", 3600, false), (feed.OutletName, feed.PollIntervalSeconds, feed.Paused));
        Assert.Single(await subscriptions.ClaimDueAsync(DateTimeOffset.UtcNow.AddSeconds(5), DateTimeOffset.UtcNow.AddMinutes(1), 10, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/editor/sources/{feed.Id}/remove", page)).StatusCode);
        Assert.Empty(await FeedsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/editor/sources", page, ("url", "javascript:alert(1)"), ("intervalMinutes", "15"))).StatusCode);
    }

    [Fact]
    public async Task Feeds_exported_as_OPML_come_back_the_same_when_imported()
    {
        var client = await SignedInAsync();
        var page = await client.Http.GetDocumentAsync("/editor/sources");
        await client.PostAsync("/editor/sources", page, ("url", "https://a.example.com/rss"), ("outletName", "甲报"), ("intervalMinutes", "10"));
        await client.PostAsync("/editor/sources", page, ("url", "https://b.example.com/atom.xml?lang=zh&x=1"), ("outletName", ""), ("intervalMinutes", "120"));
        var before = (await FeedsAsync()).Select(f => (f.Url, f.OutletName, f.PollIntervalSeconds)).Order().ToList();

        var opml = await client.Http.GetByteArrayAsync("/editor/sources/opml");
        foreach (var f in await FeedsAsync()) await client.PostAsync($"/editor/sources/{f.Id}/remove", page);
        Assert.Empty(await FeedsAsync());
        var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(opml) { Headers = { ContentType = new MediaTypeHeaderValue("text/x-opml") } }, "file", "feeds.opml" },
            { new StringContent("30"), "intervalMinutes" },
            { new StringContent(page.AntiforgeryToken()), "__RequestVerificationToken" },
        };
        var imported = await client.Http.PostAsync("/editor/sources/opml", upload);

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal(before, (await FeedsAsync()).Select(f => (f.Url, f.OutletName, f.PollIntervalSeconds)).Order().ToList());
        Assert.Contains("新增 2 个", Uri.UnescapeDataString(imported.Headers.Location!.ToString()));
    }

    [Fact]
    public async Task A_failure_is_listed_with_its_reason_and_file_dismissed_and_put_back_for_retry()
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        var failed = await c.ExecuteScalarAsync<long>("""
            INSERT INTO failed_inputs (path, reason, raw, raw_sha256) VALUES ('/inbox/broken.html', 'no article text found on the page', '\x3c703e', 'x') RETURNING id
            """);
        var empty = await c.ExecuteScalarAsync<long>("""
            INSERT INTO failed_inputs (path, reason, raw, raw_sha256, retriable) VALUES ('/inbox/empty.txt', 'empty input', '', 'y', false) RETURNING id
            """);
        var client = await SignedInAsync();

        var page = await client.Http.GetDocumentAsync("/editor/failures");
        var items = page.QuerySelectorAll(".failure-list li");
        Assert.Equal(2, items.Length);
        var broken = items.Single(i => i.TextContent.Contains("/inbox/broken.html"));
        Assert.Contains("no article text found on the page", broken.TextContent);
        Assert.NotNull(broken.QuerySelector($"form[action='/editor/failures/{failed}/retry']"));
        Assert.Null(items.Single(i => i.TextContent.Contains("/inbox/empty.txt")).QuerySelector("form[action$='/retry']"));

        await client.PostAsync($"/editor/failures/{failed}/dismiss", page);
        var runs = new IngestRunStore(_portal.Database.DataSource);
        Assert.DoesNotContain(failed, (await runs.UnresolvedAsync(CancellationToken.None)).Select(f => f.Id));
        Assert.Single((await client.Http.GetDocumentAsync("/editor/failures")).QuerySelectorAll(".failure-list li"));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/editor/failures/{failed}/retry", page)).StatusCode);
        Assert.Contains(failed, (await runs.UnresolvedAsync(CancellationToken.None)).Select(f => f.Id));
        Assert.Contains("已排入重试", (await client.Http.GetDocumentAsync("/editor/failures")).QuerySelector(".failure-list")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/editor/failures/{empty}/retry", page)).StatusCode);
    }

    [Theory]
    [InlineData("/editor/articles/{id}/edit")]
    [InlineData("/editor/articles/{id}/schedule")]
    [InlineData("/editor/source-updates/{id}")]
    [InlineData("/editor/review")]
    [InlineData("/editor/sources")]
    [InlineData("/editor/sources/1/pause")]
    [InlineData("/editor/sources/1/resume")]
    [InlineData("/editor/sources/1/settings")]
    [InlineData("/editor/sources/1/remove")]
    [InlineData("/editor/sources/outlets/1/review")]
    [InlineData("/editor/sources/opml")]
    [InlineData("/editor/failures/1/retry")]
    [InlineData("/editor/failures/1/dismiss")]
    public async Task Each_desk_POST_without_the_antiforgery_token_is_refused(string path)
    {
        var client = await SignedInAsync();
        var action = path.Replace("{id}", _portal.FeedDumpId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var response = await client.PostWithoutTokenAsync(action,
            ("title", "篡改"), ("summary", ""), ("body", "<p>篡改</p>"), ("intent", "save"), ("decision", "accept"), ("ids", "1"),
            ("url", "https://evil.example/rss"), ("intervalMinutes", "1"), ("hold", "true"), ("publishAt", "2030-01-01T00:00"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_revisions WHERE editor_id IS NOT NULL"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM feed_subscriptions"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM sources WHERE hold_for_review"));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("admin", true)]
    [InlineData("editor", false)]
    public void Managing_sources_needs_the_admin_role(string? role, bool allowed)
    {
        var claims = new List<System.Security.Claims.Claim> { new(System.Security.Claims.ClaimTypes.NameIdentifier, "1") };
        if (role is not null) claims.Add(new(System.Security.Claims.ClaimTypes.Role, role));
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(claims, "cookie"));

        Assert.Equal(allowed, NewsPortal.Web.Editing.DeskAccess.CanManageSources(user));
        Assert.False(NewsPortal.Web.Editing.DeskAccess.CanManageSources(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity())));
    }

    [Theory]
    [InlineData("/editor/review")]
    [InlineData("/editor/source-updates")]
    [InlineData("/editor/sources")]
    [InlineData("/editor/failures")]
    [InlineData("/editor/articles/1/edit")]
    public async Task Anonymous_users_are_sent_to_sign_in(string path)
    {
        var response = await new EditorClient(_portal).Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/editor/login", response.Headers.Location!.ToString());
    }
}
