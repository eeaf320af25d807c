using System.Collections.Concurrent;
using System.Text.Json;
using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>The site's feeds name a WebSub hub, and the hub is pinged once per change however many web nodes run.</summary>
public sealed class WebSubTests : IAsyncLifetime
{
    private const string BaseUrl = "https://news.example";

    private readonly PortalFactory _portal = new();
    private LoopbackFeedServer? _hub;
    private readonly ConcurrentQueue<(string Mode, string Url)> _pings = new();

    public async Task InitializeAsync()
    {
        await _portal.InitializeAsync();
        _hub = await LoopbackFeedServer.StartAsync();
        _hub.Handle("/hub", async context =>
        {
            var form = await context.Request.ReadFormAsync();
            _pings.Enqueue((form["hub.mode"].ToString(), form["hub.url"].ToString()));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
    }

    private WebApplicationFactory<Program> Node(string name) => _portal.WithWebHostBuilder(b => b
        .UseSetting("Site:Title", name)
        .UseSetting("Site:BaseUrl", BaseUrl)
        .UseSetting("Feeds:WebSubHub", _hub!.Url("/hub"))
        .UseSetting("Feeds:WebSubCheckSeconds", "0.05"));

    [Fact]
    public async Task The_site_feeds_name_the_hub_in_body_and_header()
    {
        await using var node = Node("node A");
        var client = node.CreateClient();
        var hub = _hub!.Url("/hub");

        var rss = await client.GetAsync("/feeds/rss.xml");
        Assert.Equal($"<{hub}>; rel=\"hub\", <{BaseUrl}/feeds/rss.xml>; rel=\"self\"", rss.Headers.GetValues("Link").Single());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var rssHub = XDocument.Parse(await rss.Content.ReadAsStringAsync()).Descendants(atom + "link").Single(l => (string?)l.Attribute("rel") == "hub");
        Assert.Equal(hub, (string?)rssHub.Attribute("href"));

        var atomFeed = XDocument.Parse(await client.GetStringAsync("/feeds/atom.xml"));
        Assert.Equal(hub, (string?)atomFeed.Root!.Elements(atom + "link").Single(l => (string?)l.Attribute("rel") == "hub").Attribute("href"));

        using var json = JsonDocument.Parse(await client.GetStringAsync("/feeds/feed.json"));
        var hubs = json.RootElement.GetProperty("hubs");
        Assert.Equal("WebSub", hubs[0].GetProperty("type").GetString());
        Assert.Equal(hub, hubs[0].GetProperty("url").GetString());

        // An outlet's feed is not announced to the hub, so it names none.
        var outlet = await client.GetAsync($"/outlets/{await OutletIdAsync()}/rss.xml");
        Assert.False(outlet.Headers.Contains("Link"));
        Assert.DoesNotContain("rel=\"hub\"", await outlet.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Two_nodes_ping_the_hub_once_per_change_for_each_site_feed()
    {
        await using var a = Node("node A");
        await using var b = Node("node B");
        a.CreateClient();
        b.CreateClient();
        var feeds = new[] { $"{BaseUrl}/feeds/rss.xml", $"{BaseUrl}/feeds/atom.xml", $"{BaseUrl}/feeds/feed.json" };

        // The samples were ingested after the schema was made: that change is announced first.
        await Eventually.TrueAsync(() => Task.FromResult(_pings.Count >= 3), "the ingest of the samples is announced");
        await Task.Delay(500);
        Assert.Equal(3, _pings.Count);

        await using (var c = await _portal.Database.DataSource.OpenConnectionAsync())
            await c.ExecuteAsync("UPDATE articles SET title = title || '（更新）' WHERE id = @Id", new { Id = _portal.FeedDumpId });
        await Eventually.TrueAsync(() => Task.FromResult(_pings.Count >= 6), "the edit is announced");
        await Task.Delay(500);

        var pings = _pings.ToList();
        Assert.Equal(6, pings.Count);
        Assert.All(pings, p => Assert.Equal("publish", p.Mode));
        Assert.Equal(feeds.Concat(feeds).Order(), pings.Select(p => p.Url).Order());
    }

    private async Task<long> OutletIdAsync()
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>("SELECT source_id FROM articles WHERE id = @Id", new { Id = _portal.FeedDumpId });
    }

    public async Task DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
        await ((IAsyncLifetime)_portal).DisposeAsync();
    }
}
