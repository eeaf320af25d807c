using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NewsPortal.Core.Search;
using NewsPortal.Web.Search;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Web nodes index the search queue when the database tells them it grew (migration 0036), not by
/// asking every second: an idle portal asks nothing, and a change is findable as soon as it commits.
/// </summary>
public sealed class SearchQueueNotifyTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    [Fact]
    public async Task The_listener_wakes_when_the_queue_grows_and_only_then()
    {
        await using var listener = new SearchQueueListener(_portal.Database.DataSource, NullLogger<SearchQueueListener>.Instance);
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();

        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None), "listening has just begun");
        Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None), "nothing was queued");

        // An edit of an article's text queues it (migration 0016's trigger), and the queue notifies.
        await c.ExecuteAsync("UPDATE articles SET title = title || '（更新）' WHERE id = (SELECT min(id) FROM articles)");
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None), "an edit queued an article");

        // Nothing committed, nothing told.
        await using (var tx = await c.BeginTransactionAsync())
        {
            await c.ExecuteAsync("INSERT INTO search_pending (article_id) SELECT id FROM articles ON CONFLICT (article_id) DO NOTHING", transaction: tx);
            await tx.RollbackAsync();
        }
        Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None), "a rolled-back queueing");
    }

    [Fact]
    public async Task A_listener_whose_connection_is_killed_listens_again()
    {
        await using var listener = new SearchQueueListener(_portal.Database.DataSource, NullLogger<SearchQueueListener>.Instance);
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None));

        var killed = await c.ExecuteScalarAsync<int>(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN search_pending'");
        Assert.Equal(1, killed);

        Assert.False(await listener.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None), "the connection was killed");
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None), "listening again: index at once");
        await c.ExecuteAsync("UPDATE articles SET title = title || '（再次）' WHERE id = (SELECT min(id) FROM articles)");
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None), "an edit after listening again");
    }

    [Fact]
    public async Task The_indexing_service_indexes_an_edit_without_waiting_for_its_idle_check()
    {
        var ds = _portal.Database.DataSource;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Search:IndexSeconds"] = "0.1",
            // Only a notification can wake the service within the test's time.
            ["Search:IdleCheckSeconds"] = "600",
        }).Build();
        using var service = new SearchIndexService(new SearchIndexer(ds, NullLogger<SearchIndexer>.Instance),
            new SearchQueueListener(ds, NullLogger<SearchQueueListener>.Instance), configuration, TimeProvider.System, NullLogger<SearchIndexService>.Instance);
        await using var c = await ds.OpenConnectionAsync();
        await service.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntil(async () => await c.ExecuteScalarAsync<long>("SELECT count(*) FROM search_pending") == 0, "the stored articles indexed");
            // Let the service settle into its wait (its first wait only begins listening).
            await Task.Delay(500);

            var id = await c.ExecuteScalarAsync<long>("UPDATE articles SET title = '通知测试标题' WHERE id = (SELECT min(id) FROM articles) RETURNING id");

            await WaitUntil(async () => await c.ExecuteScalarAsync<string?>("SELECT title FROM article_search WHERE article_id = @id", new { id }) == "通知测试标题",
                "the edited title indexed");
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
