using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Dapper;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Two ingestion processes polling one database at once: each due feed is fetched by one of them,
/// once per interval, and every item is stored once (each feed's own items, and one item every
/// feed carries).
/// </summary>
public sealed partial class ConcurrentPollerTests
{
    private const int FeedCount = 12;

    [Fact]
    public async Task Two_pollers_fetch_each_due_feed_once_per_interval_and_store_each_item_once()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var server = await LoopbackFeedServer.StartAsync();
        var fetches = new ConcurrentDictionary<string, int>();
        var feeds = new FeedSubscriptionStore(db.DataSource);
        for (var i = 0; i < FeedCount; i++)
        {
            var path = $"/feed{i}.xml";
            var body = PollingFixture.Rss(($"f{i}-1", $"第{i}号源的第一条", "正文一。"), ($"f{i}-2", $"第{i}号源的第二条", "正文二。"),
                ("shared", "每个源都有的同一条新闻", "同一条新闻的正文。"));
            server.Handle(path, async context =>
            {
                fetches.AddOrUpdate(path, 1, (_, n) => n + 1);
                // Slow enough that the two processes' passes overlap.
                await Task.Delay(300);
                await LoopbackFeedServer.Status(200, body, "application/rss+xml; charset=utf-8")(context);
            });
            await feeds.AddAsync(server.Url(path), null, TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddSeconds(-1), CancellationToken.None);
        }

        var first = await Task.WhenAll(PollOnceAsync(db), PollOnceAsync(db));
        Assert.All(first, polled => Assert.True(polled > 0, "both processes polled (their passes overlapped)"));
        Assert.Equal(FeedCount, first.Sum());
        Assert.All(Enumerable.Range(0, FeedCount), i => Assert.Equal(1, fetches.GetValueOrDefault($"/feed{i}.xml")));

        // Within the interval: nothing is due, for either.
        var within = await Task.WhenAll(PollOnceAsync(db), PollOnceAsync(db));
        Assert.Equal(new[] { 0, 0 }, within);

        await using (var c = await db.DataSource.OpenConnectionAsync())
        {
            Assert.Equal(2 * FeedCount + 1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM articles"));
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM (SELECT original_url FROM articles GROUP BY 1 HAVING count(*) > 1) d"));
            // The next interval: the feeds are due again, and again each is fetched once.
            await c.ExecuteAsync("UPDATE feed_subscriptions SET next_poll_at = now() - interval '1 second'");
        }
        var second = await Task.WhenAll(PollOnceAsync(db), PollOnceAsync(db));
        Assert.Equal(FeedCount, second.Sum());
        Assert.All(Enumerable.Range(0, FeedCount), i => Assert.Equal(2, fetches.GetValueOrDefault($"/feed{i}.xml")));
    }

    /// <summary>Runs <c>ingest --poll --once</c> as its own process; returns how many feeds it polled.</summary>
    private static async Task<int> PollOnceAsync(TestDatabase db)
    {
        var result = await CliProcess.RunAsync(db.ConnectionString, null, new Dictionary<string, string>
        {
            ["Polling__Parallelism"] = "2",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        }, "ingest", "--poll", "--once");
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        var polled = Polled().Match(result.Stdout);
        Assert.True(polled.Success, result.Stdout);
        return int.Parse(polled.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"polled (\d+) feed\(s\)")]
    private static partial Regex Polled();
}
