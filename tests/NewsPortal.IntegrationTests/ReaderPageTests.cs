using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class ReaderPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = portal.CreateClient();

    [Fact]
    public async Task Front_page_lists_the_samples_with_outlet_and_china_time()
    {
        var page = await _client.GetDocumentAsync("/");

        var items = page.QuerySelectorAll(".article-item").ToList();
        Assert.Equal(2, items.Count);
        var voa = items.Single(i => i.QuerySelector("h2")!.TextContent.Trim() == Repo.FeedDumpTitle);
        Assert.Equal("美国之音", voa.QuerySelector(".outlet")!.TextContent.Trim());
        // 18:25:56 UTC is 02:25 the next day in China.
        Assert.Equal("2023-11-09 02:25", voa.QuerySelector("time")!.TextContent.Trim());
        Assert.Equal("2023-11-08T18:25:56Z", voa.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.False(string.IsNullOrWhiteSpace(voa.QuerySelector(".summary")?.TextContent));
        Assert.Equal("zh-Hans", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Chinese_text_goes_out_as_characters_not_entities()
    {
        var html = await _client.GetStringAsync($"/articles/{portal.FeedDumpId}");

        Assert.Contains(Repo.FeedDumpTitle, html);
        Assert.DoesNotContain("&#x", html);
    }

    [Fact]
    public async Task A_sample_alone_in_its_story_shows_no_filler_under_the_related_heading()
    {
        // The text dump states a time 18 months after the VOA item (its page's capture time), and an
        // event lives for days: by what the inputs say, the two are separate stories.
        foreach (var id in new[] { portal.FeedDumpId, portal.TextDumpId })
        {
            var page = await _client.GetDocumentAsync($"/articles/{id}");
            var aside = Assert.Single(page.QuerySelectorAll("aside"));
            Assert.Equal("相关文章", aside.QuerySelector("h2")!.TextContent.Trim());
            Assert.Empty(aside.QuerySelectorAll("a"));
            Assert.Contains("暂无其他媒体报道", aside.TextContent);
        }
    }

    [Fact]
    public async Task Article_page_shows_images_with_captions_body_and_a_link_to_the_original()
    {
        var page = await _client.GetDocumentAsync($"/articles/{portal.FeedDumpId}");

        Assert.Equal(Repo.FeedDumpTitle, page.QuerySelector("article h1")!.TextContent.Trim());
        var figures = page.QuerySelectorAll("article figure").ToList();
        Assert.Equal(2, figures.Count);
        // Through the image proxy, which signs the original address into its own.
        var signer = portal.Services.GetRequiredService<NewsPortal.Web.Images.ImageSigner>();
        Assert.All(figures, f => Assert.StartsWith("https://gdb.voanews.com/", signer.Verify(f.QuerySelector("img")!.GetAttribute("src")![NewsPortal.Web.Images.ImageSigner.PathPrefix.Length..], 0)));
        Assert.All(figures, f => Assert.Contains("张又侠", f.QuerySelector("figcaption")!.TextContent));
        Assert.Equal(18, page.QuerySelectorAll(".article-body p").Length); // the item's <br /><br />-separated paragraphs
        Assert.StartsWith("https://www.voachinese.com/a/", page.QuerySelector(".original a")!.GetAttribute("href"));
        Assert.Equal("zh-Hans", page.QuerySelector("article")!.GetAttribute("lang"));
    }

    [Fact]
    public async Task Outlet_page_lists_that_outlets_articles_only()
    {
        var front = await _client.GetDocumentAsync("/");
        var outletLink = front.QuerySelector("a.outlet")!.GetAttribute("href")!;

        var page = await _client.GetDocumentAsync(outletLink);

        Assert.Equal("美国之音", page.QuerySelector("h1")!.TextContent.Trim());
        var titles = page.QuerySelectorAll(".article-item h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal([Repo.FeedDumpTitle], titles);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/{id}")]
    [InlineData("/editor/login")]
    public async Task Every_page_links_its_feeds_for_autodiscovery(string path)
    {
        var page = await _client.GetDocumentAsync(path.Replace("{id}", portal.FeedDumpId.ToString()));

        Assert.Equal("/feeds/rss.xml", page.QuerySelector("head link[rel=alternate][type='application/rss+xml']")?.GetAttribute("href"));
        Assert.Equal("/feeds/atom.xml", page.QuerySelector("head link[rel=alternate][type='application/atom+xml']")?.GetAttribute("href"));
        Assert.StartsWith("/css/site.css", page.QuerySelector("head link[rel=stylesheet]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Style_sheet_is_served_by_the_app()
    {
        var response = await _client.GetAsync("/css/site.css");

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/articles/999999")]
    [InlineData("/outlets/999999")]
    [InlineData("/no/such/page")]
    public async Task Unknown_pages_are_not_found(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("找不到页面", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_and_readiness_endpoints_answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/healthz")).StatusCode);
        var ready = await _client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", await ready.Content.ReadAsStringAsync());
    }
}
