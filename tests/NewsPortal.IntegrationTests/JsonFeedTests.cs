using System.Net;
using System.Text.Json;
using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>JSON Feed 1.1 beside RSS and Atom, and every outlet's own feeds, linked from its page.</summary>
public sealed class JsonFeedTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = portal.CreateClient();

    [Fact]
    public async Task The_site_JSON_Feed_has_the_fields_the_spec_requires_and_a_real_feed_client_reads_it()
    {
        var response = await _client.GetAsync("/feeds/feed.json");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/feed+json", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("title").GetString()));
        Assert.Equal("http://localhost/feeds/feed.json", root.GetProperty("feed_url").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        foreach (var item in items)
        {
            // Required: id; and content_html or content_text. Dates are RFC 3339.
            Assert.False(string.IsNullOrEmpty(item.GetProperty("id").GetString()));
            Assert.False(string.IsNullOrEmpty(item.GetProperty("content_html").GetString()));
            Assert.True(DateTimeOffset.TryParse(item.GetProperty("date_published").GetString(), out _));
            Assert.Equal(JsonValueKind.Array, item.GetProperty("authors").ValueKind);
        }
        Assert.Contains(items, i => i.GetProperty("id").GetString() == $"http://localhost/articles/{portal.FeedDumpId}");

        // The same items as the RSS feed, by id (Debian's feedparser 6.0 reads no JSON Feed, so the spec's rules are checked above).
        var rss = await FeedParser.ParseAsync(await _client.GetByteArrayAsync("/feeds/rss.xml"));
        Assert.Equal(rss.Entries.Select(e => e.Id).Order(), items.Select(i => i.GetProperty("id").GetString()).Order());
    }

    [Theory]
    [InlineData("rss.xml", "rss20")]
    [InlineData("atom.xml", "atom10")]
    [InlineData("feed.json", null)]
    public async Task Each_outlet_has_feeds_of_its_own_articles_only(string file, string? version)
    {
        await using var c = await portal.Database.DataSource.OpenConnectionAsync();
        var outlet = await c.ExecuteScalarAsync<long>("SELECT source_id FROM articles WHERE id = @Id", new { Id = portal.FeedDumpId });
        var bytes = await _client.GetByteArrayAsync($"/outlets/{outlet}/{file}");
        List<string?> ids;
        if (version is null)
        {
            using var json = JsonDocument.Parse(bytes);
            ids = [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString())];
        }
        else
        {
            var feed = await FeedParser.ParseAsync(bytes);
            Assert.True(feed.Bozo == 0, feed.BozoException);
            Assert.Equal(version, feed.Version);
            ids = [.. feed.Entries.Select(e => e.Id)];
        }
        var expected = await c.QueryAsync<long>("SELECT id FROM articles WHERE source_id = @Outlet AND status = 'published' AND duplicate_of IS NULL", new { Outlet = outlet });
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(id => $"http://localhost/articles/{id}").Order(), ids.Order());

        var page = await _client.GetDocumentAsync($"/outlets/{outlet}");
        Assert.NotNull(page.QuerySelector($"link[rel=alternate][href='/outlets/{outlet}/{file}']"));
    }

    [Theory]
    [InlineData("/outlets/987654/rss.xml")]
    [InlineData("/outlets/1/feed.txt")]
    [InlineData("/feeds/feed.xml")]
    [InlineData("/stories/1/index.html")]
    public async Task Unknown_outlets_and_file_names_are_404(string path) =>
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(path)).StatusCode);

    [Fact]
    public async Task A_story_and_a_search_have_JSON_Feeds_too()
    {
        await using var c = await portal.Database.DataSource.OpenConnectionAsync();
        var story = await c.ExecuteScalarAsync<long>("SELECT story_id FROM articles WHERE id = @Id", new { Id = portal.FeedDumpId });
        using var storyFeed = JsonDocument.Parse(await _client.GetByteArrayAsync($"/stories/{story}/feed.json"));
        Assert.Contains(storyFeed.RootElement.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString()!.EndsWith($"/articles/{portal.FeedDumpId}"));
        var response = await _client.GetAsync("/search/feed.json?q=" + Uri.EscapeDataString("张又侠"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var searchFeed = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("https://jsonfeed.org/version/1.1", searchFeed.RootElement.GetProperty("version").GetString());
    }
}
