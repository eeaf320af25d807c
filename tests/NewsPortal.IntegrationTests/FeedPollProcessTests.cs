using System.Diagnostics;
using Dapper;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class FeedPollProcessTests
{
    [Fact]
    public async Task Ingest_poll_runs_until_sigterm_then_stops_cleanly_leaving_a_feed_in_flight_due()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var server = await LoopbackFeedServer.StartAsync();
        server.Handle("/good.xml", LoopbackFeedServer.Status(200, PollingFixture.Rss(("1", "第一条新闻", "正文。")), "application/rss+xml"));
        var slowStarted = new TaskCompletionSource();
        server.Handle("/slow.xml", async context =>
        {
            slowStarted.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(50), context.RequestAborted);
        });
        var feeds = new FeedSubscriptionStore(db.DataSource);
        var due = DateTimeOffset.UtcNow.AddSeconds(-5);
        await feeds.AddAsync(server.Url("/good.xml"), null, TimeSpan.FromMinutes(15), due, CancellationToken.None);
        await feeds.AddAsync(server.Url("/slow.xml"), null, TimeSpan.FromMinutes(15), due, CancellationToken.None);
        var dueAsStored = (await feeds.FindAsync(server.Url("/slow.xml"), CancellationToken.None))!.NextPollAt;

        await using var process = CliProcess.Start(db.ConnectionString,
            new Dictionary<string, string> { ["Serilog__MinimumLevel__Default"] = "Information" }, // the stop is logged at that level
            "ingest", "--poll");
        await slowStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await using var c = await db.DataSource.OpenConnectionAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && await c.ExecuteScalarAsync<long>("SELECT count(*) FROM articles") == 0) await Task.Delay(50);
        Assert.False(process.HasExited, "ingest --poll exited on its own");

        await process.SendSigtermAsync();
        var stopwatch = Stopwatch.StartNew();
        var result = await process.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed} to stop");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Polling stopped", result.Stderr);
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM articles"));
        var slow = (await feeds.FindAsync(server.Url("/slow.xml"), CancellationToken.None))!;
        Assert.Equal((dueAsStored, (DateTimeOffset?)null, 0), (slow.NextPollAt, slow.LastPolledAt, slow.ErrorCount)); // released, not counted
        Assert.NotNull((await feeds.FindAsync(server.Url("/good.xml"), CancellationToken.None))!.LastSuccessAt);
    }
}
