using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Core.Storage;
using NewsPortal.Ingestion;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// SIGTERM to the ingestion service (docker stop, systemd): the batch being stored commits and what
/// was read is stored with it, the run is closed as interrupted, and the same inputs ingested again
/// store exactly the rest.
/// </summary>
public sealed class IngestShutdownTests
{
    private const int Items = 200;
    private const int BatchSize = 30;

    [Fact]
    public async Task Sigterm_during_a_batch_commits_it_closes_the_run_exits_143_and_the_next_run_stores_exactly_the_rest()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var inbox = new TempFolder();
        for (var i = 0; i < Items; i++) inbox.Write($"item-{i:000}.txt", FeedDumpItems.Item(i));
        await using var c = await db.DataSource.OpenConnectionAsync();
        // Each new article takes 10 ms in its batch's transaction: a batch is being stored for 0.3 s,
        // which this connection sees (its session waits in pg_sleep) and the signal lands in.
        await c.ExecuteAsync("""
            CREATE FUNCTION slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.01); RETURN NEW; END $$;
            CREATE TRIGGER slow_insert BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION slow_insert();
            """);

        // Batches of exactly BatchSize items, however slowly a busy machine parses.
        await using var ingest = CliProcess.Start(db.ConnectionString, new Dictionary<string, string>
        {
            ["Ingest__BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest__MaxBatchSeconds"] = "600",
        }, "ingest", inbox.Path);
        var committedBefore = -1;
        await Eventually.TrueAsync(async () =>
        {
            if (ingest.HasExited) throw new InvalidOperationException($"ingest ended before it was signalled: {(await ingest.WaitForExitAsync(TimeSpan.Zero)).Stderr}");
            // One statement: the batch seen being stored is not among the articles counted.
            var (storing, committed) = await c.QuerySingleAsync<(int, int)>("""
                SELECT (SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'),
                       (SELECT count(*)::int FROM articles)
                """);
            committedBefore = committed;
            return storing > 0;
        }, "a batch being stored");
        await ingest.SendSigtermAsync();
        var stopped = await ingest.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.True(stopped.ExitCode == StopSignals.SigTermExitCode, $"exit code {stopped.ExitCode}:\n{stopped.Stderr}");
        var stored = await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles");
        // The batch in hand committed (and what waited for the next one with it); the rest was left.
        Assert.InRange(stored, committedBefore + BatchSize, Items - 1);
        Assert.Equal($"stopped: read {stored}, new {stored}, updated 0, unchanged 0, failed 0", stopped.Stdout.Trim());
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("""
            SELECT count(*) FROM articles a
            WHERE a.title = '' OR a.body_text = '' OR a.story_id IS NULL
               OR (SELECT count(*) FROM article_images i WHERE i.article_id = a.id) <> 2
               OR NOT EXISTS (SELECT 1 FROM article_revisions r WHERE r.article_id = a.id)
            """));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_links_pending")); // its links were made too
        Assert.Equal(("interrupted", "stopped (cancelled)", true, stored), await c.QuerySingleAsync<(string, string, bool, int)>(
            "SELECT status, end_reason, finished_at IS NOT NULL, new_count FROM ingest_runs"));

        await c.ExecuteAsync("DROP TRIGGER slow_insert ON articles");
        var again = await CliProcess.RunAsync(db.ConnectionString, null, null, "ingest", inbox.Path);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal($"read {Items}, new {Items - stored}, updated 0, unchanged {stored}, failed 0", again.Stdout.Trim());
        Assert.Equal((Items, Items, Items), await c.QuerySingleAsync<(int, int, int)>(
            "SELECT count(*)::int, count(DISTINCT identity_key)::int, count(DISTINCT original_url)::int FROM articles"));
        Assert.Equal(["interrupted", "finished"], await c.QueryAsync<string>("SELECT status FROM ingest_runs ORDER BY id"));
    }

    [Fact]
    public async Task A_watcher_stopped_while_storing_stores_what_it_read_and_returns_leaving_the_scan_to_be_read_again()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var step = new CancellingBatchStep();
        await using var host = new IngestionHost(db, settings: new Dictionary<string, string?> { ["Ingest:BatchSize"] = "4" },
            services: s => s.AddSingleton<IArticleBatchStep>(step));
        using var inbox = new TempFolder();
        for (var i = 0; i < 30; i++) inbox.Write($"item-{i:00}.txt", FeedDumpItems.Item(i));

        var total = await host.Services.GetRequiredService<WatchCommand>()
            .RunAsync(new WatchCommand.Options(inbox.Path, TimeSpan.FromMilliseconds(200), TimeSpan.Zero, Once: false), step.Token);

        await using var c = await db.DataSource.OpenConnectionAsync();
        var stored = await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles");
        Assert.InRange(stored, 4, 29);
        Assert.Equal($"read {stored}, new {stored}, updated 0, unchanged 0, failed 0", total.ToString());
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM watched_inputs"));
        Assert.Equal("interrupted", await c.ExecuteScalarAsync<string>("SELECT status FROM ingest_runs"));
    }
}
