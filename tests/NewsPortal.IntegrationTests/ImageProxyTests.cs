using System.Net;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Web.Images;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// /img/{signed}: only signed addresses, only public addresses (every redirect checked again),
/// only real images under the size and time limits, no Referer sent, cached on disk and served
/// immutable; thumbnails made once; lists and article bodies pointing at it.
/// </summary>
public sealed class ImageProxyTests(ImageProxyFixture fixture) : IClassFixture<ImageProxyFixture>
{
    private ImageSigner Signer => fixture.Portal.Services.GetRequiredService<ImageSigner>();

    /// <summary>A fresh path on the origin serving <paramref name="handler"/>, and its signed proxy address.</summary>
    private string Proxied(RequestDelegate handler, out string originPath, int width = 0)
    {
        originPath = "/" + Guid.NewGuid().ToString("N") + ".jpg";
        fixture.Origin.Handle(originPath, handler);
        return Signer.PathFor(fixture.Origin.Url(originPath), width)!;
    }

    private static async Task<string> ReasonAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    [Fact]
    public async Task Unsigned_and_badly_signed_addresses_are_refused_without_a_fetch()
    {
        var client = fixture.Portal.Client();
        var path = Proxied(ImageProxyFixture.Serve(ImageProxyFixture.Jpeg), out var originPath);
        var token = path[ImageSigner.PathPrefix.Length..];
        var tampered = (token[0] == 'A' ? "B" : "A") + token[1..];
        var otherUrl = ImageSigner.PathPrefix + token[..token.IndexOf('.')] + "." + Convert.ToBase64String("http://example.com/x.jpg"u8).TrimEnd('=');

        foreach (var refused in new[] { "/img/no-signature", ImageSigner.PathPrefix + tampered, otherUrl, path + "?w=240" })
        {
            var response = await client.GetAsync(refused);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("not an image address this site signed", await ReasonAsync(response));
        }
        var badWidth = await client.GetAsync(path + "?w=5");
        Assert.Equal(HttpStatusCode.BadRequest, badWidth.StatusCode);
        Assert.Contains("w must be a width", await ReasonAsync(badWidth));
        Assert.Empty(fixture.Origin.RequestsTo(originPath));
    }

    [Fact]
    public async Task An_image_is_served_immutable_from_the_cache_and_its_origin_is_asked_once()
    {
        var path = Proxied(ImageProxyFixture.Serve(ImageProxyFixture.Jpeg, contentType: "application/octet-stream"), out var originPath);
        var client = fixture.Portal.Client();

        var first = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/jpeg", first.Content.Headers.ContentType?.MediaType); // by its bytes, not the origin's word
        Assert.Equal(ImageProxyFixture.Jpeg, await first.Content.ReadAsByteArrayAsync());
        Assert.Equal("public, max-age=31536000, immutable", first.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", first.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.NotNull(first.Headers.ETag);

        var second = await client.GetAsync(path);
        Assert.Equal(ImageProxyFixture.Jpeg, await second.Content.ReadAsByteArrayAsync());
        var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);

        // Another node on the same cache folder (so nothing in its memory) finds it on disk.
        await using var other = fixture.NewPortal(allowOriginPort: true);
        var fromDisk = await other.Client().GetAsync(path);
        Assert.Equal(ImageProxyFixture.Jpeg, await fromDisk.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, fromDisk.Headers.ETag);

        Assert.Single(fixture.Origin.RequestsTo(originPath));
    }

    [Fact]
    public async Task An_origin_that_refuses_requests_with_a_referer_is_served_as_no_referer_is_sent()
    {
        var path = Proxied(async context =>
        {
            if (context.Request.Headers.Referer.Count > 0) { context.Response.StatusCode = 403; return; }
            await ImageProxyFixture.Serve(ImageProxyFixture.Jpeg)(context);
        }, out var originPath);
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Referrer = new Uri($"http://localhost/articles/{fixture.FeedDumpId}");

        var response = await fixture.Portal.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Assert.Single(fixture.Origin.RequestsTo(originPath)).Header("Referer"));
    }

    [Theory]
    [InlineData("http://10.1.2.3/a.jpg", "a private address")]
    [InlineData("http://192.168.0.10/a.jpg", "a private address")]
    [InlineData("http://172.20.0.1/a.jpg", "a private address")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "metadata")]
    [InlineData("http://100.100.100.200/latest/meta-data/", "metadata")]
    [InlineData("http://[::ffff:10.0.0.1]/a.jpg", "a private address")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/", "private")]
    [InlineData("http://[fe80::1]/a.jpg", "link-local")]
    [InlineData("http://0.0.0.0/a.jpg", "this network")]
    [InlineData("ftp://example.com/a.jpg", null)]
    public async Task Private_link_local_and_metadata_addresses_are_refused_before_any_connection(string url, string? reason)
    {
        // Only http(s) is signed at all; an ftp address has no proxy address to refuse.
        if (Signer.PathFor(url) is not { } path)
        {
            Assert.Null(reason);
            return;
        }
        var response = await fixture.Portal.Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(reason!, await ReasonAsync(response));
    }

    [Fact]
    public async Task Redirects_are_checked_again_at_every_hop()
    {
        fixture.Elsewhere.Handle("/secret.jpg", ImageProxyFixture.Serve(ImageProxyFixture.Jpeg));
        var elsewhere = new Uri(fixture.Elsewhere.BaseUrl);
        var targets = new[]
        {
            fixture.Elsewhere.Url("/secret.jpg"),                           // loopback, by address
            $"http://localhost:{elsewhere.Port}/secret.jpg",                // loopback, by a name resolved at connect time
            "http://169.254.169.254/latest/meta-data/iam",                  // metadata
            "http://10.0.0.7/a.jpg",                                        // private
        };
        foreach (var target in targets)
        {
            var path = Proxied(LoopbackFeedServer.Status(302, headers: ("Location", target)), out _);
            var response = await fixture.Portal.Client().GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("refused", await ReasonAsync(response));
        }
        Assert.Empty(fixture.Elsewhere.Requests);

        // An allowed redirect is followed; a loop is not, past five.
        var image = Proxied(ImageProxyFixture.Serve(ImageProxyFixture.Jpeg), out var imagePath);
        var hop = Proxied(LoopbackFeedServer.Status(301, headers: ("Location", imagePath)), out _);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Portal.Client().GetAsync(hop)).StatusCode);
        fixture.Origin.Handle("/loop", LoopbackFeedServer.Status(302, headers: ("Location", "/loop")));
        var loop = await fixture.Portal.Client().GetAsync(Signer.PathFor(fixture.Origin.Url("/loop")));
        Assert.Equal(HttpStatusCode.BadGateway, loop.StatusCode);
        Assert.Contains("more than 5 redirects", await ReasonAsync(loop));
    }

    [Fact]
    public async Task Loopback_is_refused_unless_the_test_switch_allows_its_port()
    {
        await using var strict = fixture.NewPortal(allowOriginPort: false);
        var path = Proxied(ImageProxyFixture.Serve(ImageProxyFixture.Jpeg), out var originPath);

        var response = await strict.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("a loopback address", await ReasonAsync(response));
        Assert.Empty(fixture.Origin.RequestsTo(originPath));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Not found</body></html>", "image/jpeg", "HTML")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "image/svg+xml", "SVG")]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "image/svg+xml", "SVG")]
    [InlineData("just text", "text/plain", "no image format")]
    public async Task What_is_not_an_image_by_its_bytes_is_refused_with_415(string body, string contentType, string reason)
    {
        var path = Proxied(ImageProxyFixture.Serve(System.Text.Encoding.UTF8.GetBytes(body), contentType), out _);
        var response = await fixture.Portal.Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, await ReasonAsync(response));
    }

    [Fact]
    public async Task An_original_over_10_MB_is_refused_whether_announced_or_not()
    {
        var huge = new byte[10 * 1024 * 1024 + 1];
        ImageProxyFixture.Jpeg.AsSpan(0, 100).CopyTo(huge);
        var announced = Proxied(ImageProxyFixture.Serve(huge), out _);
        var chunked = Proxied(async context =>
        {
            context.Response.ContentType = "image/jpeg";
            for (var sent = 0; sent < huge.Length; sent += 1 << 20)
                await context.Response.Body.WriteAsync(huge.AsMemory(sent, Math.Min(1 << 20, huge.Length - sent)));
        }, out _);
        foreach (var path in new[] { announced, chunked })
        {
            var response = await fixture.Portal.Client().GetAsync(path);
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Contains("larger than 10 MB", await ReasonAsync(response));
        }
    }

    [Fact]
    public async Task A_slow_origin_times_out_with_504_and_a_missing_one_is_404()
    {
        var slow = Proxied(async context => await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted), out _);
        var missing = Proxied(LoopbackFeedServer.Status(404), out _);
        var client = fixture.Portal.Client();

        var timedOut = await client.GetAsync(slow);
        Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.StatusCode);
        Assert.Contains("no image within 2 s", await ReasonAsync(timedOut));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(missing)).StatusCode);
    }

    [Fact]
    public async Task A_thumbnail_is_a_smaller_image_made_from_the_one_fetch_of_its_original()
    {
        var path = Proxied(ImageProxyFixture.Serve(ImageProxyFixture.Jpeg), out var originPath, width: 240);
        var client = fixture.Portal.Client();

        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length < ImageProxyFixture.Jpeg.Length / 4, $"thumbnail of {bytes.Length} bytes");
        using (var thumbnail = NetVips.Image.NewFromBuffer(bytes))
        {
            Assert.Equal(240, thumbnail.Width);
            Assert.Equal(160, thumbnail.Height);
        }
        var again = await client.GetAsync(path);
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
        var originalResponse = await client.GetAsync(Signer.PathFor(fixture.Origin.Url(originPath)));
        Assert.Equal(ImageProxyFixture.Jpeg, await originalResponse.Content.ReadAsByteArrayAsync());
        Assert.Single(fixture.Origin.RequestsTo(originPath));
    }

    [Fact]
    public async Task Bytes_that_start_like_a_jpeg_but_do_not_decode_get_415_for_a_thumbnail_not_500()
    {
        var broken = ImageProxyFixture.Jpeg[..64].Concat(new byte[4096]).ToArray();
        var path = Proxied(ImageProxyFixture.Serve(broken), out _, width: 240);
        var response = await fixture.Portal.Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("cannot be decoded", await ReasonAsync(response));
    }

    [Fact]
    public async Task Lists_show_the_lead_image_as_a_proxied_thumbnail_and_entries_without_one_show_none()
    {
        var originPath = "/lead-" + Guid.NewGuid().ToString("N") + ".jpg";
        fixture.Origin.Handle(originPath, ImageProxyFixture.Serve(ImageProxyFixture.Jpeg));
        await using (var c = await fixture.Database.DataSource.OpenConnectionAsync())
        {
            await c.ExecuteAsync("UPDATE articles SET lead_image_url = @Url WHERE id = @Id", new { Url = fixture.Origin.Url(originPath), Id = fixture.FeedDumpId });
            await c.ExecuteAsync("UPDATE articles SET lead_image_url = NULL WHERE id = @Id", new { Id = fixture.TextDumpId });
        }
        var client = fixture.Portal.Client();

        var page = await client.GetDocumentAsync("/");

        var withImage = page.QuerySelector($"li.article-item:has(a[href='/articles/{fixture.FeedDumpId}'])")!;
        var thumbnail = withImage.QuerySelector("img.thumb")!;
        Assert.Equal(Signer.PathFor(fixture.Origin.Url(originPath), ImageSigner.ListThumbnailWidth), thumbnail.GetAttribute("src"));
        Assert.Equal("lazy", thumbnail.GetAttribute("loading"));
        Assert.Null(page.QuerySelector($"li.article-item:has(a[href='/articles/{fixture.TextDumpId}']) img"));
        var served = await client.GetAsync(thumbnail.GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Article_body_images_go_through_the_proxy_lazily_with_their_alt_and_caption()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var stored = (await c.QueryAsync<(string Url, string? Caption)>(
            "SELECT url, caption FROM article_images WHERE article_id = @Id AND url IS NOT NULL ORDER BY position", new { Id = fixture.FeedDumpId })).ToList();
        Assert.NotEmpty(stored);

        var page = await fixture.Portal.Client().GetDocumentAsync($"/articles/{fixture.FeedDumpId}");

        var images = page.QuerySelectorAll(".article-body img").ToList();
        Assert.Equal(stored.Select(s => Signer.PathFor(s.Url)), images.Select(i => i.GetAttribute("src")));
        Assert.All(images, i => Assert.Equal("lazy", i.GetAttribute("loading")));
        var captioned = stored.Where(s => s.Caption is not null).ToList();
        Assert.Equal(captioned.Select(s => s.Caption), page.QuerySelectorAll(".article-body figure:has(img) figcaption").Select(f => f.TextContent));
    }
}
