using System.Net;
using System.Net.Http.Headers;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Web.Popular;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Reader pages and feeds from the output cache, keyed by the database's change stamp: validators,
/// 304s, invalidation by any writer on every node, editors never cached, compression, views counted.
/// </summary>
public sealed class PageCacheTests(PortalFactory fixture) : IClassFixture<PortalFactory>
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

    private string ArticlePath => $"/articles/{fixture.TextDumpId}";

    private static HttpClient Reader(WebApplicationFactory<Program> portal)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        return client;
    }

    private async Task<long> StampAsync()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>("SELECT stamp FROM site_changes");
    }

    private async Task SetTitleAsync(string title)
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("UPDATE articles SET title = @Title WHERE id = @Id", new { Title = title, Id = fixture.TextDumpId });
    }

    [Fact]
    public async Task A_page_is_served_from_the_cache_with_validators_and_a_conditional_request_gets_304()
    {
        var reader = Reader(fixture);
        var first = await reader.GetAsync(ArticlePath);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var stamp = await StampAsync();
        Assert.Equal($"\"{stamp}\"", first.Headers.ETag?.ToString());
        Assert.False(first.Headers.ETag!.IsWeak);
        Assert.NotNull(first.Content.Headers.LastModified);
        Assert.Equal("public, max-age=30", first.Headers.CacheControl?.ToString());
        Assert.Null(first.Headers.Age);

        var second = await reader.GetAsync(ArticlePath);
        Assert.NotNull(second.Headers.Age); // from the cache
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        var conditional = new HttpRequestMessage(HttpMethod.Get, ArticlePath);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag);
        var notModified = await reader.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(first.Headers.ETag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        var byDate = new HttpRequestMessage(HttpMethod.Get, ArticlePath);
        byDate.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(byDate)).StatusCode);

        // Another ETag, a malformed one, or a date before the change: the whole page.
        foreach (var value in new[] { "\"0\"", "garbage, \"", "W/" })
        {
            var other = new HttpRequestMessage(HttpMethod.Get, ArticlePath);
            other.Headers.TryAddWithoutValidation("If-None-Match", value);
            Assert.Equal(HttpStatusCode.OK, (await reader.SendAsync(other)).StatusCode);
        }
        var before = new HttpRequestMessage(HttpMethod.Get, ArticlePath);
        before.Headers.IfModifiedSince = first.Content.Headers.LastModified!.Value.AddDays(-1);
        Assert.Equal(HttpStatusCode.OK, (await reader.SendAsync(before)).StatusCode);

        var head = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, ArticlePath));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(first.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Every_write_to_what_pages_show_moves_the_stamp_once_per_statement()
    {
        var before = await StampAsync();
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        // One statement over every article: one step, not one per row.
        await c.ExecuteAsync("UPDATE articles SET summary = summary");
        Assert.Equal(before + 1, await StampAsync());
        await c.ExecuteAsync("UPDATE sources SET name = name");
        Assert.Equal(before + 2, await StampAsync());
        await c.ExecuteAsync("UPDATE stories SET locked = locked WHERE false");
        Assert.Equal(before + 3, await StampAsync());
        // Rolled back: the step goes with it.
        await using (var tx = await c.BeginTransactionAsync())
        {
            await c.ExecuteAsync("UPDATE articles SET summary = summary", transaction: tx);
            await tx.RollbackAsync();
        }
        Assert.Equal(before + 3, await StampAsync());
        // Writes elsewhere (views, runs) leave the pages' stamp alone.
        await c.ExecuteAsync("INSERT INTO article_views (article_id, hour, views) VALUES (@Id, date_trunc('hour', now()), 1)", new { Id = fixture.TextDumpId });
        Assert.Equal(before + 3, await StampAsync());
    }

    [Fact]
    public async Task A_change_made_anywhere_reaches_every_nodes_cached_pages_within_the_check_interval()
    {
        // Two web nodes on one database, each reading the stamp at most once a second.
        await using var nodeA = fixture.WithWebHostBuilder(b => b.UseSetting("Delivery:ChangeCheckSeconds", "1"));
        await using var nodeB = fixture.WithWebHostBuilder(b => b.UseSetting("Delivery:ChangeCheckSeconds", "1"));
        var readerA = Reader(nodeA);
        var readerB = Reader(nodeB);
        await SetTitleAsync("缓存测试标题一");
        await Task.Delay(1100);
        Assert.Contains("缓存测试标题一", await readerA.GetStringAsync(ArticlePath));
        Assert.Contains("缓存测试标题一", await readerB.GetStringAsync(ArticlePath));

        // Written by neither node (as an ingestion worker would): both show it within about a second.
        await SetTitleAsync("缓存测试标题二");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var seenA = false;
        var seenB = false;
        while (!(seenA && seenB) && DateTime.UtcNow < deadline)
        {
            seenA = (await readerA.GetStringAsync(ArticlePath)).Contains("缓存测试标题二");
            seenB = (await readerB.GetStringAsync(ArticlePath)).Contains("缓存测试标题二");
            if (!(seenA && seenB)) await Task.Delay(100);
        }
        Assert.True(seenA && seenB, $"node A saw the change: {seenA}, node B: {seenB}");
        var took = 10 - (deadline - DateTime.UtcNow).TotalSeconds;
        Assert.True(took < 3, $"the change took {took:F1} s to reach both nodes");
    }

    [Fact]
    public async Task With_the_stamp_read_on_every_request_a_reader_sees_a_change_at_once()
    {
        var reader = Reader(fixture);
        await reader.GetStringAsync(ArticlePath);
        await SetTitleAsync("即时可见的标题");
        var page = await reader.GetAsync(ArticlePath);
        Assert.Contains("即时可见的标题", await page.Content.ReadAsStringAsync());
        Assert.Equal($"\"{await StampAsync()}\"", page.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task A_signed_in_editor_is_never_served_or_stored_in_the_cache()
    {
        var reader = Reader(fixture);
        await reader.GetStringAsync(ArticlePath);
        var editor = new EditorClient(fixture);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SignInAsync()).StatusCode);
        var page = await editor.Http.GetAsync(ArticlePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Null(page.Headers.Age);
        Assert.Null(page.Headers.ETag);
        Assert.NotEqual("public, max-age=30", page.Headers.CacheControl?.ToString());
        // Nor compressed: editor pages carry anti-forgery tokens.
        var compressed = new HttpRequestMessage(HttpMethod.Get, ArticlePath);
        compressed.Headers.AcceptEncoding.ParseAdd("gzip");
        Assert.Empty((await editor.Http.SendAsync(compressed)).Content.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Pages_and_feeds_are_compressed_when_asked_and_their_ETag_becomes_weak(string encoding)
    {
        var reader = Reader(fixture);
        foreach (var path in new[] { ArticlePath, "/", "/feeds/rss.xml" })
        {
            var plain = await reader.GetByteArrayAsync(path);
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            var response = await reader.SendAsync(request);
            Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.True(response.Headers.ETag?.IsWeak, $"{path}: {response.Headers.ETag}");
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(body.Length < plain.Length * 0.7, $"{path}: {body.Length} bytes compressed, {plain.Length} plain");
            Assert.Equal(plain, await ResponseBodies.DecodedAsync(response));

            // The weak tag revalidates.
            var conditional = new HttpRequestMessage(HttpMethod.Get, path);
            conditional.Headers.AcceptEncoding.ParseAdd(encoding);
            conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(conditional)).StatusCode);
        }
    }

    [Fact]
    public async Task A_conditional_poll_of_an_unchanged_feed_is_answered_304_ahead_of_the_pipeline_and_only_for_a_feed_that_answered()
    {
        var reader = Reader(fixture);
        var feed = await reader.GetAsync("/feeds/rss.xml");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        var etag = feed.Headers.ETag!;
        Assert.NotNull(feed.Headers.GetValues("Content-Security-Policy").SingleOrDefault());

        async Task<HttpResponseMessage> PollAsync(string path, string? cookie = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.IfNoneMatch.Add(etag);
            if (cookie is not null) request.Headers.Add("Cookie", cookie);
            return await reader.SendAsync(request);
        }

        var poll = await PollAsync("/feeds/rss.xml");
        Assert.Equal(HttpStatusCode.NotModified, poll.StatusCode);
        Assert.Equal(etag, poll.Headers.ETag);
        Assert.Equal("public, max-age=300", poll.Headers.CacheControl?.ToString());
        Assert.NotNull(poll.Content.Headers.LastModified);
        // Answered before the pipeline: no page headers were added to it.
        Assert.False(poll.Headers.Contains("Content-Security-Policy"));

        // An address that never answered 200 goes the whole way, whatever it is sent.
        Assert.Equal(HttpStatusCode.NotFound, (await PollAsync("/outlets/987654321/rss.xml")).StatusCode);
        // So does a request with a cookie (a signed-in editor's): the cache still answers it 304.
        var withCookie = await PollAsync("/feeds/rss.xml", "theme=dark");
        Assert.Equal(HttpStatusCode.NotModified, withCookie.StatusCode);
        Assert.True(withCookie.Headers.Contains("Content-Security-Policy"));

        // Once the data changes, the old tag gets the new feed.
        await SetTitleAsync("轮询之后的新标题");
        var changed = await PollAsync("/feeds/rss.xml");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("轮询之后的新标题", await changed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Feeds_are_kept_longer_by_browsers_and_errors_are_not_cached()
    {
        var reader = Reader(fixture);
        var feed = await reader.GetAsync("/feeds/atom.xml");
        Assert.Equal("public, max-age=300", feed.Headers.CacheControl?.ToString());
        Assert.NotNull(feed.Headers.ETag);

        var missing = await reader.GetAsync("/articles/987654321");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Null(missing.Headers.ETag);
        Assert.Null((await reader.GetAsync("/articles/987654321")).Headers.Age);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync("/?after=not-a-cursor")).StatusCode);
    }

    [Fact]
    public async Task Pages_served_from_the_cache_still_count_as_views()
    {
        await using var portal = fixture.WithWebHostBuilder(b => b.UseSetting("Popular:FlushSeconds", "3600"));
        var reader = Reader(portal);
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var before = await c.ExecuteScalarAsync<long>("SELECT coalesce(sum(views), 0) FROM article_views WHERE article_id = @Id", new { Id = fixture.FeedDumpId });
        var path = $"/articles/{fixture.FeedDumpId}";
        var cached = 0;
        for (var i = 0; i < 4; i++)
            if ((await reader.GetAsync(path)).Headers.Age is not null) cached++;
        Assert.True(cached >= 3, $"{cached} of 4 views came from the cache");
        await portal.Services.GetRequiredService<ViewCounter>().FlushAsync(CancellationToken.None);
        Assert.Equal(before + 4, await c.ExecuteScalarAsync<long>("SELECT coalesce(sum(views), 0) FROM article_views WHERE article_id = @Id", new { Id = fixture.FeedDumpId }));
    }
}
