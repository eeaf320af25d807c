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
        Assert.Equal("/archive/2023/11/08", ninth.QuerySelector(".archive-days a[rel=prev]")?.GetAttribute("href"));
        Assert.Equal("/archive/2023/11/10", ninth.QuerySelector(".archive-days a[rel=next]")?.GetAttribute("href"));

        var eighth = await _client.GetDocumentAsync("/archive/2023/11/08");
        Assert.DoesNotContain(eighth.QuerySelectorAll(".article-item h2"), h => h.TextContent.Trim() == Repo.FeedDumpTitle);
        Assert.Contains("暂无文章", eighth.QuerySelector("main")?.TextContent ?? eighth.Body!.TextContent);
    }

    [Theory]
    [InlineData("/archive/2023/02/30", HttpStatusCode.NotFound)]
    [InlineData("/archive/2023/13/01", HttpStatusCode.NotFound)]
    [InlineData("/archive/2023/11/09?after=yesterday", HttpStatusCode.BadRequest)]
    public async Task A_day_that_does_not_exist_or_a_bad_cursor_is_refused(string url, HttpStatusCode status) =>
        Assert.Equal(status, (await _client.GetAsync(url)).StatusCode);

    [Fact]
    public async Task Every_page_links_to_todays_archive()
    {
        var page = await _client.GetDocumentAsync("/");
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var href = page.QuerySelectorAll(".site-header nav a").Select(a => a.GetAttribute("href")).Single(h => h!.StartsWith("/archive/", StringComparison.Ordinal));
        // Around midnight in China the page and this test may see different days.
        Assert.Contains(href, new[] { today, today.AddMinutes(-1) }.Select(d => $"/archive/{d.Year}/{d.Month:00}/{d.Day:00}"));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(href)).StatusCode);
    }
}
