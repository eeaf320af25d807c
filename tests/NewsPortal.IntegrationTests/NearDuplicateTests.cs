using System.Net;
using Dapper;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// The same text arriving by two routes, through the real ingest command and the real pages: the
/// text dump sample (no URL) is the first copy; a feed item of another outlet carries the same text
/// with its own chrome lines. Each test on its own portal and database, with both samples stored.
/// </summary>
public sealed class NearDuplicateTests : IAsyncLifetime
{
    private const string RepostUrl = "https://www.example-news.cn/world/2023-11/09/c_1129963.htm";
    private readonly PortalFactory _portal = new();
    private readonly TempFolder _folder = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public async Task DisposeAsync()
    {
        _folder.Dispose();
        await ((IAsyncLifetime)_portal).DisposeAsync();
    }

    private static IReadOnlyList<string> SampleParagraphs()
    {
        var parsed = ParserSelector.CreateDefault().Parse(File.ReadAllBytes(Repo.TextDumpSample), new InputOrigin(Repo.TextDumpSample));
        return parsed.Article!.BodyText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>A one-item feed dump as another outlet would carry the paragraphs: its own title, a source line, an editor line.</summary>
    private static string FeedItem(string url, string title, IEnumerable<string> paragraphs) =>
        $"<!--1699495200000-->\n[{title}]({url})\n------\n\n<div><i>Thu, 09 Nov 2023 02:00:00 GMT</i></div>"
        + "<p>2023-11-09 10:00 来源：环球时报</p>"
        + string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"))
        + "<p>责任编辑：王小明</p>\n";

    // An unrelated report, long enough to be linked were it a copy of anything.
    private static readonly string[] Football =
    [
        "在昨晚进行的中超联赛第二十轮比赛中，上海海港队坐镇主场迎战北京国安队。上半场第三十分钟，国安前锋利用角球机会头球破门，取得领先。",
        "下半场易边再战，海港队加强了边路进攻，第六十五分钟，武磊接队友传中凌空抽射扳平比分。比赛第八十八分钟，奥斯卡主罚任意球直接破门，帮助球队完成逆转。",
        "赛后，海港主教练表示，球员们展现了顽强的斗志，这场胜利对争夺联赛冠军非常重要。国安主帅则认为，球队在下半场体能下降，防守出现了失误。",
        "本轮过后，海港队以五十一分继续领跑积分榜，领先第二名的成都蓉城四分。下一轮，海港队将在客场挑战山东泰山队，国安队则回到主场迎战天津津门虎。",
    ];

    private string WriteRepost(string name = "repost.txt", string url = RepostUrl) =>
        _folder.Write(name, FeedItem(url, "中俄两军高层十天内两次会谈，专家解读", SampleParagraphs()));

    private async Task<long?> DuplicateOfAsync(long id)
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long?>("SELECT duplicate_of FROM articles WHERE id = @Id", new { Id = id });
    }

    private async Task<long> IdOfAsync(string url)
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>("SELECT id FROM articles WHERE original_url = @Url", new { Url = url });
    }

    private async Task<IngestCounts> IngestAsync(params string[] paths)
    {
        await using var host = new IngestionHost(_portal.Database);
        return await host.IngestAsync(paths);
    }

    [Fact]
    public async Task The_two_samples_tell_one_event_in_different_words_and_stay_apart()
    {
        Assert.Null(await DuplicateOfAsync(_portal.TextDumpId));
        Assert.Null(await DuplicateOfAsync(_portal.FeedDumpId));
    }

    [Fact]
    public async Task A_repost_ingested_after_the_original_is_linked_to_it_and_hidden_from_lists_and_feeds()
    {
        Assert.Equal("read 1, new 1, updated 0, unchanged 0, failed 0", (await IngestAsync(WriteRepost())).ToString());
        var repostId = await IdOfAsync(RepostUrl);

        Assert.Equal(_portal.TextDumpId, await DuplicateOfAsync(repostId));
        var client = _portal.CreateClient();
        var home = await client.GetDocumentAsync("/");
        var listed = home.QuerySelectorAll(".article-item-title a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(new[] { $"/articles/{_portal.TextDumpId}", $"/articles/{_portal.FeedDumpId}" }.Order(), listed.Order());
        foreach (var feed in new[] { "/feeds/rss.xml", "/feeds/atom.xml" })
        {
            var xml = await client.GetStringAsync(feed);
            Assert.DoesNotContain($"/articles/{repostId}", xml);
            Assert.Contains($"/articles/{_portal.TextDumpId}", xml);
        }
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        var outletId = await c.ExecuteScalarAsync<long>("SELECT source_id FROM articles WHERE id = @Id", new { Id = repostId });
        var outlet = await client.GetDocumentAsync($"/outlets/{outletId}");
        Assert.Empty(outlet.QuerySelectorAll(".article-item-title a"));
    }

    [Fact]
    public async Task The_copy_page_names_the_first_copy_and_the_first_copy_page_lists_the_copy()
    {
        await IngestAsync(WriteRepost());
        var repostId = await IdOfAsync(RepostUrl);
        var client = _portal.CreateClient();

        var copyPage = await client.GetDocumentAsync($"/articles/{repostId}");
        Assert.Equal($"http://localhost/articles/{_portal.TextDumpId}", copyPage.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        var note = copyPage.QuerySelector(".duplicate-note");
        Assert.NotNull(note);
        Assert.Equal($"/articles/{_portal.TextDumpId}", note.QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains(Repo.TextDumpTitle, note.TextContent);
        // Another outlet carrying the text is one more outlet telling the event: each page offers
        // the other under the same event's accounts.
        Assert.Single(copyPage.QuerySelectorAll($".related a[href='/articles/{_portal.TextDumpId}']"));

        var firstPage = await client.GetDocumentAsync($"/articles/{_portal.TextDumpId}");
        Assert.Equal($"http://localhost/articles/{_portal.TextDumpId}", firstPage.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Null(firstPage.QuerySelector(".duplicate-note"));
        var copies = firstPage.QuerySelectorAll(".duplicates li").ToList();
        var copy = Assert.Single(copies);
        Assert.Equal($"/articles/{repostId}", copy.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal(RepostUrl, copy.QuerySelector("a.copy-original")?.GetAttribute("href"));
        Assert.Contains("同文另见", firstPage.QuerySelector(".duplicates h2")?.TextContent);
        Assert.Single(firstPage.QuerySelectorAll($".related a[href='/articles/{repostId}']"));
    }

    [Fact]
    public async Task A_second_copy_from_the_same_outlet_is_listed_as_the_same_text_not_as_another_account()
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("DELETE FROM articles WHERE id = @Id", new { Id = _portal.TextDumpId });
        const string secondUrl = "https://www.example-news.cn/china/2023-11/09/c_1129963.htm";
        await IngestAsync(WriteRepost());
        await IngestAsync(WriteRepost("second.txt", secondUrl));
        var (first, second) = (await IdOfAsync(RepostUrl), await IdOfAsync(secondUrl));
        Assert.Equal(first, await DuplicateOfAsync(second));
        Assert.Equal(await c.ExecuteScalarAsync<long>("SELECT story_id FROM articles WHERE id = @Id", new { Id = first }),
            await c.ExecuteScalarAsync<long>("SELECT story_id FROM articles WHERE id = @Id", new { Id = second }));

        var client = _portal.CreateClient();
        var firstPage = await client.GetDocumentAsync($"/articles/{first}");
        Assert.Empty(firstPage.QuerySelectorAll($".related a[href='/articles/{second}']"));
        Assert.Single(firstPage.QuerySelectorAll($".duplicates a[href='/articles/{second}']"));
        var secondPage = await client.GetDocumentAsync($"/articles/{second}");
        Assert.Empty(secondPage.QuerySelectorAll($".related a[href='/articles/{first}']"));
        // One outlet's one text: the story counts it once.
        Assert.Equal(1, await c.ExecuteScalarAsync<int>(
            "SELECT article_count FROM stories WHERE id = (SELECT story_id FROM articles WHERE id = @Id)", new { Id = first }));
    }

    [Fact]
    public async Task Editors_still_see_the_copy_marked_as_one()
    {
        await IngestAsync(WriteRepost());
        var repostId = await IdOfAsync(RepostUrl);
        var editor = new EditorClient(_portal);
        await editor.SignInAsync();

        var desk = await editor.Http.GetDocumentAsync("/editor");

        var row = desk.QuerySelectorAll(".editor-table tbody tr").Single(r => r.QuerySelector($"a[href='/editor/articles/{repostId}']") is not null);
        Assert.Equal($"/editor/articles/{_portal.TextDumpId}", row.QuerySelector(".duplicate-mark a")?.GetAttribute("href"));
        Assert.Equal(3, desk.QuerySelectorAll(".editor-table tbody tr").Length);
        Assert.Single(desk.QuerySelectorAll(".duplicate-mark"));
    }

    [Fact]
    public async Task Copies_arriving_in_one_run_link_to_the_lowest_id_and_never_to_another_copy()
    {
        var paragraphs = SampleParagraphs();
        var urls = new[] { "https://www.one.example/a/1.html", "https://www.two.example/b/2.html", "https://www.three.example/c/3.html" };
        var first = _folder.Write("a.txt", FeedItem(urls[0], "转载一", paragraphs.Skip(1)));
        var second = _folder.Write("b.txt", FeedItem(urls[1], "转载二", paragraphs.Take(paragraphs.Count - 1)));
        var third = _folder.Write("c.txt", FeedItem(urls[2], "转载三", paragraphs.Take(paragraphs.Count / 3)));
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        // Start from a database without the sample, so that the first copy is one of this run.
        await c.ExecuteAsync("DELETE FROM articles WHERE id = @Id", new { Id = _portal.TextDumpId });

        Assert.Equal("read 3, new 3, updated 0, unchanged 0, failed 0", (await IngestAsync(first, second, third)).ToString());

        var ids = new List<long>();
        foreach (var url in urls) ids.Add(await IdOfAsync(url));
        Assert.Equal(ids.Order(), ids);
        Assert.Null(await DuplicateOfAsync(ids[0]));
        Assert.Equal(ids[0], await DuplicateOfAsync(ids[1]));
        Assert.Equal(ids[0], await DuplicateOfAsync(ids[2]));
    }

    [Fact]
    public async Task An_update_that_makes_the_copy_different_unlinks_it()
    {
        var repost = WriteRepost();
        await IngestAsync(repost);
        var repostId = await IdOfAsync(RepostUrl);
        Assert.Equal(_portal.TextDumpId, await DuplicateOfAsync(repostId));

        // The outlet replaced the story under the same URL with another text.
        File.WriteAllText(repost, FeedItem(RepostUrl, "另一篇报道", Football));
        Assert.Equal("read 1, new 0, updated 1, unchanged 0, failed 0", (await IngestAsync(repost)).ToString());

        Assert.Equal(repostId, await IdOfAsync(RepostUrl));
        Assert.Null(await DuplicateOfAsync(repostId));
        var home = await _portal.CreateClient().GetDocumentAsync("/");
        Assert.Contains(home.QuerySelectorAll(".article-item-title a"), a => a.GetAttribute("href") == $"/articles/{repostId}");
    }

    [Fact]
    public async Task When_the_first_copy_changes_into_another_text_its_copies_are_let_go()
    {
        // Here the feed item comes first and the text dump (no URL) second.
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("DELETE FROM articles WHERE id = @Id", new { Id = _portal.TextDumpId });
        var repost = WriteRepost();
        await IngestAsync(repost);
        var firstId = await IdOfAsync(RepostUrl);
        await IngestAsync(_folder.Copy(Repo.TextDumpSample));
        var dumpId = await c.ExecuteScalarAsync<long>("SELECT id FROM articles WHERE input_format = 'text-dump'");
        Assert.Equal(firstId, await DuplicateOfAsync(dumpId));

        File.WriteAllText(repost, FeedItem(RepostUrl, "另一篇报道", Football));
        await IngestAsync(repost);

        Assert.Null(await DuplicateOfAsync(dumpId));
    }

    [Fact]
    public async Task Re_ingesting_the_same_copy_changes_nothing()
    {
        var repost = WriteRepost();
        await IngestAsync(repost);

        Assert.Equal("read 1, new 0, updated 0, unchanged 1, failed 0", (await IngestAsync(repost)).ToString());
        Assert.Equal(_portal.TextDumpId, await DuplicateOfAsync(await IdOfAsync(RepostUrl)));
    }

    [Fact]
    public async Task A_batch_a_stopped_run_left_unlinked_is_linked_by_the_next_run_before_it_stores_its_own()
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("DELETE FROM articles WHERE id = @Id", new { Id = _portal.TextDumpId });
        await IngestAsync(WriteRepost());
        var repostId = await IdOfAsync(RepostUrl);
        // As a run killed between a batch's commit and its link's commit leaves the batch: stored and
        // signed, recorded as waiting to be linked, without band keys (so no later copy can find it).
        await c.ExecuteAsync("""
            DELETE FROM article_band_keys WHERE article_id = @Id;
            INSERT INTO article_links_pending (article_ids) VALUES (ARRAY[@Id]);
            """, new { Id = repostId });

        const string laterUrl = "https://www.later.example/news/9.html";
        Assert.Equal("read 1, new 1, updated 0, unchanged 0, failed 0", (await IngestAsync(WriteRepost("later.txt", laterUrl))).ToString());

        Assert.Equal(repostId, await DuplicateOfAsync(await IdOfAsync(laterUrl)));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_links_pending"));
        var ids = new[] { repostId, await IdOfAsync(laterUrl) };
        var keys = (await c.QueryAsync<(long ArticleId, int Keys)>(
            "SELECT article_id, count(*)::int FROM article_band_keys WHERE article_id = ANY(@Ids) GROUP BY article_id ORDER BY article_id",
            new { Ids = ids })).ToList();
        Assert.Equal(ids, keys.Select(k => k.ArticleId));
        Assert.Equal(keys[0].Keys, keys[1].Keys);
    }

    [Fact]
    public async Task A_copy_left_unlinked_by_a_stopped_run_is_linked_to_its_first_copy_by_the_next_run()
    {
        await IngestAsync(WriteRepost());
        var repostId = await IdOfAsync(RepostUrl);
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("""
            UPDATE articles SET duplicate_of = NULL WHERE id = @Id;
            DELETE FROM article_band_keys WHERE article_id = @Id;
            INSERT INTO article_links_pending (article_ids) VALUES (ARRAY[@Id]);
            """, new { Id = repostId });

        // A run with nothing to do with that text still links it first.
        Assert.Equal("read 1, new 1, updated 0, unchanged 0, failed 0",
            (await IngestAsync(_folder.Write("football.txt", FeedItem("https://www.sport.example/1.html", "中超第二十轮", Football)))).ToString());

        Assert.Equal(_portal.TextDumpId, await DuplicateOfAsync(repostId));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_links_pending"));
        Assert.True(await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM article_band_keys WHERE article_id = @Id)", new { Id = repostId }));
    }

    [Fact]
    public async Task Articles_stored_before_signatures_existed_are_linked_by_the_backfill_command()
    {
        await IngestAsync(WriteRepost());
        var repostId = await IdOfAsync(RepostUrl);
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        // As rows stored before migration 0006 look: no signature, no link.
        await c.ExecuteAsync("""
            UPDATE articles SET text_signature = NULL, text_lead_signature = NULL, text_shingles = NULL, duplicate_of = NULL;
            DELETE FROM article_band_keys;
            """);

        await using var host = new IngestionHost(_portal.Database);
        Assert.Equal(0, await host.RunCommandLineAsync("link-duplicates"));

        Assert.Equal(_portal.TextDumpId, await DuplicateOfAsync(repostId));
        Assert.Null(await DuplicateOfAsync(_portal.FeedDumpId));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles WHERE text_signature IS NULL"));
    }
}
