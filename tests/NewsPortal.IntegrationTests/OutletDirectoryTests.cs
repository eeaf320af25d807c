using Dapper;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Navigation;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class OutletDirectoryTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_directory_lists_every_outlet_with_its_count_and_newest_item()
    {
        var page = await portal.CreateClient().GetDocumentAsync("/outlets");

        // The text dump names no outlet (来源不详): only VOA has one.
        var voa = Assert.Single(page.QuerySelectorAll(".outlet-entry"));
        Assert.Equal("美国之音", voa.QuerySelector(".outlet-name")!.TextContent.Trim());
        Assert.Equal("1 篇", voa.QuerySelector(".outlet-count")!.TextContent.Trim());
        Assert.Equal($"/articles/{portal.FeedDumpId}", voa.QuerySelector(".latest a")!.GetAttribute("href"));
        Assert.Equal(Repo.FeedDumpTitle, voa.QuerySelector(".latest a")!.TextContent.Trim());
        Assert.StartsWith("/outlets/", voa.QuerySelector(".outlet-name a")!.GetAttribute("href"));
        Assert.Contains(page.QuerySelectorAll(".site-header nav a"), a => a.GetAttribute("href") == "/outlets");
    }

}

public sealed class OutletDirectoryCacheTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Counts_are_kept_for_a_minute_then_counted_again()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var cache = new OutletDirectoryCache(new SourceStore(portal.Database.DataSource), clock);
        await using var c = await portal.Database.DataSource.OpenConnectionAsync();
        var voaId = await c.ExecuteScalarAsync<long>("SELECT source_id FROM articles WHERE id = @Id", new { Id = portal.FeedDumpId });
        long CountOf(IReadOnlyList<OutletListing> entries) => entries.Single(e => e.Id == voaId).Articles;
        var before = CountOf(await cache.GetAsync(CancellationToken.None));

        var article = new ParsedArticle
        {
            Title = "美国之音的另一篇报道", Url = "https://www.voachinese.com/a/another.html", BodyHtml = "<p>正文。</p>", BodyText = "正文。",
            PublishedAt = new DateTimeOffset(2023, 11, 7, 8, 0, 0, TimeSpan.Zero),
        };
        await new ArticleStore(portal.Database.DataSource).UpsertAsync(c, new ArticleWrite(article, voaId,
            ArticleIdentity.KeyOf(article), ArticleIdentity.ContentHashOf(article), "generated", "test", null), CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(before, CountOf(await cache.GetAsync(CancellationToken.None)));
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = await cache.GetAsync(CancellationToken.None);
        Assert.Equal(before + 1, CountOf(after));
        // The newest item stays the newer one.
        Assert.Equal(portal.FeedDumpId, after.Single(e => e.Id == voaId).LatestId);
    }
}
