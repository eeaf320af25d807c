using System.Net;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>The editors' page of polled feeds, after real polls.</summary>
public sealed class FeedStatusPageTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    [Fact]
    public async Task Anonymous_users_are_sent_to_sign_in()
    {
        var response = await new EditorClient(_portal).Http.GetAsync("/editor/feeds");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/editor/login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Shows_each_feeds_outlet_last_success_last_error_with_its_reason_error_count_and_next_poll()
    {
        await using var f = await PollingFixture.CreateAsync(db: _portal.Database);
        f.Server.Handle("/good.xml", LoopbackFeedServer.Status(200, PollingFixture.Rss(("1", "第一条新闻", "正文。")), "application/rss+xml"));
        f.Server.Handle("/bad.xml", LoopbackFeedServer.Status(503, "maintenance"));
        var good = await f.SubscribeAsync("/good.xml", "好新闻报");
        var bad = await f.SubscribeAsync("/bad.xml", "坏新闻报");
        await f.PollAsync();
        f.Clock.Advance(TimeSpan.FromMinutes(30));
        await f.PollAsync(); // the good one again, and the bad one after its backoff
        var client = new EditorClient(_portal);
        await client.SignInAsync();

        var page = await client.Http.GetDocumentAsync("/editor/feeds");

        Assert.Contains("共 2 个订阅源，1 个出错", page.Body!.TextContent);
        var rows = page.QuerySelectorAll("tr[data-feed-url]");
        Assert.Equal([bad, good], rows.Select(r => r.GetAttribute("data-feed-url"))); // failing first
        var failing = rows[0];
        Assert.Equal("feed-failing", failing.ClassName);
        Assert.Contains("坏新闻报", failing.TextContent);
        Assert.Contains("出错（HTTP 503）", failing.QuerySelector(".feed-state")!.TextContent);
        Assert.Contains("HTTP 503 Service Unavailable", failing.QuerySelector(".feed-error")!.TextContent);
        Assert.Equal("2", failing.QuerySelector(".feed-error-count")!.TextContent.Trim());
        // Times carry the exact instant: last error at the second poll, next poll 15 min × 2² later.
        var times = failing.QuerySelectorAll("time").Select(t => t.GetAttribute("datetime")).ToList();
        Assert.Equal(["2026-11-22T08:30:00Z", "2026-11-22T09:30:00Z"], times);
        var ok = rows[1];
        Assert.Equal("feed-ok", ok.ClassName);
        Assert.Contains("正常（HTTP 200）", ok.TextContent);
        Assert.Contains("每 15 分钟抓取，上次 1 条", ok.TextContent);
        Assert.Equal(["2026-11-22T08:30:00Z", "2026-11-22T08:45:00Z"], ok.QuerySelectorAll("time").Select(t => t.GetAttribute("datetime")));
        // Linked from the editors' desk.
        var desk = await client.Http.GetDocumentAsync("/editor");
        Assert.NotNull(desk.QuerySelector("a[href='/editor/feeds']"));
    }
}
