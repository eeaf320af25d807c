using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPortal.Core.Storage;
using NewsPortal.Ingestion;
using Npgsql;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>A run rides out a lost connection, and a run that was killed does not stay open.</summary>
public sealed class RunRecoveryTests
{
    /// <summary>In the transaction of batch <see cref="AtBatch"/> (once), terminates every other session of the database, as a server restart would.</summary>
    private sealed class TerminatingStep(string adminConnectionString) : IArticleBatchStep
    {
        public const int AtBatch = 2;
        private int _calls;

        public int Terminated { get; private set; }

        public async Task AfterUpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredArticle> changed, CancellationToken ct)
        {
            if (Interlocked.Increment(ref _calls) != AtBatch) return;
            await using var admin = new NpgsqlConnection(adminConnectionString);
            await admin.OpenAsync(ct);
            Terminated = await admin.ExecuteScalarAsync<int>("""
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()
                """);
        }
    }

    private sealed class CollectingLogger : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Lines.Enqueue(formatter(state, exception));
        }
        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task A_batch_whose_connection_the_server_drops_is_stored_again_and_every_item_is_stored_once()
    {
        await using var db = await TestDatabase.CreateAsync();
        var step = new TerminatingStep(db.ConnectionString);
        var logs = new CollectingLogger();
        await using var host = new IngestionHost(db, settings: new Dictionary<string, string?> { ["Ingest:BatchSize"] = "4" },
            services: s => s.AddSingleton<IArticleBatchStep>(step).AddSingleton<ILoggerProvider>(logs));
        using var folder = new TempFolder();
        for (var i = 0; i < 20; i++) folder.Write($"voa-{i:00}.txt", FeedDumpItems.Item(i));

        var counts = await host.IngestAsync(folder.Path);

        Assert.True(step.Terminated >= 1, "no session was terminated");
        Assert.Equal("read 20, new 20, updated 0, unchanged 0, failed 0", counts.ToString());
        Assert.Contains(logs.Lines, l => l.StartsWith("Database error storing a batch of 4 items (attempt 1 of 9)", StringComparison.Ordinal));
        db.DataSource.Clear(); // the test's own idle connections were terminated too
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal((20L, 20L), await c.QuerySingleAsync<(long, long)>("SELECT count(*), count(DISTINCT identity_key) FROM articles"));
        Assert.Equal(20, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_revisions"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_links_pending"));
        Assert.Equal(("finished", 20), await c.QuerySingleAsync<(string, int)>("SELECT status, new_count FROM ingest_runs"));

        // And the same folder again is a no-op, as after any run.
        Assert.Equal("read 20, new 0, updated 0, unchanged 20, failed 0", (await host.IngestAsync(folder.Path)).ToString());
    }

    [Fact]
    public async Task Runs_whose_process_is_gone_are_closed_as_abandoned_when_the_next_run_starts()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        // A process that has exited: its pid names nothing now (or, if reused, a process started later).
        using var exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await exited.WaitForExitAsync();
        await using var c = await db.DataSource.OpenConnectionAsync();
        var killedHere = await c.ExecuteScalarAsync<long>("""
            INSERT INTO ingest_runs (command, host, pid, started_at, heartbeat_at) VALUES ('ingest killed', @Host, @Pid, now() - interval '1 minute', now())
            RETURNING id
            """, new { Host = Environment.MachineName, Pid = exited.Id });
        var silentElsewhere = await c.ExecuteScalarAsync<long>("""
            INSERT INTO ingest_runs (command, host, pid, started_at, heartbeat_at) VALUES ('ingest silent', 'other-host', 4242, now() - interval '2 hours', now() - interval '1 hour')
            RETURNING id
            """);
        var aliveElsewhere = await c.ExecuteScalarAsync<long>("""
            INSERT INTO ingest_runs (command, host, pid, started_at, heartbeat_at) VALUES ('ingest busy', 'other-host', 4343, now() - interval '2 hours', now() - interval '1 minute')
            RETURNING id
            """);
        var beforeUpgrade = await c.ExecuteScalarAsync<long>("""
            INSERT INTO ingest_runs (command, started_at) VALUES ('ingest from before', now() - interval '3 days') RETURNING id
            """);

        await host.IngestAsync(Repo.FeedDumpSample);

        var runs = (await c.QueryAsync<(long Id, string Status, string? Reason, bool Finished)>(
            "SELECT id, status, end_reason, finished_at IS NOT NULL FROM ingest_runs")).ToDictionary(r => r.Id);
        Assert.Equal(("abandoned", $"process {exited.Id} on {Environment.MachineName} is gone"), (runs[killedHere].Status, runs[killedHere].Reason));
        Assert.Equal("abandoned", runs[silentElsewhere].Status);
        Assert.StartsWith("no heartbeat from process 4242 on other-host since ", runs[silentElsewhere].Reason);
        Assert.Equal(("running", false), (runs[aliveElsewhere].Status, runs[aliveElsewhere].Finished));
        Assert.Equal("abandoned", runs[beforeUpgrade].Status);
        Assert.Single(runs.Values, r => r.Status == "finished");
    }

    [Fact]
    public async Task A_run_that_is_stopped_stores_the_batch_in_hand_and_is_closed_as_interrupted_with_its_reason()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var step = new CancellingBatchStep();
        await using var host = new IngestionHost(db, settings: new Dictionary<string, string?> { ["Ingest:BatchSize"] = "4" },
            services: s => s.AddSingleton<IArticleBatchStep>(step));
        using var folder = new TempFolder();
        for (var i = 0; i < 20; i++) folder.Write($"voa-{i:00}.txt", FeedDumpItems.Item(i));

        var stopped = await Assert.ThrowsAsync<IngestStoppedException>(() => host.Services.GetRequiredService<IngestCommand>()
            .RunAsync(new IngestOptions([folder.Path], null, null, null), "ingest (test)", step.Token));

        await using var c = await db.DataSource.OpenConnectionAsync();
        var stored = await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles");
        Assert.InRange(stored, 4, 19); // the batch the stop came in committed, not rolled back; the rest was left
        Assert.Equal($"read {stored}, new {stored}, updated 0, unchanged 0, failed 0", stopped.Counts.ToString());
        Assert.Equal(("interrupted", "stopped (cancelled)", true, stored), await c.QuerySingleAsync<(string, string, bool, int)>(
            "SELECT status, end_reason, finished_at IS NOT NULL, new_count FROM ingest_runs"));
    }

    [Fact]
    public async Task A_watcher_outlives_the_database_dropping_its_connections_and_takes_the_next_file()
    {
        await using var db = await TestDatabase.CreateAsync();
        var logs = new CollectingLogger();
        await using var host = new IngestionHost(db, services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var inbox = new TempFolder();
        inbox.Copy(Repo.FeedDumpSample, "voa.txt");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var watching = host.Services.GetRequiredService<WatchCommand>()
            .RunAsync(new WatchCommand.Options(inbox.Path, TimeSpan.FromMilliseconds(200), TimeSpan.Zero, Once: false), stop.Token);
        await using var admin = new NpgsqlConnection(db.ConnectionString);
        await admin.OpenAsync();
        // Handled: stored, and recorded as handled (the scan is over).
        async Task WaitForHandledAsync(int count)
        {
            while (!watching.IsCompleted && await admin.ExecuteScalarAsync<int>("SELECT count(*) FROM watched_inputs") < count) await Task.Delay(50);
        }
        await WaitForHandledAsync(1);

        // Every session but this one ends, the watcher's idle ones among them; then a file arrives.
        await admin.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        inbox.Copy(Repo.TextDumpSample, "dump.txt");
        await WaitForHandledAsync(2);
        await stop.CancelAsync();
        var total = await watching;

        Assert.Equal((2, 0), (total.New, total.Failed));
        Assert.Contains(logs.Lines, l => l.StartsWith("Database error ", StringComparison.Ordinal));
    }
}
