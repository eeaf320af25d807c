using System.Text.Json;
using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>Story assignment under ingestion's harder cases, each test on a fresh database.</summary>
public sealed class StoryIngestTests
{
    // What no second ingest may change: each article's story, the stories, the term statistics.
    private static async Task<string> StoriesStateAsync(TestDatabase db)
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        var articles = await c.QueryAsync<string>("SELECT id || ':' || coalesce(story_id::text, '-') FROM articles ORDER BY id");
        var stories = await c.QueryAsync<string>("""
            SELECT id || ' ' || coalesce(merged_into::text, '-') || ' ' || article_count || ' ' || outlet_count FROM stories ORDER BY id
            """);
        var corpus = await c.QuerySingleAsync<string>("""
            SELECT (SELECT documents FROM story_corpus) || ' ' || (SELECT coalesce(sum(df), 0) FROM story_term_df)
            """);
        return string.Join('\n', [.. articles, .. stories, corpus]);
    }

    [Fact]
    public async Task Ingesting_the_same_files_again_changes_no_story()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        await host.IngestAsync(Repo.Samples);
        await host.IngestAsync(StoryPortal.Inputs);
        var before = await StoriesStateAsync(db);

        var again = await host.IngestAsync(StoryPortal.Inputs);

        Assert.Equal("read 9, new 0, updated 0, unchanged 9, failed 0", again.ToString());
        Assert.Equal(before, await StoriesStateAsync(db));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("500")]
    public async Task Each_story_and_each_outlet_within_it_is_listed_by_its_newest_account_whatever_the_batches(string batchSize)
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db, settings: new Dictionary<string, string?> { ["Ingest:BatchSize"] = batchSize });
        await host.IngestAsync(Repo.Samples);
        await host.IngestAsync(StoryPortal.Inputs);
        await using var c = await db.DataSource.OpenConnectionAsync();

        // New accounts are copied in with their head flags set, and only displaced heads are rewritten:
        // either way, the flags must be what the definition gives.
        var wrong = await c.QueryAsync<string>("""
            SELECT id || ': ' || story_head || '/' || outlet_story_head || ' expected ' || head || '/' || outlet_head
            FROM (SELECT id, story_head, outlet_story_head,
                         row_number() OVER (PARTITION BY story_id ORDER BY listed_at DESC, id DESC) = 1 AS head,
                         row_number() OVER (PARTITION BY story_id, source_id ORDER BY listed_at DESC, id DESC) = 1 AS outlet_head
                  FROM articles WHERE status = 'published' AND duplicate_of IS NULL) a
            WHERE (story_head, outlet_story_head) IS DISTINCT FROM (head, outlet_head)
            """);
        Assert.Empty(wrong);
        Assert.True(await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles WHERE story_id IS NULL") == 0);
        Assert.True(await c.ExecuteScalarAsync<int>("SELECT max(article_count) FROM stories") >= 3);
    }

    [Fact]
    public async Task An_account_whose_stored_terms_changed_since_the_run_last_read_them_is_compared_by_its_new_terms()
    {
        await using var db = await TestDatabase.CreateAsync();
        // One process throughout: it remembers the terms of the accounts it placed.
        await using var host = new IngestionHost(db);
        await host.IngestAsync(Repo.Samples);
        using (var first = new TempFolder())
        {
            first.Write(StoryPortal.SanctionsZaobao, File.ReadAllText(StoryPortal.PathOf(StoryPortal.SanctionsZaobao)));
            await host.IngestAsync(first.Path);
        }
        var zaobao = await StoryPortal.IdOfAsync(db, StoryPortal.SanctionsZaobao);
        await using var c = await db.DataSource.OpenConnectionAsync();
        // As another worker rewriting it would: its keys still find it, its terms now tell nothing alike.
        await c.ExecuteAsync("UPDATE articles SET story_terms = '{1,2,3}', story_weights = '{1,1,1}' WHERE id = @Id", new { Id = zaobao });

        using var second = new TempFolder();
        second.Write(StoryPortal.SanctionsDw, File.ReadAllText(StoryPortal.PathOf(StoryPortal.SanctionsDw)));
        await host.IngestAsync(second.Path);

        Assert.NotEqual(await StoryPortal.StoryOfAsync(db, StoryPortal.SanctionsZaobao), await StoryPortal.StoryOfAsync(db, StoryPortal.SanctionsDw));
    }

    [Fact]
    public async Task Two_accounts_ingested_one_run_after_the_other_by_one_process_share_a_story()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        await host.IngestAsync(Repo.Samples);
        foreach (var file in new[] { StoryPortal.SanctionsZaobao, StoryPortal.SanctionsDw })
        {
            using var folder = new TempFolder();
            folder.Write(file, File.ReadAllText(StoryPortal.PathOf(file)));
            await host.IngestAsync(folder.Path);
        }
        Assert.Equal(await StoryPortal.StoryOfAsync(db, StoryPortal.SanctionsZaobao), await StoryPortal.StoryOfAsync(db, StoryPortal.SanctionsDw));
    }

    [Fact]
    public async Task An_outlets_next_days_installment_of_a_series_starts_a_story_of_its_own()
    {
        // 中央社's daily round-up, "武漢肺炎全球最新情報 8/9" and "… 8/10" captured 24 hours later: the
        // same headline but for its date, and the same words of the pandemic in every lead.
        const string dayOne = "006_8bef51a24a7fc53c.txt", dayTwo = "187_3cdf4e87d84cb0e1.txt";
        async Task<(long? One, long? Two)> StoriesAsync(TestDatabase db, string dayTwoText)
        {
            await using (var host = new IngestionHost(db)) await host.IngestAsync(Repo.Samples);
            // Each in a run and a process of its own: the second meets the first only through what the
            // database holds of it.
            foreach (var (file, text) in new[] { (dayOne, File.ReadAllText(StoryPortal.PathOf(dayOne))), (dayTwo, dayTwoText) })
            {
                await using var host = new IngestionHost(db);
                using var folder = new TempFolder();
                folder.Write(file, text);
                await host.IngestAsync(folder.Path);
            }
            return (await StoryPortal.StoryOfAsync(db, dayOne), await StoryPortal.StoryOfAsync(db, dayTwo));
        }

        await using var series = await TestDatabase.CreateAsync();
        var (one, two) = await StoriesAsync(series, File.ReadAllText(StoryPortal.PathOf(dayTwo)));
        Assert.NotNull(one);
        Assert.NotEqual(one, two);
        await using (var c = await series.DataSource.OpenConnectionAsync())
            Assert.Equal(1, await c.ExecuteScalarAsync<int>(
                "SELECT count(DISTINCT story_series) FROM articles WHERE story_series IS NOT NULL AND title LIKE '武漢肺炎全球最新情報%'"));

        // The same two captured three hours apart: one report updated, and the text alone joins them.
        await using var updated = await TestDatabase.CreateAsync();
        (one, two) = await StoriesAsync(updated, File.ReadAllText(StoryPortal.PathOf(dayTwo)).Replace("<!--1597021052000-->", "<!--1596945512000-->"));
        Assert.Equal(one, two);
    }

    [Fact]
    public async Task A_report_stored_after_an_analysis_of_its_event_does_not_join_the_analysis()
    {
        // Reuters' 即时观点 on China's July CPI, then a report of the release written hours later: each in a
        // run and a process of its own, so the report meets the analysis only through what the database holds.
        const string analysis = "228_cd73e2fb9f2176c3.txt", report = "248_618afd9ba57f7803.txt";
        var fixtures = Path.Combine(Repo.Root, "tests", "NewsPortal.IntegrationTests", "testdata", "commentary");
        await using var db = await TestDatabase.CreateAsync();
        foreach (var file in new[] { analysis, report })
        {
            await using var host = new IngestionHost(db);
            using var folder = new TempFolder();
            folder.Write(file, File.ReadAllText(Path.Combine(fixtures, file)));
            await host.IngestAsync(folder.Path);
        }
        await using var c = await db.DataSource.OpenConnectionAsync();
        var rows = (await c.QueryAsync<(string Title, long Story, bool Commentary)>(
            "SELECT title, story_id, story_commentary FROM articles ORDER BY id")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("即时观点：", rows[0].Title);
        Assert.True(rows[0].Commentary);
        Assert.False(rows[1].Commentary);
        Assert.NotEqual(rows[0].Story, rows[1].Story);
        // Still offered to each other: the analysis is related coverage of the release.
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM article_likeness"));
    }

    [Fact]
    public async Task An_account_its_outlet_updated_keeps_its_story_and_makes_none()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        await host.IngestAsync(Repo.Samples);
        await host.IngestAsync(StoryPortal.Inputs);
        var story = await StoryPortal.StoryOfAsync(db, StoryPortal.SanctionsZaobao);
        await using var c = await db.DataSource.OpenConnectionAsync();
        var storiesBefore = await c.ExecuteScalarAsync<int>("SELECT count(*) FROM stories");
        using var folder = new TempFolder();
        folder.Write(StoryPortal.SanctionsZaobao, File.ReadAllText(StoryPortal.PathOf(StoryPortal.SanctionsZaobao))
            .Replace("[中国外交部宣布制裁卢比奥等11名美国人]", "[中国外交部宣布制裁卢比奥等11名美国人（更新）]"));

        Assert.Equal("read 1, new 0, updated 1, unchanged 0, failed 0", (await host.IngestAsync(folder.Path)).ToString());

        Assert.Equal(story, await StoryPortal.StoryOfAsync(db, StoryPortal.SanctionsZaobao));
        Assert.Equal(story, await StoryPortal.StoryOfAsync(db, StoryPortal.SanctionsDw));
        Assert.Equal(storiesBefore, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM stories"));
        Assert.Equal(3, await c.ExecuteScalarAsync<int>("SELECT article_count FROM stories WHERE id = @Id", new { Id = story }));
    }

    [Fact]
    public async Task An_account_updated_to_tell_another_event_forgets_how_alike_it_was_to_its_old_storys_accounts()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        await host.IngestAsync(StoryPortal.Inputs);
        var (zaobao, dw, nra) = (await StoryPortal.IdOfAsync(db, StoryPortal.SanctionsZaobao),
            await StoryPortal.IdOfAsync(db, StoryPortal.SanctionsDw), await StoryPortal.IdOfAsync(db, StoryPortal.Nra));
        await using var c = await db.DataSource.OpenConnectionAsync();
        Task<int> LikenessRows(long a, long b) => c.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM article_likeness WHERE article_id = @A AND other_id = @B", new { A = Math.Max(a, b), B = Math.Min(a, b) });
        Assert.Equal(1, await LikenessRows(zaobao, dw));
        Assert.Equal(0, await LikenessRows(zaobao, nra));

        // Same address, now another outlet's own account of the NRA item's event (not a copy of it),
        // published within hours of it (the capture stays the original's, a day later).
        var original = File.ReadAllText(StoryPortal.PathOf(StoryPortal.SanctionsZaobao)).Split('\n');
        var heading = original[1];
        var rewritten = string.Join('\n', original[0], "[纽约州总检察长詹姆斯起诉要求解散步枪协会NRA]" + heading[heading.IndexOf("](", StringComparison.Ordinal)..][1..], "------", "",
            "<div><i>Sun, 09 Aug 2020 09:00:00 +0000</i></div><div><p>纽约州总检察长詹姆斯（Letitia James）周四对美国步枪协会NRA提起诉讼，要求解散这一拥枪权游说团体。"
            + "她指控NRA执行副总裁拉皮耶等高层贪污会员费。</p></div>", "");
        using var folder = new TempFolder();
        folder.Write(StoryPortal.SanctionsZaobao, rewritten);
        Assert.Equal("read 1, new 0, updated 1, unchanged 0, failed 0", (await host.IngestAsync(folder.Path)).ToString());

        Assert.Equal(0, await LikenessRows(zaobao, dw));
        Assert.Equal(1, await LikenessRows(zaobao, nra));
        Assert.Equal(await StoryPortal.StoryOfAsync(db, StoryPortal.Nra), await StoryPortal.StoryOfAsync(db, StoryPortal.SanctionsZaobao));
    }

    private static string JsonFeed(params (string Id, string Title, string Html)[] items) => JsonSerializer.Serialize(new
    {
        version = "https://jsonfeed.org/version/1.1",
        title = "示例新闻",
        language = "zh-CN",
        items = items.Select(i => new { id = i.Id, url = $"https://news.example.cn/{i.Id}.html", title = i.Title, content_html = i.Html }),
    });

    [Fact]
    public async Task Articles_with_no_text_or_no_title_get_stories_of_their_own()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        await host.IngestAsync(StoryPortal.Inputs);
        using var folder = new TempFolder();
        // A feed may give a title and no text, or text and no title (the parser then titles it with
        // its text); a title of punctuation gives story assignment no term at all, and two such
        // articles must not end up in one story because both have nothing.
        folder.Write("feed.json", JsonFeed(
            ("no-text", "尼日尔库雷野生动物园发生枪击", ""),
            ("no-title", "", "<p>巴黎从8月10日起在人流密集的户外区域强制佩戴口罩。</p>"),
            ("dashes", "——", ""),
            ("bangs", "！！！", "")));

        Assert.Equal("read 4, new 4, updated 0, unchanged 0, failed 0", (await host.IngestAsync(folder.Path)).ToString());

        await using var c = await db.DataSource.OpenConnectionAsync();
        var rows = (await c.QueryAsync<(string Guid, long? StoryId, string Title, string BodyText)>(
            "SELECT guid, story_id, title, body_text FROM articles WHERE guid IS NOT NULL ORDER BY guid")).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal("", rows.Single(r => r.Guid == "no-text").BodyText);
        Assert.All(rows, r => Assert.NotNull(r.StoryId));
        Assert.Equal(4, rows.Select(r => r.StoryId).Distinct().Count());
        var sizes = await c.QueryAsync<int>("""
            SELECT (SELECT count(*) FROM articles a WHERE a.story_id = s.id) FROM stories s WHERE s.id = ANY(@Ids)
            """, new { Ids = rows.Select(r => r.StoryId!.Value).ToArray() });
        Assert.All(sizes, size => Assert.Equal(1, size));
    }

    [Fact]
    public async Task The_first_two_accounts_a_new_portal_stores_of_one_event_share_a_story()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        folder.Copy(StoryPortal.PathOf(StoryPortal.SanctionsZaobao));
        folder.Copy(StoryPortal.PathOf(StoryPortal.SanctionsRfi));

        await host.IngestAsync(folder.Path);

        // The same pair shares a story once a few unrelated articles came first (StoryTests).
        Assert.Equal(await StoryPortal.StoryOfAsync(db, StoryPortal.SanctionsZaobao), await StoryPortal.StoryOfAsync(db, StoryPortal.SanctionsRfi));
    }
    [Fact]
    public async Task Accounts_in_the_later_look_up_chunks_of_a_large_batch_find_their_stored_account()
    {
        await using var db = await TestDatabase.CreateAsync();
        // One batch of 242 new articles: the candidates are looked up 100 articles at a time, each
        // chunk while the one before is placed.
        await using var host = new IngestionHost(db, settings: new Dictionary<string, string?>
        {
            ["Ingest:BatchSize"] = "500", ["Ingest:MaxBatchSeconds"] = "600",
        });
        await host.IngestAsync(Repo.Samples);
        await host.IngestAsync(StoryPortal.PathOf(StoryPortal.SanctionsZaobao));
        using var folder = new TempFolder();
        // Undated items of random characters: ingested now, years from the event, alike to nothing.
        // Each holds words of the stored account (外交部宣布), so that each looks candidates up (an
        // article looks up by terms other articles hold) and the batch's look-ups fill several chunks.
        var random = new Random(7);
        string Text(int length) => new([.. Enumerable.Range(0, length).Select(_ => (char)random.Next(0x4E00, 0x9FA5))]);
        for (var i = 0; i < 240; i++)
            folder.Write($"f{i:D3}.json", JsonSerializer.Serialize(new
            {
                version = "https://jsonfeed.org/version/1.1", title = "示例", language = "zh-CN",
                items = new[] { new { id = $"filler-{i}", url = $"https://news.example.cn/{i}.html", title = Text(14), content_html = $"<p>外交部宣布{Text(300)}</p>" } },
            }));
        // Read in name order: the second and third accounts are the batch's 152nd and 232nd articles.
        folder.Write("f150a.txt", File.ReadAllText(StoryPortal.PathOf(StoryPortal.SanctionsRfi)));
        folder.Write("f229a.txt", File.ReadAllText(StoryPortal.PathOf(StoryPortal.SanctionsDw)));

        var counts = await host.IngestAsync(folder.Path);

        Assert.Equal("read 242, new 242, updated 0, unchanged 0, failed 0", counts.ToString());
        var story = await StoryPortal.StoryOfAsync(db, StoryPortal.SanctionsZaobao);
        Assert.NotNull(story);
        await using var c = await db.DataSource.OpenConnectionAsync();
        var stories = await c.QueryAsync<long?>(
            "SELECT story_id FROM articles WHERE input_path LIKE '%f150a.txt' OR input_path LIKE '%f229a.txt'");
        Assert.Equal([story, story], stories);
    }
}
