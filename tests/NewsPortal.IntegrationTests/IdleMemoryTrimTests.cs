using System.Globalization;
using System.Text.RegularExpressions;
using NewsPortal.Web.Infrastructure;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// A node gives memory back once a burst is over: when it trims (<see cref="IdleTrimDecision"/>), the
/// server's buffer pool it trims (<see cref="TrimmableMemoryPool"/>), and a real Kestrel process doing
/// it after a burst of requests.
/// </summary>
public sealed partial class IdleMemoryTrimTests : IAsyncLifetime
{
    private const long Mb = 1L << 20;
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    [Fact]
    public void A_node_under_load_is_never_trimmed()
    {
        var decision = new IdleTrimDecision(256 * Mb);
        for (var second = 0; second < 600; second++) Assert.False(decision.Tick(50 * Mb));
    }

    [Fact]
    public void After_a_burst_it_trims_on_the_third_quiet_second_and_then_counts_afresh()
    {
        var decision = new IdleTrimDecision(256 * Mb);
        for (var second = 0; second < 10; second++) Assert.False(decision.Tick(30 * Mb));
        Assert.False(decision.Tick(100_000));
        Assert.False(decision.Tick(100_000));
        Assert.True(decision.Tick(100_000));
        Assert.Equal(0, decision.AllocatedSinceTrim);
        Assert.False(decision.Tick(100_000));
    }

    [Fact]
    public void A_small_burst_is_not_worth_a_collection()
    {
        var decision = new IdleTrimDecision(256 * Mb);
        Assert.False(decision.Tick(200 * Mb));
        for (var second = 0; second < 60; second++) Assert.False(decision.Tick(100_000));
        Assert.False(decision.Tick(60 * Mb)); // 260 MB in all now
        Assert.False(decision.Tick(0));
        Assert.False(decision.Tick(0));
        Assert.True(decision.Tick(0));
    }

    [Fact]
    public void Bursts_with_short_pauses_between_them_trim_at_most_every_30_seconds()
    {
        var decision = new IdleTrimDecision(256 * Mb);
        var trims = new List<int>();
        for (var second = 0; second < 120; second++)
            // 5 s of load (100 MB a second), then 4 s of quiet, over and over.
            if (decision.Tick(second % 9 < 5 ? 100 * Mb : 0)) trims.Add(second);
        Assert.Equal(7, trims[0]); // the third quiet second of the first pause
        Assert.All(trims.Zip(trims.Skip(1)), pair => Assert.True(pair.Second - pair.First >= IdleTrimDecision.MinTicksBetween, $"trims at {pair.First} and {pair.Second}"));
        Assert.True(trims.Count >= 3, string.Join(", ", trims));
    }

    [Fact]
    public void Pool_reuses_returned_blocks_and_trim_lets_the_idle_ones_go()
    {
        using var pool = new TrimmableMemoryPool();
        var a = pool.Rent();
        var b = pool.Rent(100);
        Assert.Equal(TrimmableMemoryPool.BlockSize, a.Memory.Length);
        Assert.Equal(TrimmableMemoryPool.BlockSize, pool.MaxBufferSize);
        a.Memory.Span[0] = 42;
        a.Dispose();
        Assert.Equal(1, pool.IdleBlocks);
        var again = pool.Rent();
        Assert.Equal(42, again.Memory.Span[0]); // the same block, not a new one
        Assert.Equal(0, pool.IdleBlocks);

        again.Dispose();
        b.Dispose();
        Assert.Equal(2, pool.Trim());
        Assert.Equal(0, pool.IdleBlocks);
        Assert.Equal(0, pool.Trim());
    }

    [Fact]
    public void Pool_takes_a_block_disposed_twice_back_once_and_refuses_what_it_cannot_give()
    {
        using var pool = new TrimmableMemoryPool();
        var block = pool.Rent();
        block.Dispose();
        block.Dispose();
        Assert.Equal(1, pool.IdleBlocks);
        var first = pool.Rent();
        var second = pool.Rent();
        Assert.False(first.Memory.Equals(second.Memory), "one buffer handed to two owners");

        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(TrimmableMemoryPool.BlockSize + 1));
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
    }

    [Fact]
    public async Task A_real_node_trims_its_connection_buffers_once_a_burst_is_over()
    {
        await using var node = WebNodeProcess.Start(_portal.Database.ConnectionString, new Dictionary<string, string>
        {
            ["Memory__TrimBurstMegabytes"] = "1",
            ["Serilog__MinimumLevel__Default"] = "Information",
            ["Metrics__Prometheus"] = "true",
        });
        await node.WaitReadyAsync();
        using var client = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        // Many connections at once, each with a page in flight: the server rents buffer blocks for all of them.
        var paths = new[] { "/", "/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json", $"/articles/{_portal.FeedDumpId}" };
        for (var round = 0; round < 5; round++)
            await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
            {
                using var client1 = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
                (await client1.GetAsync(paths[i % paths.Length])).EnsureSuccessStatusCode();
            }));

        await Eventually.TrueAsync(() => Task.FromResult(TrimLine().IsMatch(node.Output)), "a trim logged after the burst", 30);
        var trimmed = long.Parse(TrimLine().Match(node.Output).Groups["kb"].Value, CultureInfo.InvariantCulture);
        // Kestrel rented its blocks from the pool the trim empties: were they its own pool's, none would be let go.
        Assert.True(trimmed > 0, $"{trimmed} KB of idle connection buffers let go:\n{node.Output}");
        Assert.False(node.HasExited);
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Matches(@"newsportal_memory_trims_total(\{[^}]*\})? 1\b", metrics);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [GeneratedRegex(@"memory trimmed \((?<kb>\d+) KB of idle connection buffers\)")]
    private static partial Regex TrimLine();
}
