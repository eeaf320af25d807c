using System.Net;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class ArchiveTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = portal.CreateClient();

    [Fact]
    public async Task A_day_lists_what_was_published_on_it_in_China_time()
    {
        // The VOA item: 2023-11-08 18:25:56 UTC, 02:25 on the 9th in China.
        var ninth = await _client.GetDocumentAsync("/archive/2023/11/09");
        Assert.Equal("2023年11月9日", ninth.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(ninth.QuerySelectorAll(".article-item h2"), h => h.TextContent.Trim() == Repo.FeedDumpTitle);
        // The samples: this item, and one of 30 May 2025; nothing before it.
        Assert.Null(ninth.QuerySelector(".archive-days a[rel=prev]"));
        Assert.Equal("/archive/2025/05/30", ninth.QuerySelector(".archive-days a[rel=next]")?.GetAttribute("href"));

        var eighth = await _client.GetDocumentAsync("/archive/2023/11/08");
        Assert.DoesNotContain(eighth.QuerySelectorAll(".article-item h2"), h => h.TextContent.Trim() == Repo.FeedDumpTitle);
        Assert.Contains("暂无文章", eighth.QuerySelector("main")?.TextContent ?? eighth.Body!.TextContent);
    }

    [Fact]
    public async Task A_days_links_skip_the_days_nothing_was_listed_on()
    {
        var empty = await _client.GetDocumentAsync("/archive/2024/06/01");
        Assert.Contains("暂无文章", empty.QuerySelector("main")!.TextContent);
        var previous = empty.QuerySelector(".archive-days a[rel=prev]")!;
        Assert.Equal("/archive/2023/11/09", previous.GetAttribute("href"));
        Assert.Equal("更早：2023年11月9日", previous.TextContent.Trim());
        Assert.Equal("/archive/2025/05/30", empty.QuerySelector(".archive-days a[rel=next]")?.GetAttribute("href"));

        var latest = await _client.GetDocumentAsync("/archive/2025/05/30");
        Assert.NotEmpty(latest.QuerySelectorAll(".article-item"));
        Assert.Equal("/archive/2023/11/09", latest.QuerySelector(".archive-days a[rel=prev]")?.GetAttribute("href"));
        Assert.Null(latest.QuerySelector(".archive-days a[rel=next]"));
    }

    [Theory]
    [InlineData("/archive/2023/02/30", HttpStatusCode.NotFound)]
    [InlineData("/archive/2023/13/01", HttpStatusCode.NotFound)]
    [InlineData("/archive/2023/11/09?after=yesterday", HttpStatusCode.BadRequest)]
    public async Task A_day_that_does_not_exist_or_a_bad_cursor_is_refused(string url, HttpStatusCode status) =>
        Assert.Equal(status, (await _client.GetAsync(url)).StatusCode);

    [Fact]
    public async Task Every_page_links_to_the_archive_which_opens_on_the_latest_day_with_articles()
    {
        var page = await _client.GetDocumentAsync("/");
        var href = page.QuerySelectorAll(".site-header nav a").Select(a => a.GetAttribute("href")).Single(h => h!.StartsWith("/archive", StringComparison.Ordinal));
        Assert.Equal("/archive", href);
        using var noRedirect = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await noRedirect.GetAsync(href);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/archive/2025/05/30", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(href)).StatusCode);
    }
}
