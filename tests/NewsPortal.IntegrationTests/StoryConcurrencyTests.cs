using System.Text.RegularExpressions;
using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Story assignment while other work runs: two ingestion processes at once, and within one run its
/// two connections (a batch being stored while the one before it is linked).
/// </summary>
public sealed partial class StoryConcurrencyTests
{
    // StoryAssigner's transaction-scoped advisory lock ('stor' in ASCII); internal to Core.
    private const long StoryLockKey = 0x73746f72;

    [GeneratedRegex(@"read (\d+), new (\d+), updated (\d+), unchanged (\d+), failed (\d+)")]
    private static partial Regex CountsLine();

    private static (int Read, int New, int Updated, int Unchanged, int Failed) CountsOf(CliProcess.Result result)
    {
        var m = CountsLine().Match(result.Stdout);
        Assert.True(m.Success, $"no counts line (exit {result.ExitCode}):\n{result.Stdout}\n{result.Stderr}");
        int G(int i) => int.Parse(m.Groups[i].Value);
        return (G(1), G(2), G(3), G(4), G(5));
    }

    [Fact]
    public async Task Two_ingest_processes_at_once_over_overlapping_inputs_leave_every_article_in_exactly_one_live_story()
    {
        await using var db = await TestDatabase.CreateAsync();
        using (var warm = new TempFolder())
        {
            // A few unrelated articles first: the two runs then meet a portal that has a corpus.
            foreach (var file in (string[])[.. StoryPortal.Airliner, StoryPortal.Nra]) warm.Copy(StoryPortal.PathOf(file));
            await using var host = new IngestionHost(db);
            await host.IngestAsync(Repo.Samples, warm.Path);
        }
        using var one = new TempFolder();
        using var two = new TempFolder();
        foreach (var file in (string[])[StoryPortal.SanctionsZaobao, StoryPortal.SanctionsRfi, StoryPortal.CpiZaobao, StoryPortal.CpiReuters])
            one.Copy(StoryPortal.PathOf(file));
        foreach (var file in (string[])[StoryPortal.SanctionsRfi, StoryPortal.SanctionsDw, StoryPortal.CpiReuters, StoryPortal.CpiCna])
            two.Copy(StoryPortal.PathOf(file));
        // Batches of two: several story assignments per run to interleave.
        var environment = new Dictionary<string, string> { ["Ingest__BatchSize"] = "2" };

        // Both runs are held at story assignment until both are there, then let go together; but
        // never longer than 15 s after the first arrives, below the link's 20 s lock timeout: on a
        // loaded machine the second process may start that late, and the run must not fail for it.
        // The overlap is then not guaranteed, so it is not asserted; what must hold afterwards is.
        await using var gate = await db.DataSource.OpenConnectionAsync();
        CliProcess.Result[] results;
        await using (var tx = await gate.BeginTransactionAsync())
        {
            await gate.ExecuteAsync("SELECT pg_advisory_xact_lock(@Key)", new { Key = StoryLockKey }, tx);
            var runs = new[] { one, two }.Select(f => CliProcess.RunAsync(db.ConnectionString, null, environment, "ingest", f.Path)).ToArray();
            await using var watch = await db.DataSource.OpenConnectionAsync();
            var deadline = DateTime.UtcNow.AddSeconds(45);
            DateTime? firstArrived = null;
            while (DateTime.UtcNow < deadline && runs.All(r => !r.IsCompleted))
            {
                var waiting = await watch.ExecuteScalarAsync<int>(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'");
                if (waiting >= 2) break;
                if (waiting == 1) firstArrived ??= DateTime.UtcNow;
                if (firstArrived is { } t && DateTime.UtcNow - t > TimeSpan.FromSeconds(15)) break;
                await Task.Delay(20);
            }
            await tx.CommitAsync();
            results = await Task.WhenAll(runs);
        }

        Assert.All(results, r => Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}:\n{r.Stdout}\n{r.Stderr}"));
        var counts = results.Select(CountsOf).ToList();
        Assert.Equal((8, 6, 0, 2, 0), (counts.Sum(c => c.Read), counts.Sum(c => c.New), counts.Sum(c => c.Updated),
            counts.Sum(c => c.Unchanged), counts.Sum(c => c.Failed)));
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(11, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles WHERE story_id IS NULL"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_links_pending"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM articles a JOIN stories s ON s.id = a.story_id WHERE s.merged_into IS NOT NULL"));
        var sanctions = new HashSet<long?>();
        foreach (var file in StoryPortal.Sanctions) sanctions.Add(await StoryPortal.StoryOfAsync(db, file));
        var cpi = new HashSet<long?>();
        foreach (var file in StoryPortal.Cpi) cpi.Add(await StoryPortal.StoryOfAsync(db, file));
        Assert.Single(sanctions);
        Assert.Single(cpi);
        Assert.NotEqual(sanctions.Single(), cpi.Single());
        // What lists read stayed in step: each story's count, one head per story, every article's terms counted once.
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("""
            SELECT count(*) FROM stories s WHERE s.merged_into IS NULL AND s.article_count <>
                (SELECT count(*) FROM articles a WHERE a.story_id = s.id AND a.status = 'published' AND a.duplicate_of IS NULL)
            """));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("""
            SELECT count(*) FROM (SELECT story_id FROM articles WHERE status = 'published' AND duplicate_of IS NULL
                                  GROUP BY story_id HAVING count(*) FILTER (WHERE story_head) <> 1) h
            """));
        Assert.Equal(
            await c.QuerySingleAsync<(long, long)>("SELECT count(*) FILTER (WHERE cardinality(story_terms) > 0), coalesce(sum(cardinality(story_terms)), 0) FROM articles"),
            await c.QuerySingleAsync<(long, long)>("SELECT (SELECT documents FROM story_corpus), (SELECT coalesce(sum(df), 0) FROM story_term_df)"));
    }

    [Fact]
    public async Task An_update_stored_while_a_newer_account_of_its_story_is_being_linked_does_not_stall_the_run()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db, settings: new Dictionary<string, string?> { ["Ingest:BatchSize"] = "1" });
        await host.IngestAsync(Repo.Samples);
        using var folder = new TempFolder();
        // Batches of one, in name order: an account (a), an unrelated article (b, so that a's batch
        // is no longer among those waiting to be linked), a newer account of a's event (c), whose
        // link makes it the story's head and so rewrites a's row, then a's outlet updating it (d)
        // while c is being linked.
        var original = File.ReadAllText(StoryPortal.PathOf(StoryPortal.SanctionsZaobao));
        folder.Write("a.txt", original);
        folder.Copy(StoryPortal.PathOf(StoryPortal.AirlinerSecond), "b.txt");
        folder.Copy(StoryPortal.PathOf(StoryPortal.SanctionsDw), "c.txt");
        // A paragraph added past the lead: the update changes no story term, only the row.
        folder.Write("d.txt", original.Replace("实施制裁。</p>", "实施制裁。</p><p>（本文已更新。）</p>"));

        var counts = await host.IngestAsync(folder.Path).WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal("read 4, new 3, updated 1, unchanged 0, failed 0", counts.ToString());
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles WHERE story_id IS NULL"));
        Assert.Equal(1, await c.ExecuteScalarAsync<int>(
            "SELECT count(DISTINCT story_id) FROM articles WHERE title LIKE '中国%宣布制裁卢比奥等11名美国人'"));
        Assert.EndsWith("（本文已更新。）", await c.ExecuteScalarAsync<string>("SELECT body_text FROM articles WHERE title = '中国外交部宣布制裁卢比奥等11名美国人'"));
    }
}
