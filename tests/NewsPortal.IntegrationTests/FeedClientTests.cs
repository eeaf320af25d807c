using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Core.Search;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Every kind of feed the portal serves — the site's, an outlet's, a tag's, a story's and a
/// search's — read by two real feed clients, Python's feedparser and newsboat: both read every item,
/// the same items, and neither reports an error. The JSON Feed beside each holds the same items.
/// </summary>
public sealed class FeedClientTests(StoryPortal fixture) : IClassFixture<StoryPortal>, IAsyncLifetime
{
    private const string Tag = "物价";

    private HttpClient Reader => fixture.Portal.CreateClient();

    public async Task InitializeAsync()
    {
        var ids = new List<long>();
        foreach (var file in StoryPortal.Cpi) ids.Add(await fixture.IdOfAsync(file));
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("UPDATE articles SET tags = ARRAY[@Tag] WHERE id = ANY(@Ids)", new { Tag, Ids = ids.ToArray() });
        await fixture.Portal.Services.GetRequiredService<SearchIndexer>().IndexAllAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The feeds' common part of the path (…/rss.xml, …/atom.xml and …/feed.json follow it), and the query.</summary>
    private async Task<List<(string Base, string Query)>> FeedBasesAsync()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var outlet = await c.ExecuteScalarAsync<long>("SELECT source_id FROM articles WHERE id = @Id", new { Id = await fixture.IdOfAsync(StoryPortal.CpiReuters) });
        return
        [
            ("/feeds", ""),
            ($"/outlets/{outlet}", ""),
            ("/tags/" + Uri.EscapeDataString(Tag), ""),
            ($"/stories/{await fixture.StoryOfAsync(StoryPortal.SanctionsDw)}", ""),
            ("/search", "?q=" + Uri.EscapeDataString("制裁")),
        ];
    }

    [Fact]
    public async Task Every_feed_is_read_whole_and_alike_by_feedparser_and_newsboat_and_its_JSON_Feed_holds_the_same_items()
    {
        foreach (var (path, query) in await FeedBasesAsync())
        {
            var json = await Reader.GetByteArrayAsync($"{path}/feed.json{query}");
            using var document = JsonDocument.Parse(json);
            var ids = document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
            Assert.True(ids.Count > 0, $"{path}: empty feed");
            foreach (var (file, version) in new[] { ("rss.xml", "rss20"), ("atom.xml", "atom10") })
            {
                var url = $"{path}/{file}{query}";
                var bytes = await Reader.GetByteArrayAsync(url);
                var parsed = await FeedParser.ParseAsync(bytes);
                Assert.True(parsed.Bozo == 0, $"{url}: {parsed.BozoException}");
                Assert.Equal(version, parsed.Version);
                Assert.Equal(ids, parsed.Entries.Select(e => e.Id).ToList());

                var read = await Newsboat.ReadAsync(bytes);
                Assert.True(read.Errors.Count == 0, $"{url}: {string.Join("; ", read.Errors)}");
                Assert.Equal(parsed.Entries.Select(e => e.Link ?? "").Order(), read.Items.Select(i => i.Url).Order());
                Assert.Equal(parsed.Entries.Select(e => e.Title ?? "").Order(), read.Items.Select(i => i.Title).Order());
            }
        }
    }

    [Fact]
    public async Task A_tag_page_links_its_feeds_for_discovery_and_its_feed_holds_only_the_tagged_articles()
    {
        var path = "/tags/" + Uri.EscapeDataString(Tag);
        var page = await Reader.GetDocumentAsync(path);
        foreach (var (file, type) in new[] { ("rss.xml", "application/rss+xml"), ("atom.xml", "application/atom+xml"), ("feed.json", "application/feed+json") })
        {
            Assert.NotNull(page.QuerySelector($"link[rel=alternate][type='{type}'][href='{path}/{file}']"));
            Assert.NotNull(page.QuerySelector($".outlet-feeds a[href='{path}/{file}']"));
        }

        var feed = await FeedParser.ParseAsync(await Reader.GetByteArrayAsync($"{path}/rss.xml"));
        var expected = new List<string>();
        foreach (var file in StoryPortal.Cpi) expected.Add($"http://localhost/articles/{await fixture.IdOfAsync(file)}");
        Assert.Equal(expected.Order(), feed.Entries.Select(e => e.Id).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync("/tags/" + Uri.EscapeDataString("没有这个标签") + "/rss.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync($"{path}/feed.txt")).StatusCode);
    }
}
