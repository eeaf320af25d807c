using System.Net;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Primitives;
using NewsPortal.Web.Delivery;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Feeds answered ahead of the pipeline while the site is unchanged: the body kept plain, gzip and
/// Brotli with the headers the pipeline gave it, 304s by either validator, and nothing kept for an
/// address that did not answer 200, for an editor or past a change.
/// </summary>
public sealed class FeedFrontTests(PortalFactory fixture) : IClassFixture<PortalFactory>
{
    private static HttpClient Reader(WebApplicationFactory<Program> portal) =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? encoding = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task SetTitleAsync(string title)
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("UPDATE articles SET title = @Title WHERE id = @Id", new { Title = title, Id = fixture.TextDumpId });
    }

    [Theory]
    [InlineData("/feeds/rss.xml")]
    [InlineData("/feeds/atom.xml")]
    [InlineData("/feeds/feed.json")]
    public async Task A_feed_polled_again_is_answered_from_the_front_with_the_pipelines_headers_in_each_encoding(string path)
    {
        await using var portal = fixture.WithWebHostBuilder(_ => { });
        var reader = Reader(portal);
        var built = await GetAsync(reader, path);
        Assert.Equal(HttpStatusCode.OK, built.StatusCode);
        var plain = await built.Content.ReadAsByteArrayAsync();
        // The second poll is the one kept (it goes through the pipeline once more, uncompressed).
        var kept = await GetAsync(reader, path, "gzip");
        Assert.Equal(plain, await ResponseBodies.DecodedAsync(kept));

        foreach (var encoding in new[] { "br", "gzip", null })
        {
            var front = await GetAsync(reader, path, encoding);
            Assert.Equal(HttpStatusCode.OK, front.StatusCode);
            // Not from the output cache (which says how old its copy is): from the front.
            Assert.Null(front.Headers.Age);
            Assert.Equal(encoding, front.Content.Headers.ContentEncoding.SingleOrDefault());
            Assert.Equal(plain, await ResponseBodies.DecodedAsync(front));
            Assert.Equal(front.Content.Headers.ContentLength, (await front.Content.ReadAsByteArrayAsync()).Length);
            Assert.Equal(encoding is not null, front.Headers.ETag!.IsWeak);
            Assert.Equal(built.Headers.ETag!.Tag, front.Headers.ETag.Tag);
            Assert.Contains("Accept-Encoding", front.Headers.Vary);
            // What the pipeline set is replayed: type, reuse, validators, security headers.
            Assert.Equal(built.Content.Headers.ContentType, front.Content.Headers.ContentType);
            Assert.Equal("public, max-age=300", front.Headers.CacheControl?.ToString());
            Assert.Equal(built.Content.Headers.LastModified, front.Content.Headers.LastModified);
            Assert.Equal(built.Headers.GetValues("Content-Security-Policy"), front.Headers.GetValues("Content-Security-Policy"));
            Assert.Equal("nosniff", front.Headers.GetValues("X-Content-Type-Options").Single());
        }
        var compressed = await GetAsync(reader, path, "br");
        Assert.True((await compressed.Content.ReadAsByteArrayAsync()).Length < plain.Length * 0.5);

        using var head = new HttpRequestMessage(HttpMethod.Head, path);
        var headAnswer = await reader.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, headAnswer.StatusCode);
        Assert.Equal(plain.Length, headAnswer.Content.Headers.ContentLength);
        Assert.Empty(await headAnswer.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Either_validator_gets_a_304_and_a_change_gets_the_new_feed_at_once()
    {
        await using var portal = fixture.WithWebHostBuilder(_ => { });
        var reader = Reader(portal);
        var first = await GetAsync(reader, "/feeds/rss.xml");
        await GetAsync(reader, "/feeds/rss.xml");

        using var since = new HttpRequestMessage(HttpMethod.Get, "/feeds/rss.xml");
        since.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        var notModified = await reader.SendAsync(since);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(first.Headers.ETag, notModified.Headers.ETag);

        // A tag of another stamp gets the body.
        using var otherTag = new HttpRequestMessage(HttpMethod.Get, "/feeds/rss.xml");
        otherTag.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.OK, (await reader.SendAsync(otherTag)).StatusCode);

        await SetTitleAsync("前端缓存之后的新标题");
        var changed = await GetAsync(reader, "/feeds/rss.xml", "gzip");
        Assert.NotEqual(first.Headers.ETag!.Tag, changed.Headers.ETag!.Tag);
        Assert.Contains("前端缓存之后的新标题", System.Text.Encoding.UTF8.GetString(await ResponseBodies.DecodedAsync(changed)));
        using var oldSince = new HttpRequestMessage(HttpMethod.Get, "/feeds/rss.xml");
        oldSince.Headers.IfModifiedSince = first.Content.Headers.LastModified!.Value.AddSeconds(-1);
        Assert.Equal(HttpStatusCode.OK, (await reader.SendAsync(oldSince)).StatusCode);
    }

    [Fact]
    public async Task Missing_feeds_editors_and_pages_always_go_through_the_pipeline()
    {
        await using var portal = fixture.WithWebHostBuilder(_ => { });
        var reader = Reader(portal);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(reader, "/outlets/987654321/rss.xml")).StatusCode);
        for (var i = 0; i < 3; i++) await GetAsync(reader, "/feeds/atom.xml");
        // A request with a cookie is built (or taken from the output cache, which says so) as before.
        var withCookie = await GetAsync(reader, "/feeds/atom.xml", cookie: "theme=dark");
        Assert.NotNull(withCookie.Headers.Age);
        // Pages are never kept here: the output cache answers them.
        for (var i = 0; i < 3; i++) await GetAsync(reader, "/");
        Assert.NotNull((await GetAsync(reader, "/")).Headers.Age);
    }

    [Fact]
    public async Task Nothing_is_kept_past_the_budget()
    {
        await using var portal = fixture.WithWebHostBuilder(b => b.UseSetting("Delivery:FeedFrontMegabytes", "0"));
        var reader = Reader(portal);
        for (var i = 0; i < 3; i++) await GetAsync(reader, "/feeds/rss.xml");
        Assert.NotNull((await GetAsync(reader, "/feeds/rss.xml")).Headers.Age);
    }

    [Theory]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("gzip;q=0, br;q=0", null)]
    [InlineData("identity", null)]
    [InlineData("*", "br")]
    [InlineData("*;q=0.5, gzip", "gzip")]
    [InlineData("", null)]
    [InlineData(";;q=x, ,", null)]
    [InlineData("GZIP", "gzip")]
    public void The_encoding_is_the_one_the_request_prefers(string acceptEncoding, string? expected) =>
        Assert.Equal(expected, FeedFront.ChooseEncoding(new StringValues(acceptEncoding)));
}
