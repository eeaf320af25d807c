using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class WatchTests
{
    private static void Age(string path) => File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));

    [Fact]
    public async Task Watch_takes_settled_files_once_skips_files_being_written_and_retakes_changed_ones()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var inbox = new TempFolder();
        Age(inbox.Copy(Repo.FeedDumpSample, "voa.txt"));
        inbox.Copy(Repo.TextDumpSample, "fresh.txt"); // just written: not settled yet
        inbox.Copy(Repo.TextDumpSample, "dump.txt.part"); // a writer's temporary name

        Assert.Equal(0, await host.RunCommandLineAsync("ingest", "--watch", inbox.Path, "--once", "--settle", "30"));
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal([Repo.FeedDumpTitle], await c.QueryAsync<string>("SELECT title FROM articles"));

        // A restart: what was handled is not read again; what settled meanwhile is taken.
        Age(Path.Combine(inbox.Path, "fresh.txt"));
        await using (var restarted = new IngestionHost(db))
            Assert.Equal(0, await restarted.RunCommandLineAsync("ingest", "--watch", inbox.Path, "--once", "--settle", "30"));
        Assert.Equal(2, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles"));
        Assert.Equal([1, 1], await c.QueryAsync<int>("SELECT read_count FROM ingest_runs ORDER BY id"));

        // A file rewritten later is taken again and updates its article in place.
        var voa = Path.Combine(inbox.Path, "voa.txt");
        File.WriteAllText(voa, File.ReadAllText(voa).Replace("[普京会见张又侠，", "[普京在莫斯科会见张又侠，"));
        Age(voa);
        File.SetLastWriteTimeUtc(voa, DateTime.UtcNow.AddMinutes(-2));
        Assert.Equal(0, await host.RunCommandLineAsync("ingest", "--watch", inbox.Path, "--once", "--settle", "30"));
        Assert.Equal(2, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles"));
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles WHERE title LIKE '普京在莫斯科%'"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles WHERE input_path LIKE '%.part'"));
    }
}
