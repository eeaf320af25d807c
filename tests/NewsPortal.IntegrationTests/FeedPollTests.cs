using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Core.Storage;
using NewsPortal.Ingestion.Polling;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>Polling feed URLs on a loopback server: conditional GET, updates, withdrawn items.</summary>
public sealed class FeedPollTests
{
    static FeedPollTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly string TwoItems = PollingFixture.Rss(("1", "第一条新闻", "北京时间今天上午发生的第一件事。"), ("2", "第二条新闻", "第二件事的详细经过。"));

    private static async Task<IReadOnlyList<(long Id, DateTime UpdatedAt, string ContentHash, string Status)>> ArticlesAsync(TestDatabase db)
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        return [.. await c.QueryAsync<(long, DateTime, string, string)>("SELECT id, updated_at, content_hash, status FROM articles ORDER BY id")];
    }

    private static async Task<long> CountAsync(TestDatabase db, string sql)
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>(sql);
    }

    [Fact]
    public async Task First_poll_stores_the_items_and_the_next_sends_the_validators_and_a_304_changes_nothing()
    {
        await using var f = await PollingFixture.CreateAsync();
        var feed = new ServedFeed(Encoding.UTF8.GetBytes(TwoItems));
        f.Server.Handle("/rss.xml", feed.HandleAsync);
        var url = await f.SubscribeAsync("/rss.xml", "测试报");

        var first = await f.PollAsync();

        Assert.Equal((1, 1, 0), (first.Polled, first.Changed, first.Failed));
        Assert.Equal((2, 2, 0), (first.Items.Read, first.Items.New, first.Items.Failed));
        await using (var c = await f.Db.DataSource.OpenConnectionAsync())
        {
            var rows = (await c.QueryAsync<(string Title, string InputPath, string InputFormat)>(
                "SELECT title, input_path, input_format FROM articles ORDER BY input_path")).ToList();
            Assert.Equal([("第一条新闻", url + "#1", "feed-file"), ("第二条新闻", url + "#2", "feed-file")], rows);
        }
        var request = Assert.Single(f.Server.Requests);
        Assert.Contains("NewsPortal", request.Header("User-Agent"));
        Assert.Contains("gzip", request.Header("Accept-Encoding")); // the body came gzip-compressed
        Assert.Null(request.Header("If-None-Match"));
        var polled = await f.FeedAsync(url);
        Assert.Equal((200, 0, 2, "\"v1\"", "Sun, 22 Nov 2026 08:00:00 GMT"), (polled.LastStatus, polled.ErrorCount, polled.LastItemCount, polled.Etag, polled.LastModified));
        Assert.Equal(PollingFixture.Start, polled.LastSuccessAt);
        Assert.Equal(PollingFixture.Start + PollingFixture.Interval, polled.NextPollAt);

        // Not due yet: no request at all.
        f.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, (await f.PollAsync()).Polled);
        Assert.Single(f.Server.Requests);

        var before = await ArticlesAsync(f.Db);
        var revisions = await CountAsync(f.Db, "SELECT count(*) FROM article_revisions");
        var runs = await CountAsync(f.Db, "SELECT count(*) FROM ingest_runs");
        f.Clock.Advance(TimeSpan.FromMinutes(6));

        var second = await f.PollAsync();

        Assert.Equal((1, 1, 0, 0), (second.Polled, second.NotModified, second.Changed, second.Items.Read));
        var conditional = f.Server.Requests[^1];
        Assert.Equal("\"v1\"", conditional.Header("If-None-Match"));
        Assert.Equal("Sun, 22 Nov 2026 08:00:00 GMT", conditional.Header("If-Modified-Since"));
        Assert.Equal(1, feed.Served304);
        Assert.Equal(before, await ArticlesAsync(f.Db));
        Assert.Equal(revisions, await CountAsync(f.Db, "SELECT count(*) FROM article_revisions"));
        Assert.Equal(runs, await CountAsync(f.Db, "SELECT count(*) FROM ingest_runs")); // no ingest noise for a 304
        var after = await f.FeedAsync(url);
        Assert.Equal((304, 0, "\"v1\""), (after.LastStatus, after.ErrorCount, after.Etag));
        Assert.Equal(f.Clock.Now, after.LastSuccessAt);
        Assert.Equal(f.Clock.Now + PollingFixture.Interval, after.NextPollAt);
    }

    [Fact]
    public async Task A_changed_feed_updates_its_item_in_place_with_a_revision()
    {
        await using var f = await PollingFixture.CreateAsync();
        var feed = new ServedFeed(Encoding.UTF8.GetBytes(TwoItems));
        f.Server.Handle("/rss.xml", feed.HandleAsync);
        var url = await f.SubscribeAsync("/rss.xml");
        await f.PollAsync();
        var before = await ArticlesAsync(f.Db);

        feed.Update(Encoding.UTF8.GetBytes(TwoItems.Replace("第二件事的详细经过。", "第二件事的详细经过，记者补充了现场情况。")),
            "\"v2\"", "Sun, 22 Nov 2026 08:20:00 GMT");
        f.Clock.Advance(TimeSpan.FromMinutes(16));
        var counts = await f.PollAsync();

        Assert.Equal((1, 1, 1), (counts.Changed, counts.Items.Updated, counts.Items.Unchanged));
        var after = await ArticlesAsync(f.Db);
        Assert.Equal(before.Select(a => a.Id), after.Select(a => a.Id)); // in place, no new article
        Assert.Equal(before[0], after[0]);
        Assert.NotEqual(before[1].ContentHash, after[1].ContentHash);
        await using var c = await f.Db.DataSource.OpenConnectionAsync();
        Assert.Equal(["ingested", "source-updated"], await c.QueryAsync<string>(
            "SELECT action FROM article_revisions WHERE article_id = @Id ORDER BY id", new { before[1].Id }));
        Assert.Contains("记者补充了现场情况", await c.ExecuteScalarAsync<string>("SELECT body_text FROM articles WHERE id = @Id", new { before[1].Id }));
        var polled = await f.FeedAsync(url);
        Assert.Equal(("\"v2\"", "Sun, 22 Nov 2026 08:20:00 GMT"), (polled.Etag, polled.LastModified));
    }

    [Fact]
    public async Task The_same_bytes_from_a_server_that_ignores_validators_write_nothing()
    {
        await using var f = await PollingFixture.CreateAsync();
        f.Server.Handle("/rss.xml", LoopbackFeedServer.Status(200, TwoItems, "application/rss+xml"));
        var url = await f.SubscribeAsync("/rss.xml");
        await f.PollAsync();
        var runs = await CountAsync(f.Db, "SELECT count(*) FROM ingest_runs");

        f.Clock.Advance(TimeSpan.FromMinutes(16));
        var counts = await f.PollAsync();

        Assert.Equal((1, 1, 0), (counts.Polled, counts.NotModified, counts.Items.Read));
        Assert.Equal(runs, await CountAsync(f.Db, "SELECT count(*) FROM ingest_runs"));
        Assert.Equal(f.Clock.Now, (await f.FeedAsync(url)).LastSuccessAt);
    }

    [Fact]
    public async Task An_item_an_editor_withdrew_stays_withdrawn_after_the_next_polls()
    {
        await using var f = await PollingFixture.CreateAsync();
        await f.Host.AddEditorAsync("editor1", "a long password");
        var feed = new ServedFeed(Encoding.UTF8.GetBytes(TwoItems));
        f.Server.Handle("/rss.xml", feed.HandleAsync);
        await f.SubscribeAsync("/rss.xml");
        await f.PollAsync();
        await using var c = await f.Db.DataSource.OpenConnectionAsync();
        var (id, editorId) = await c.QuerySingleAsync<(long, long)>("SELECT a.id, e.id FROM articles a, editors e WHERE a.title = '第一条新闻'");
        Assert.True(await new EditorialStore(f.Db.DataSource).UnpublishAsync(id, editorId, CancellationToken.None));

        // The feed still carries the item, unchanged, next to a new one; then the source edits it.
        feed.Update(Encoding.UTF8.GetBytes(PollingFixture.Rss(("3", "第三条新闻", "新的一条。"), ("1", "第一条新闻", "北京时间今天上午发生的第一件事。"), ("2", "第二条新闻", "第二件事的详细经过。"))),
            "\"v2\"", "Sun, 22 Nov 2026 08:20:00 GMT");
        f.Clock.Advance(TimeSpan.FromMinutes(16));
        var unchanged = await f.PollAsync();
        feed.Update(Encoding.UTF8.GetBytes(TwoItems.Replace("第一件事。", "第一件事，更新版。")), "\"v3\"", "Sun, 22 Nov 2026 08:40:00 GMT");
        f.Clock.Advance(TimeSpan.FromMinutes(16));
        var edited = await f.PollAsync();

        Assert.Equal((1, 2), (unchanged.Items.New, unchanged.Items.Unchanged));
        Assert.Equal(1, edited.Items.Updated);
        Assert.Equal(3, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles"));
        Assert.Equal("unpublished", await c.ExecuteScalarAsync<string>("SELECT status FROM articles WHERE id = @id", new { id }));
        var published = await new ArticleStore(f.Db.DataSource).ListPublishedAsync(null, 20, null, CancellationToken.None);
        Assert.DoesNotContain(published.Items, a => a.Id == id);
        Assert.Equal(2, published.Items.Count);
    }

    // GBK is what Chinese sites send; Shift_JIS is there because sniffing alone misreads it, so
    // only the Content-Type can get it right.
    [Theory]
    [InlineData("GBK", "国务院常务会议研究部署经济工作", "会议指出，要加大宏观政策调节力度。")]
    [InlineData("Shift_JIS", "日本語のニュース", "東京で会議が開かれた。")]
    public async Task A_feed_whose_charset_only_the_content_type_declares_is_read(string charset, string title, string text)
    {
        await using var f = await PollingFixture.CreateAsync();
        var xml = PollingFixture.Rss(("1", title, text)).Replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n", "");
        Assert.DoesNotContain("encoding", xml);
        var bytes = Encoding.GetEncoding(charset).GetBytes(xml);
        f.Server.Handle("/feed.xml", async context =>
        {
            context.Response.ContentType = $"application/rss+xml; charset={charset}";
            await context.Response.Body.WriteAsync(bytes);
        });
        // The same, cut short: it fails, and the charset is kept with its bytes for a retry.
        f.Server.Handle("/broken.xml", async context =>
        {
            context.Response.ContentType = $"text/xml; charset={charset}";
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length - 30));
        });
        await f.SubscribeAsync("/feed.xml");
        var broken = await f.SubscribeAsync("/broken.xml");

        var counts = await f.PollAsync();

        Assert.Equal((1, 1), (counts.Items.New, counts.Failed));
        await using var c = await f.Db.DataSource.OpenConnectionAsync();
        Assert.Equal((title, text), await c.QuerySingleAsync<(string, string)>("SELECT title, body_text FROM articles"));
        Assert.Equal((broken, charset), await c.QuerySingleAsync<(string, string)>("SELECT path, charset FROM failed_inputs"));
    }

    [Fact]
    public async Task Feed_commands_add_list_and_remove_subscriptions()
    {
        await using var f = await PollingFixture.CreateAsync();
        var command = f.Host.Services.GetRequiredService<FeedCommand>();
        var url = f.Server.Url("/rss.xml");
        var output = new StringWriter();

        Assert.Equal(0, await command.RunAsync(["add", url, "--outlet", "测试报", "--interval", "30m"], output, CancellationToken.None));
        Assert.Equal(0, await command.RunAsync(["add", url, "--interval", "2h"], output, CancellationToken.None));
        Assert.Equal(0, await command.RunAsync(["list"], output, CancellationToken.None));

        var feed = await f.FeedAsync(url);
        Assert.Equal(("测试报", 7200), (feed.OutletName, feed.PollIntervalSeconds)); // the second add kept the outlet
        Assert.Equal(f.Clock.Now, feed.NextPollAt); // due at once
        Assert.Contains($"{url}\t测试报\t2h\t-\t0\t-\t2026-11-22 08:00Z", output.ToString());
        Assert.Equal(0, await command.RunAsync(["remove", url], output, CancellationToken.None));
        Assert.Null(await f.Feeds.FindAsync(url, CancellationToken.None));
        Assert.Equal(1, await command.RunAsync(["remove", url], output, CancellationToken.None));
        Assert.Equal(2, await f.Host.RunCommandLineAsync("feed", "add", "ftp://example.com/rss.xml"));
        Assert.Equal(2, await f.Host.RunCommandLineAsync("feed", "add", url, "--interval", "10s"));
        Assert.Equal(0, await CountAsync(f.Db, "SELECT count(*) FROM feed_subscriptions"));
    }

    [Fact]
    public async Task Ingest_poll_once_polls_what_is_due_and_exits_with_1_when_a_feed_failed()
    {
        await using var f = await PollingFixture.CreateAsync();
        f.Server.Handle("/rss.xml", LoopbackFeedServer.Status(200, TwoItems, "application/rss+xml"));
        await f.SubscribeAsync("/rss.xml");

        Assert.Equal(0, await f.Host.RunCommandLineAsync("ingest", "--poll", "--once"));
        await f.SubscribeAsync("/missing.xml");
        Assert.Equal(1, await f.Host.RunCommandLineAsync("ingest", "--poll", "--once"));

        Assert.Equal(2, await CountAsync(f.Db, "SELECT count(*) FROM articles"));
        Assert.Equal(2, f.Server.Requests.Count); // the first feed was not due again
    }
}
