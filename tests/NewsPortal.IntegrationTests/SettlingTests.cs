using System.Text;
using Dapper;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Copies of one article that differ (two mirrors of a feed, an item archived twice) settle on one
/// version whatever order they come in, and reading them again writes nothing.
/// </summary>
public sealed class SettlingTests : IDisposable
{
    private const string FeedImageHost = "imgpai.thepaper.cn";
    private const string DumpImageHost = "gdb.voanews.com";

    private readonly TempFolder _a = new(), _b = new();

    public SettlingTests()
    {
        var atom = File.ReadAllText(Path.Combine(Repo.FormatExamples, "atom.xml"));
        var dump = File.ReadAllText(Repo.FeedDumpSample);
        // Folder A: the feed and the archived item as their outlets serve them.
        _a.Write("thepaper.xml", atom);
        _a.Write("voa.txt", dump);
        // Folder B, a mirror: the same feed with its images on a CDN host, the same capture of the
        // item with its images on another; and the outlet's later revision of the feed's item (a new
        // title, a later <updated>), as a second copy of the feed would carry it.
        _b.Write("thepaper.xml", atom.Replace(FeedImageHost, "thepaper-img.cdn.example.net"));
        _b.Write("voa.txt", dump.Replace(DumpImageHost, "voa-cdn.example.net"));
        _b.Write("thepaper-later.xml", atom
            .Replace("<title>全国人大常委会表决通过", "<title>（更新）全国人大常委会表决通过")
            .Replace("<updated>2024-11-08T18:02:00+08:00</updated>", "<updated>2024-11-08T21:15:00+08:00</updated>"));
        // The mirror's copies were written later: their file times, not only their hashes, order them.
        foreach (var file in Directory.GetFiles(_a.Path)) File.SetLastWriteTimeUtc(file, new DateTime(2024, 11, 9, 0, 0, 0, DateTimeKind.Utc));
        foreach (var file in Directory.GetFiles(_b.Path)) File.SetLastWriteTimeUtc(file, new DateTime(2024, 11, 9, 6, 0, 0, DateTimeKind.Utc));
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    private sealed record Row(string IdentityKey, string Title, string ContentHash, string BodyHtml, string InputPath);

    private sealed record Outcome(IReadOnlyList<Row> Rows, int Revisions, string SecondRun, string ThirdRun, long StampMoves);

    private async Task<Outcome> IngestAsync(params string[] order)
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        foreach (var folder in order) await host.IngestAsync(folder);
        var stamps = new SiteChangeStore(db.DataSource);
        var before = await stamps.ReadAsync(CancellationToken.None);
        // Both folders again, then each again: nothing is to change.
        var second = await host.IngestAsync(_a.Path, _b.Path);
        var third = await host.IngestAsync(order[^1]);
        var after = await stamps.ReadAsync(CancellationToken.None);
        await using var c = await db.DataSource.OpenConnectionAsync();
        var rows = (await c.QueryAsync<Row>("SELECT identity_key, title, content_hash, body_html, input_path FROM articles ORDER BY identity_key")).ToList();
        var revisions = await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_revisions");
        return new Outcome(rows, revisions, second.ToString(), third.ToString(), after.Stamp - before.Stamp);
    }

    [Fact]
    public async Task Mirrored_copies_settle_on_one_version_in_either_order_and_a_second_run_writes_nothing()
    {
        var aThenB = await IngestAsync(_a.Path, _b.Path);
        var bThenA = await IngestAsync(_b.Path, _a.Path);

        Assert.Equal(aThenB.Rows, bThenA.Rows);
        Assert.Equal(2, aThenB.Rows.Count);
        // The later <updated> wins over both same-time copies of the feed's item.
        Assert.Contains(aThenB.Rows, r => r.Title.StartsWith("（更新）全国人大常委会", StringComparison.Ordinal) && r.InputPath.EndsWith("thepaper-later.xml", StringComparison.Ordinal));
        // The two captures of the VOA item agree in every time but the file's: the mirror's later file wins.
        var voa = Assert.Single(aThenB.Rows, r => r.Title == Repo.FeedDumpTitle);
        Assert.Contains("voa-cdn.example.net", voa.BodyHtml);
        foreach (var outcome in new[] { aThenB, bThenA })
        {
            Assert.Equal("read 5, new 0, updated 0, unchanged 5, failed 0", outcome.SecondRun);
            Assert.Matches("^read ([23]), new 0, updated 0, unchanged \\1, failed 0$", outcome.ThirdRun);
            Assert.Equal(0, outcome.StampMoves);
        }
    }

    [Fact]
    public async Task Copies_that_differ_in_nothing_but_content_settle_by_their_hash_in_either_order()
    {
        // No file time tells them apart either: the content hash decides, the same way both times.
        foreach (var file in Directory.GetFiles(_b.Path)) File.SetLastWriteTimeUtc(file, new DateTime(2024, 11, 9, 0, 0, 0, DateTimeKind.Utc));

        var aThenB = await IngestAsync(_a.Path, _b.Path);
        var bThenA = await IngestAsync(_b.Path, _a.Path);

        Assert.Equal(aThenB.Rows, bThenA.Rows);
        Assert.Equal(aThenB.Revisions, bThenA.Revisions);
        Assert.Equal("read 5, new 0, updated 0, unchanged 5, failed 0", aThenB.SecondRun);
        Assert.Equal("read 5, new 0, updated 0, unchanged 5, failed 0", bThenA.SecondRun);
    }

    [Fact]
    public async Task An_older_capture_read_after_a_newer_one_writes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        var dump = File.ReadAllText(Repo.FeedDumpSample);
        // A later capture of the item (the capture line an hour on), its title since amended.
        var later = folder.Write("later.txt", dump.Replace("<!--1699468744000-->", "<!--1699472344000-->").Replace("[普京会见张又侠，", "[普京在莫斯科会见张又侠，"));
        await host.IngestAsync(later);
        var older = folder.Write("older.txt", dump);
        File.SetLastWriteTimeUtc(older, DateTime.UtcNow.AddMinutes(5)); // copied last, but captured first

        var counts = await host.IngestAsync(older);

        Assert.Equal("read 1, new 0, updated 0, unchanged 1, failed 0", counts.ToString());
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal("普京在莫斯科会见张又侠，盛赞中俄高科技军事合作", await c.ExecuteScalarAsync<string>("SELECT title FROM articles"));
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_revisions"));
    }

    [Fact]
    public async Task A_poller_reading_two_mirrors_of_a_feed_settles_on_one_version_and_rewrites_nothing_on_later_polls()
    {
        await using var f = await PollingFixture.CreateAsync();
        // Two mirrors of one feed: the same items, the same times, their images on two CDN hosts.
        static string Mirror(string imageHost, string buildDate) => PollingFixture.Rss(
                ("1", "第一条新闻", $"北京时间今天上午发生的第一件事。</p><p><img src=\"https://{imageHost}/1.jpg\">"),
                ("2", "第二条新闻", $"第二件事的详细经过。</p><p><img src=\"https://{imageHost}/2.jpg\">"))
            .Replace("<language>zh-cn</language>", $"<language>zh-cn</language><lastBuildDate>{buildDate}</lastBuildDate>");
        var a = new ServedFeed(Encoding.UTF8.GetBytes(Mirror("img.news.example.cn", "Sun, 22 Nov 2026 07:55:00 GMT")));
        var b = new ServedFeed(Encoding.UTF8.GetBytes(Mirror("news-img.cdn.example.net", "Sun, 22 Nov 2026 07:56:00 GMT")));
        f.Server.Handle("/a.xml", a.HandleAsync);
        f.Server.Handle("/b.xml", b.HandleAsync);
        await f.SubscribeAsync("/a.xml");
        await f.SubscribeAsync("/b.xml");
        var first = await f.PollAsync();
        await using var c = await f.Db.DataSource.OpenConnectionAsync();
        var settled = await c.QueryAsync<string>("SELECT content_hash FROM articles ORDER BY identity_key");

        // Both mirrors are rebuilt (new bytes, the same items) and polled again, twice.
        for (var round = 1; round <= 2; round++)
        {
            a.Update(Encoding.UTF8.GetBytes(Mirror("img.news.example.cn", $"Sun, 22 Nov 2026 0{8 + round}:00:00 GMT")), $"\"a{round}\"", $"Sun, 22 Nov 2026 0{8 + round}:00:00 GMT");
            b.Update(Encoding.UTF8.GetBytes(Mirror("news-img.cdn.example.net", $"Sun, 22 Nov 2026 0{8 + round}:01:00 GMT")), $"\"b{round}\"", $"Sun, 22 Nov 2026 0{8 + round}:01:00 GMT");
            f.Clock.Advance(TimeSpan.FromMinutes(16));
            var again = await f.PollAsync();

            Assert.Equal((2, 0, 0, 4), (again.Changed, again.Items.New, again.Items.Updated, again.Items.Unchanged));
        }
        Assert.Equal((2, 0), (first.Items.New, first.Items.Failed));
        Assert.Equal(settled, await c.QueryAsync<string>("SELECT content_hash FROM articles ORDER BY identity_key"));
        Assert.Equal(2, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_revisions WHERE action = 'ingested'"));
    }

    [Fact]
    public async Task The_ingest_command_run_twice_over_both_mirrors_prints_nothing_new_or_updated_the_second_time()
    {
        await using var db = await TestDatabase.CreateAsync();

        var first = await CliProcess.RunAsync(db.ConnectionString, null, null, "ingest", _b.Path, _a.Path);
        var second = await CliProcess.RunAsync(db.ConnectionString, null, null, "ingest", _b.Path, _a.Path);

        // The mirror first: its copies are the newer ones, so the originals read after them change nothing.
        Assert.Equal((0, "read 5, new 2, updated 0, unchanged 3, failed 0"), (first.ExitCode, first.Stdout.Trim()));
        Assert.Equal((0, "read 5, new 0, updated 0, unchanged 5, failed 0"), (second.ExitCode, second.Stdout.Trim()));
    }

    [Fact]
    public async Task A_newer_capture_of_the_stored_content_keeps_a_capture_between_the_two_from_winning_later()
    {
        using var folder = new TempFolder();
        var dump = File.ReadAllText(Repo.FeedDumpSample);
        // Captured at 18:39, 19:39 and 20:39: the first and the last alike, the middle one with another title.
        var first = folder.Write("1-first.txt", dump);
        var middle = folder.Write("2-middle.txt", dump.Replace("<!--1699468744000-->", "<!--1699472344000-->").Replace("[普京会见张又侠，", "[普京在莫斯科会见张又侠，"));
        var last = folder.Write("3-last.txt", dump.Replace("<!--1699468744000-->", "<!--1699475944000-->"));

        async Task<(string Title, int Revisions, DateTimeOffset CapturedAt)> IngestOneByOneAsync(params string[] files)
        {
            await using var db = await TestDatabase.CreateAsync();
            await using var host = new IngestionHost(db);
            foreach (var file in files) await host.IngestAsync(file);
            await using var c = await db.DataSource.OpenConnectionAsync();
            return await c.QuerySingleAsync<(string, int, DateTimeOffset)>(
                "SELECT title, (SELECT count(*)::int FROM article_revisions), captured_at FROM articles");
        }

        // Whatever the order, the last capture's content is the one stored, with the last capture's time.
        var lastCapture = DateTimeOffset.FromUnixTimeMilliseconds(1699475944000);
        Assert.Equal((Repo.FeedDumpTitle, 1, lastCapture), await IngestOneByOneAsync(first, last, middle));
        Assert.Equal((Repo.FeedDumpTitle, 2, lastCapture), await IngestOneByOneAsync(middle, first, last));
        Assert.Equal((Repo.FeedDumpTitle, 3, lastCapture), await IngestOneByOneAsync(first, middle, last));
    }
}
