using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class FeedTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = portal.CreateClient();

    [Theory]
    [InlineData("/feeds/rss.xml", "rss20", "application/rss+xml")]
    [InlineData("/feeds/atom.xml", "atom10", "application/atom+xml")]
    public async Task Feed_is_well_formed_for_a_real_feed_client(string path, string version, string mediaType)
    {
        var response = await _client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);

        var feed = await FeedParser.ParseAsync(await response.Content.ReadAsByteArrayAsync());

        Assert.True(feed.Bozo == 0, feed.BozoException);
        Assert.Equal(version, feed.Version);
        Assert.Equal(2, feed.Entries.Count);
        var voa = feed.Entries.Single(e => e.Title == Repo.FeedDumpTitle);
        Assert.Equal($"http://localhost/articles/{portal.FeedDumpId}", voa.Link);
        Assert.Equal(voa.Link, voa.Id);
        Assert.True(voa.HasContent);
        Assert.Equal("2023-11-08T18:25:56", voa.Published);
        Assert.Contains(feed.Entries, e => e.Title == Repo.TextDumpTitle);
    }

    [Fact]
    public async Task Guids_stay_the_same_between_fetches()
    {
        var first = await FeedParser.ParseAsync(await _client.GetByteArrayAsync("/feeds/rss.xml"));
        var second = await FeedParser.ParseAsync(await _client.GetByteArrayAsync("/feeds/rss.xml"));

        Assert.Equal(first.Entries.Select(e => e.Id), second.Entries.Select(e => e.Id));
        Assert.Equal(2, first.Entries.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task The_feed_checker_itself_flags_a_broken_feed()
    {
        var broken = System.Text.Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><title>x</title><item><title>a &nope; b</item></channel>");

        var feed = await FeedParser.ParseAsync(broken);

        Assert.Equal(1, feed.Bozo);
    }
}
