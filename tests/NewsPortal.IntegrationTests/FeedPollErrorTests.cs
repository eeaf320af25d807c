using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>Polling feeds that fail: backoff, Retry-After, error pages, oversized bodies, redirects.</summary>
public sealed class FeedPollErrorTests
{
    static FeedPollErrorTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly string OneItem = PollingFixture.Rss(("1", "第一条新闻", "北京时间今天上午发生的第一件事。"));

    [Fact]
    public async Task A_server_error_backs_off_exponentially_and_a_success_resets_the_count()
    {
        await using var f = await PollingFixture.CreateAsync();
        f.Server.Handle("/rss.xml", LoopbackFeedServer.Status(500, "boom"));
        var url = await f.SubscribeAsync("/rss.xml");

        var counts = await f.PollAsync();

        Assert.Equal(1, counts.Failed);
        var failed = await f.FeedAsync(url);
        Assert.Equal((1, 500, "HTTP 500 Internal Server Error"), (failed.ErrorCount, failed.LastStatus, failed.LastError));
        Assert.Equal(f.Clock.Now, failed.LastErrorAt);
        Assert.Null(failed.LastSuccessAt);
        Assert.Equal(f.Clock.Now.AddMinutes(30), failed.NextPollAt); // 15 min × 2¹

        f.Clock.Advance(TimeSpan.FromMinutes(20)); // the normal interval has passed, the backoff has not
        Assert.Equal(0, (await f.PollAsync()).Polled);
        f.Clock.Advance(TimeSpan.FromMinutes(10));
        await f.PollAsync();
        var twice = await f.FeedAsync(url);
        Assert.Equal(2, twice.ErrorCount);
        Assert.Equal(f.Clock.Now.AddMinutes(60), twice.NextPollAt); // 15 min × 2²

        f.Server.Handle("/rss.xml", LoopbackFeedServer.Status(200, OneItem, "application/rss+xml"));
        f.Clock.Advance(TimeSpan.FromMinutes(60));
        var recovered = await f.PollAsync();

        Assert.Equal((1, 1), (recovered.Changed, recovered.Items.New));
        var ok = await f.FeedAsync(url);
        Assert.Equal((0, 200, 1), (ok.ErrorCount, ok.LastStatus, ok.LastItemCount));
        Assert.Equal(f.Clock.Now, ok.LastSuccessAt);
        Assert.Equal(f.Clock.Now + PollingFixture.Interval, ok.NextPollAt);
        Assert.Equal("HTTP 500 Internal Server Error", ok.LastError); // kept, with its time, for editors
        Assert.Equal(3, f.Server.Requests.Count);
    }

    [Fact]
    public async Task Retry_after_is_honoured_on_429_in_seconds_and_on_503_as_an_http_date()
    {
        await using var f = await PollingFixture.CreateAsync();
        var until = f.Clock.Now.AddHours(3);
        f.Server.Handle("/busy.xml", LoopbackFeedServer.Status(429, "slow down", headers: ("Retry-After", "7200")));
        f.Server.Handle("/down.xml", LoopbackFeedServer.Status(503, "maintenance",
            headers: ("Retry-After", until.ToString("r", CultureInfo.InvariantCulture))));
        f.Server.Handle("/absurd.xml", LoopbackFeedServer.Status(503, "maintenance", headers: ("Retry-After", "315360000")));
        // Retry-After means nothing on a 500: plain backoff.
        f.Server.Handle("/broken.xml", LoopbackFeedServer.Status(500, "boom", headers: ("Retry-After", "7200")));
        var busy = await f.SubscribeAsync("/busy.xml");
        var down = await f.SubscribeAsync("/down.xml");
        var absurd = await f.SubscribeAsync("/absurd.xml");
        var broken = await f.SubscribeAsync("/broken.xml");

        Assert.Equal(4, (await f.PollAsync()).Failed);

        Assert.Equal((f.Clock.Now.AddHours(2), 429), ((await f.FeedAsync(busy)).NextPollAt, (await f.FeedAsync(busy)).LastStatus));
        Assert.Equal(until, (await f.FeedAsync(down)).NextPollAt);
        Assert.Equal(f.Clock.Now.AddDays(7), (await f.FeedAsync(absurd)).NextPollAt);
        Assert.Equal(f.Clock.Now.AddMinutes(30), (await f.FeedAsync(broken)).NextPollAt);
        f.Clock.Advance(TimeSpan.FromMinutes(119));
        await f.PollAsync();
        Assert.Empty(f.Server.RequestsTo("/busy.xml").Skip(1)); // not asked again before the time it gave
        f.Clock.Advance(TimeSpan.FromMinutes(1));
        await f.PollAsync();
        Assert.Equal(2, f.Server.RequestsTo("/busy.xml").Count);
        Assert.Single(f.Server.RequestsTo("/down.xml"));
    }

    [Fact]
    public async Task An_html_error_page_served_with_200_is_a_failure_kept_with_its_bytes_and_settled_when_the_feed_recovers()
    {
        await using var f = await PollingFixture.CreateAsync();
        const string page = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>系统维护中</title></head>
            <body><h1>系统维护中</h1><p>本站正在进行系统维护，预计两小时后恢复访问。给您带来的不便，敬请谅解。</p>
            <p>如有疑问，请联系网站管理员。感谢您的耐心等待和一直以来的支持。</p></body></html>
            """;
        f.Server.Handle("/rss.xml", LoopbackFeedServer.Status(200, page, "text/html; charset=utf-8"));
        var url = await f.SubscribeAsync("/rss.xml");

        var counts = await f.PollAsync();

        Assert.Equal((1, 1), (counts.Failed, counts.Items.Failed));
        await using var c = await f.Db.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles"));
        var (path, reason, raw) = await c.QuerySingleAsync<(string, string, byte[])>("SELECT path, reason, raw FROM failed_inputs");
        Assert.Equal(url, path);
        Assert.Contains("not a feed", reason);
        Assert.Equal(Encoding.UTF8.GetBytes(page), raw);
        var feed = await f.FeedAsync(url);
        Assert.Equal((1, 200), (feed.ErrorCount, feed.LastStatus));
        Assert.Contains("HTML page", feed.LastError);

        // A retry reads the stored bytes as the body of a feed URL again: still no article.
        Assert.Equal(1, await f.Host.RunCommandLineAsync("ingest", "--retry-failed"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles"));
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM failed_inputs WHERE resolved_at IS NULL"));

        f.Server.Handle("/rss.xml", LoopbackFeedServer.Status(200, OneItem, "application/rss+xml"));
        f.Clock.Advance(TimeSpan.FromMinutes(30));
        await f.PollAsync();

        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM failed_inputs WHERE resolved_at IS NULL"));
    }

    [Fact]
    public async Task A_failed_item_is_kept_by_position_and_a_retry_reads_stored_feed_bytes_with_their_charset_and_outlet()
    {
        await using var f = await PollingFixture.CreateAsync();
        var feed = PollingFixture.Rss(("1", "", ""), ("2", "第二条新闻", "第二件事。")).Replace("<![CDATA[<p></p>]]>", "");
        f.Server.Handle("/rss.xml", LoopbackFeedServer.Status(200, feed, "application/rss+xml"));
        var url = await f.SubscribeAsync("/rss.xml", "测试报");

        var counts = await f.PollAsync();

        Assert.Equal((0, 1, 1), (counts.Failed, counts.Items.Failed, counts.Items.New)); // the feed read; one item did not
        await using var c = await f.Db.DataSource.OpenConnectionAsync();
        Assert.Equal(url + "#1", await c.ExecuteScalarAsync<string>("SELECT path FROM failed_inputs WHERE resolved_at IS NULL"));

        // A failure an older parser left: bytes that only the charset stored with them decodes right.
        var sjis = Encoding.GetEncoding("Shift_JIS").GetBytes(PollingFixture.Rss(("3", "日本語のニュース", "東京で会議が開かれた。"))
            .Replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n", ""));
        await c.ExecuteAsync("""
            INSERT INTO failed_inputs (path, reason, raw, raw_sha256, charset)
            VALUES (@Path, 'old parser', @Raw, encode(sha256(@Raw), 'hex'), 'Shift_JIS')
            """, new { Path = url, Raw = sjis });

        Assert.Equal(1, await f.Host.RunCommandLineAsync("ingest", "--retry-failed")); // #1 still fails

        var (title, outlet) = await c.QuerySingleAsync<(string, string)>(
            "SELECT a.title, s.name FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.input_path = @Url", new { Url = url });
        Assert.Equal(("日本語のニュース", "测试报"), (title, outlet));
        Assert.Equal([url + "#1"], await c.QueryAsync<string>("SELECT path FROM failed_inputs WHERE resolved_at IS NULL"));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_unread_or_as_soon_as_it_passes_the_limit()
    {
        await using var f = await PollingFixture.CreateAsync(new Dictionary<string, string?> { ["Polling:MaxBodyBytes"] = "1048576" });
        var big = new byte[2 * 1024 * 1024];
        f.Server.Handle("/length.xml", async context =>
        {
            context.Response.ContentLength = big.Length;
            await context.Response.Body.WriteAsync(big);
        });
        f.Server.Handle("/chunked.xml", async context =>
        {
            for (var i = 0; i < 32; i++) await context.Response.Body.WriteAsync(big.AsMemory(0, 64 * 1024));
        });
        f.Server.Handle("/bomb.xml", async context =>
        {
            // 2 MB of zeros compress to a few kilobytes: the limit counts what comes out.
            context.Response.Headers.ContentEncoding = "gzip";
            await using var gzip = new GZipStream(context.Response.Body, CompressionLevel.Optimal, leaveOpen: true);
            await gzip.WriteAsync(big);
        });
        string[] urls = [await f.SubscribeAsync("/length.xml"), await f.SubscribeAsync("/chunked.xml"), await f.SubscribeAsync("/bomb.xml")];

        var counts = await f.PollAsync();

        Assert.Equal(3, counts.Failed);
        foreach (var url in urls)
        {
            var feed = await f.FeedAsync(url);
            Assert.Equal((1, 200), (feed.ErrorCount, feed.LastStatus));
            Assert.Contains("over the 1 MB limit", feed.LastError);
        }
        await using var c = await f.Db.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles"));
    }

    [Fact]
    public async Task A_refused_connection_and_a_timeout_are_errors_with_their_reason()
    {
        await using var f = await PollingFixture.CreateAsync(new Dictionary<string, string?> { ["Polling:RequestTimeoutSeconds"] = "1" });
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var closedPort = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var refused = $"http://127.0.0.1:{closedPort}/rss.xml";
        await f.Feeds.AddAsync(refused, null, PollingFixture.Interval, f.Clock.Now, CancellationToken.None);
        f.Server.Handle("/slow.xml", async context => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        var slow = await f.SubscribeAsync("/slow.xml");

        var counts = await f.PollAsync();

        Assert.Equal(2, counts.Failed);
        var refusedFeed = await f.FeedAsync(refused);
        Assert.Equal((1, (int?)null), (refusedFeed.ErrorCount, refusedFeed.LastStatus));
        Assert.StartsWith("cannot connect", refusedFeed.LastError);
        var slowFeed = await f.FeedAsync(slow);
        Assert.Equal("timed out after 1 s", slowFeed.LastError);
        Assert.Equal(f.Clock.Now.AddMinutes(30), slowFeed.NextPollAt);
    }

    [Fact]
    public async Task A_permanent_redirect_moves_the_subscription_and_a_temporary_one_does_not()
    {
        await using var f = await PollingFixture.CreateAsync();
        f.Server.Handle("/feed.xml", LoopbackFeedServer.Status(200, OneItem, "application/rss+xml"));
        f.Server.Handle("/old.xml", LoopbackFeedServer.Status(301, headers: ("Location", "/moved.xml")));
        f.Server.Handle("/moved.xml", LoopbackFeedServer.Status(308, headers: ("Location", "/feed.xml")));
        f.Server.Handle("/today.xml", LoopbackFeedServer.Status(302, headers: ("Location", "/feed.xml")));
        f.Server.Handle("/loop.xml", LoopbackFeedServer.Status(301, headers: ("Location", "/loop.xml")));
        var old = await f.SubscribeAsync("/old.xml");
        var today = await f.SubscribeAsync("/today.xml");
        var loop = await f.SubscribeAsync("/loop.xml");

        var counts = await f.PollAsync();

        Assert.Equal((3, 2, 1), (counts.Polled, counts.Changed, counts.Failed));
        var moved = await f.FeedAsync(old); // found by the URL it was added under
        Assert.Equal((f.Server.Url("/feed.xml"), old), (moved.Url, moved.AddedUrl));
        Assert.Equal(today, (await f.FeedAsync(today)).Url);
        Assert.Equal("more than 5 redirects", (await f.FeedAsync(loop)).LastError);
        f.Clock.Advance(TimeSpan.FromMinutes(16));
        await f.PollAsync();
        Assert.Single(f.Server.RequestsTo("/old.xml")); // polled at its new URL since
    }
}
