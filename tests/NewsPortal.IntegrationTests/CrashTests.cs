using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class CrashTests
{
    [Fact]
    public async Task A_batch_killed_midway_leaves_no_half_written_article_and_the_next_run_finishes_it_without_duplicates()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var inbox = new TempFolder();
        const int items = 400;
        for (var i = 0; i < items; i++) inbox.Write($"item-{i:000}.txt", FeedDumpItems.Item(i));

        // Small batches: several commit before the kill, which then lands in the middle of one.
        int killedPid;
        await using (var process = CliProcess.Start(db.ConnectionString,
            new Dictionary<string, string> { ["Ingest__BatchSize"] = "20", ["Ingest__MaxBatchSeconds"] = "600" }, "ingest", inbox.Path))
        {
            killedPid = process.Id;
            await using var watch = await db.DataSource.OpenConnectionAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            // Kill -9 as soon as some, but not all, articles are in.
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                var stored = await watch.ExecuteScalarAsync<long>("SELECT count(*) FROM articles");
                if (stored >= 20) break;
                await Task.Delay(20);
            }
            Assert.False(process.HasExited, "the batch finished before it could be killed");
            await process.KillAsync();
        }

        await using var c = await db.DataSource.OpenConnectionAsync();
        // The killed run is still open: nothing could close it.
        Assert.Equal(("running", killedPid), await c.QuerySingleAsync<(string, int)>("SELECT status, pid FROM ingest_runs"));
        var afterCrash = await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles");
        Assert.InRange(afterCrash, 20, items - 1);
        Assert.Equal(0, afterCrash % 20); // only whole batches were committed
        // Every stored article is whole: both images and its revision were written with it.
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("""
            SELECT count(*) FROM articles a
            WHERE (SELECT count(*) FROM article_images i WHERE i.article_id = a.id) <> 2
               OR NOT EXISTS (SELECT 1 FROM article_revisions r WHERE r.article_id = a.id)
            """));

        await using var host = new IngestionHost(db);
        var counts = await host.IngestAsync(inbox.Path);

        Assert.Equal(items, counts.Read);
        Assert.Equal(afterCrash, counts.Unchanged);
        // The next run closed the killed one, saying why, and finished itself.
        Assert.Equal([("abandoned", $"process {killedPid} on {Environment.MachineName} is gone"), ("finished", null)],
            await c.QueryAsync<(string, string?)>("SELECT status, end_reason FROM ingest_runs ORDER BY id"));
        Assert.Equal(items - afterCrash, counts.New);
        Assert.Equal(items, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles"));
        Assert.Equal(items, await c.ExecuteScalarAsync<int>("SELECT count(DISTINCT original_url) FROM articles"));
        // The items share one body, so every one after the first is its copy. A batch is linked in a
        // second transaction after its own commits, so the kill may also have landed between the two:
        // all are linked now, nothing is left waiting, and each article's band keys are stored once.
        var firstId = await c.ExecuteScalarAsync<long>("SELECT min(id) FROM articles");
        Assert.Equal(items - 1, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles WHERE duplicate_of = @Id", new { Id = firstId }));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_links_pending"));
        Assert.Equal(items, await c.ExecuteScalarAsync<int>("SELECT count(DISTINCT article_id) FROM article_band_keys"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM (SELECT 1 FROM article_band_keys GROUP BY band_key, article_id HAVING count(*) > 1) d"));
    }
}
