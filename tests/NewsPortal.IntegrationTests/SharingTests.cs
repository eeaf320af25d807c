using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Dapper;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>What crawlers, link previews and feed readers ask of the portal besides its pages.</summary>
public sealed class SharingTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = portal.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task Robots_txt_keeps_crawlers_out_of_the_desk_and_names_the_sitemap()
    {
        var robots = await _client.GetStringAsync("/robots.txt");
        Assert.Contains("Disallow: /editor", robots);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots);
    }

    [Fact]
    public async Task The_sitemap_lists_the_front_page_and_every_published_article()
    {
        var response = await _client.GetAsync("/sitemap.xml");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locs = xml.Root!.Elements(ns + "url").Select(u => u.Element(ns + "loc")!.Value).ToList();
        Assert.Contains("http://localhost/", locs);
        Assert.Contains($"http://localhost/articles/{portal.FeedDumpId}", locs);
        Assert.Contains($"http://localhost/articles/{portal.TextDumpId}", locs);
        Assert.All(xml.Root!.Elements(ns + "url").Skip(1), u => Assert.NotNull(u.Element(ns + "lastmod")));
    }

    [Fact]
    public async Task The_icon_is_served_and_favicon_ico_points_at_it()
    {
        var icon = await _client.GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
        var ico = await _client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.MovedPermanently, ico.StatusCode);
        Assert.Equal("/favicon.svg", ico.Headers.Location?.OriginalString);
        var page = await _client.GetDocumentAsync("/");
        Assert.Equal("/favicon.svg", page.QuerySelector("link[rel=icon]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task An_article_page_names_its_canonical_address_and_describes_itself_for_link_previews()
    {
        var page = await _client.GetDocumentAsync($"/articles/{portal.FeedDumpId}");
        var canonical = $"http://localhost/articles/{portal.FeedDumpId}";
        Assert.Equal(canonical, page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal(Repo.FeedDumpTitle, page.QuerySelector("meta[property='og:title']")?.GetAttribute("content"));
        Assert.Equal(canonical, page.QuerySelector("meta[property='og:url']")?.GetAttribute("content"));
        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")?.GetAttribute("content"));
        Assert.StartsWith("https://gdb.voanews.com/", page.QuerySelector("meta[property='og:image']")?.GetAttribute("content"));
        Assert.Equal("2023-11-08T18:25:56Z", page.QuerySelector("meta[property='article:published_time']")?.GetAttribute("content"));

        using var ld = JsonDocument.Parse(Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']")).TextContent);
        Assert.Equal("NewsArticle", ld.RootElement.GetProperty("@type").GetString());
        Assert.Equal(Repo.FeedDumpTitle, ld.RootElement.GetProperty("headline").GetString());
        Assert.Equal(canonical, ld.RootElement.GetProperty("mainEntityOfPage").GetString());
        Assert.Equal("2023-11-08T18:25:56Z", ld.RootElement.GetProperty("datePublished").GetString());
        Assert.Equal("美国之音", ld.RootElement.GetProperty("publisher").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_title_that_closes_the_script_element_stays_inside_the_json()
    {
        const string title = "测试</script><script>alert(1)</script>标题";
        var article = new ParsedArticle
        {
            Title = title, Url = "https://news.example.cn/script-title.html", BodyHtml = "<p>正文。</p>", BodyText = "正文。",
            PublishedAt = new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero),
        };
        await using var connection = await portal.Database.DataSource.OpenConnectionAsync();
        var stored = await new ArticleStore(portal.Database.DataSource).UpsertAsync(connection, new ArticleWrite(article, null,
            ArticleIdentity.KeyOf(article), ArticleIdentity.ContentHashOf(article), "generated", "test", null), CancellationToken.None);

        var html = await _client.GetStringAsync($"/articles/{stored.Id}");
        var page = await _client.GetDocumentAsync($"/articles/{stored.Id}");

        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Empty(page.QuerySelectorAll("script:not([type='application/ld+json']):not([src])"));
        using var ld = JsonDocument.Parse(Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']")).TextContent);
        Assert.Equal(title, ld.RootElement.GetProperty("headline").GetString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/feeds/rss.xml")]
    [InlineData("/robots.txt")]
    [InlineData("/favicon.svg")]
    public async Task HEAD_answers_every_GET_route_with_its_headers_and_no_body(string url)
    {
        var get = await _client.GetAsync(url);
        var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HEAD_of_an_article_answers_as_GET_does_and_of_a_missing_one_404()
    {
        var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/articles/{portal.TextDumpId}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/html", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/articles/999999"))).StatusCode);
    }

    [Theory]
    [InlineData("/?after=abc")]
    [InlineData("/?after=12.x")]
    [InlineData("/?after=99999999999999999999.1")]
    public async Task A_cursor_that_is_not_one_is_a_bad_request_not_the_first_page(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outlet = await OutletIdAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync($"/outlets/{outlet}{url[1..]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/?after=1699467956000000.1")).StatusCode);
    }

    [Fact]
    public async Task A_list_with_nowhere_to_page_shows_no_pager()
    {
        var page = await _client.GetDocumentAsync("/");
        Assert.NotEmpty(page.QuerySelectorAll(".article-item"));
        Assert.Null(page.QuerySelector("nav.pager"));
    }

    private async Task<long> OutletIdAsync()
    {
        await using var c = await portal.Database.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>("SELECT source_id FROM articles WHERE id = @Id", new { Id = portal.FeedDumpId });
    }
}
