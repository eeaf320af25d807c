using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Web.Popular;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>热门: page views counted in memory, added in batches, read back as most-read lists.</summary>
public sealed class PopularTests(PortalFactory fixture) : IClassFixture<PortalFactory>
{
    // Flushed only when the test says so: the timer must not add views between its steps.
    private readonly WebApplicationFactory<Program> _portal = fixture.WithWebHostBuilder(b => b.UseSetting("Popular:FlushSeconds", "3600"));

    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

    private HttpClient Client(string? userAgent)
    {
        var client = _portal.CreateClient();
        if (userAgent is not null) client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }

    [Fact]
    public async Task Readers_views_are_counted_without_a_write_each_and_robots_HEAD_and_scripts_are_not()
    {
        var reader = Client(Browser);
        for (var i = 0; i < 3; i++) await reader.GetStringAsync($"/articles/{fixture.FeedDumpId}");
        await reader.GetStringAsync($"/articles/{fixture.TextDumpId}");
        await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/articles/{fixture.FeedDumpId}"));
        await Client("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").GetStringAsync($"/articles/{fixture.FeedDumpId}");
        await Client("curl/8.5.0").GetStringAsync($"/articles/{fixture.FeedDumpId}");
        await Client(null).GetStringAsync($"/articles/{fixture.FeedDumpId}");
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        // Nothing is written per view: the views wait in memory for the next flush.
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM article_views"));

        await _portal.Services.GetRequiredService<ViewCounter>().FlushAsync(CancellationToken.None);

        Assert.Equal(3, await c.ExecuteScalarAsync<long>("SELECT coalesce(sum(views), 0) FROM article_views WHERE article_id = @Id", new { Id = fixture.FeedDumpId }));
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT coalesce(sum(views), 0) FROM article_views WHERE article_id = @Id", new { Id = fixture.TextDumpId }));

        // A second flush adds to the hour's row.
        await reader.GetStringAsync($"/articles/{fixture.FeedDumpId}");
        await _portal.Services.GetRequiredService<ViewCounter>().FlushAsync(CancellationToken.None);
        Assert.Equal(4, await c.ExecuteScalarAsync<long>("SELECT coalesce(sum(views), 0) FROM article_views WHERE article_id = @Id", new { Id = fixture.FeedDumpId }));

        var page = await reader.GetDocumentAsync("/popular");
        foreach (var list in new[] { "#popular-list-day", "#popular-list-week" })
        {
            var entries = page.QuerySelectorAll($"{list} li").ToList();
            Assert.Equal(2, entries.Count);
            Assert.Equal($"/articles/{fixture.FeedDumpId}", entries[0].QuerySelector("a")!.GetAttribute("href"));
            Assert.Equal("4 次阅读", entries[0].QuerySelector(".views")!.TextContent.Trim());
            Assert.Equal("1 次阅读", entries[1].QuerySelector(".views")!.TextContent.Trim());
        }
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0)", true)]
    [InlineData("python-requests/2.31", true)]
    [InlineData("", true)]
    [InlineData(Browser, false)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0", false)]
    public void Robots_and_scripts_are_told_by_their_user_agent(string userAgent, bool robot) =>
        Assert.Equal(robot, ViewCounter.IsRobot(userAgent));
}
