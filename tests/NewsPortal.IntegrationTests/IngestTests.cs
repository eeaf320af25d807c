using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class IngestTests
{
    [Fact]
    public async Task Samples_are_stored_one_article_each_with_their_fields()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);

        var counts = await host.IngestAsync(Repo.Samples);

        Assert.Equal("read 2, new 2, updated 0, unchanged 0, failed 0", counts.ToString());
        await using var c = await db.DataSource.OpenConnectionAsync();
        var voa = await c.QuerySingleAsync<(long Id, string Title, string? OriginalUrl, DateTime PublishedAt, string Source, string Language)>("""
            SELECT a.id, a.title, a.original_url, a.published_at, s.name, a.language
            FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.input_format = 'markdown-feed-dump'
            """);
        Assert.Equal(Repo.FeedDumpTitle, voa.Title);
        Assert.Equal("美国之音", voa.Source);
        Assert.Equal(new DateTime(2023, 11, 8, 18, 25, 56, DateTimeKind.Utc), voa.PublishedAt);
        Assert.StartsWith("https://www.voachinese.com/a/", voa.OriginalUrl);
        var images = (await c.QueryAsync<(string Url, string? ProxyUrl, string? Caption)>(
            "SELECT url, proxy_url, caption FROM article_images WHERE article_id = @Id ORDER BY position", new { voa.Id })).ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, i => Assert.StartsWith("https://gdb.voanews.com/", i.Url));
        Assert.All(images, i => Assert.Contains("images.weserv.nl", i.ProxyUrl));
        Assert.All(images, i => Assert.Contains("张又侠", i.Caption));

        var dump = await c.QuerySingleAsync<(long Id, string Title, long? SourceId, string? OriginalUrl, bool PublishedZoneInferred, string[] Authors, long? ViewCount)>("""
            SELECT id, title, source_id, original_url, published_zone_inferred, authors, view_count
            FROM articles WHERE input_format = 'text-dump'
            """);
        Assert.Equal(Repo.TextDumpTitle, dump.Title);
        Assert.Null(dump.SourceId); // the dump names no outlet and none was given
        Assert.Null(dump.OriginalUrl); // and an article never gets a made-up URL
        Assert.True(dump.PublishedZoneInferred);
        Assert.Empty(dump.Authors);
        Assert.Equal(36876, dump.ViewCount);
        var teasers = await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_site_teasers WHERE article_id = @Id", new { dump.Id });
        Assert.Equal(5, teasers);
        var caption = await c.ExecuteScalarAsync<string>("SELECT caption FROM article_images WHERE article_id = @Id", new { dump.Id });
        Assert.EndsWith("图源:新华社", caption);
    }

    [Fact]
    public async Task Ingesting_the_same_inputs_again_changes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        await host.IngestAsync(Repo.Samples);

        var again = await host.IngestAsync(Repo.Samples);

        Assert.Equal("read 2, new 0, updated 0, unchanged 2, failed 0", again.ToString());
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(2, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles"));
        Assert.Equal(2, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_revisions"));
        Assert.Equal(3, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_images"));
    }

    [Fact]
    public async Task A_changed_item_updates_its_article_in_place_and_keeps_a_revision()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        var original = File.ReadAllText(Repo.FeedDumpSample);
        var file = folder.Write("item.txt", original);
        await host.IngestAsync(file);

        folder.Write("item.txt", original.Replace("[普京会见张又侠，", "[普京在莫斯科会见张又侠，"));
        var counts = await host.IngestAsync(file);

        Assert.Equal("read 1, new 0, updated 1, unchanged 0, failed 0", counts.ToString());
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal("普京在莫斯科会见张又侠，盛赞中俄高科技军事合作", await c.ExecuteScalarAsync<string>("SELECT title FROM articles"));
        var log = (await c.QueryAsync<(string Action, string Title)>("SELECT action, title FROM article_revisions ORDER BY id")).ToList();
        Assert.Equal([("ingested", Repo.FeedDumpTitle), ("source-updated", "普京在莫斯科会见张又侠，盛赞中俄高科技军事合作")], log);
    }

    [Fact]
    public async Task Every_earlier_body_of_an_item_changed_twice_is_kept_and_the_current_one_only_in_the_article()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        var original = File.ReadAllText(Repo.FeedDumpSample);
        var file = folder.Write("item.txt", original);
        await using var c = await db.DataSource.OpenConnectionAsync();
        var bodies = new List<string>();
        foreach (var version in new[] { original, original.Replace("普京", "俄罗斯总统普京"), original.Replace("张又侠", "中央军委副主席张又侠") })
        {
            folder.Write("item.txt", version);
            await host.IngestAsync(file);
            bodies.Add(await c.ExecuteScalarAsync<string>("SELECT body_html FROM articles") ?? "");
            // The newest source revision holds no copy of the body the article holds.
            Assert.Null(await c.ExecuteScalarAsync<string?>("SELECT body_html FROM article_revisions ORDER BY id DESC LIMIT 1"));
        }
        Assert.Equal(3, bodies.Distinct().Count());

        var versions = (await c.QueryAsync<(string Action, string Body)>("""
            SELECT r.action, coalesce(r.body_html, a.body_html) FROM article_revisions r JOIN articles a ON a.id = r.article_id ORDER BY r.id
            """)).ToList();

        Assert.Equal(["ingested", "source-updated", "source-updated"], versions.Select(v => v.Action));
        Assert.Equal(bodies, versions.Select(v => v.Body));
    }

    [Fact]
    public async Task Bad_inputs_are_kept_with_their_reason_and_bytes_and_the_rest_goes_on()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        folder.Copy(Repo.FeedDumpSample, "a-good.txt");
        var binary = folder.Write("b-binary.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0xFF]);
        folder.Write("c-empty.txt", []);
        folder.Write("d-unknown.txt", "just some notes, not a news page");
        folder.Copy(Repo.TextDumpSample, "e-good.txt");

        var exitCode = await host.RunCommandLineAsync("ingest", folder.Path);

        Assert.Equal(1, exitCode);
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(2, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles"));
        var failures = (await c.QueryAsync<(string Path, string Reason, byte[] Raw)>("SELECT path, reason, raw FROM failed_inputs ORDER BY path")).ToList();
        Assert.Equal(["b-binary.txt", "c-empty.txt", "d-unknown.txt"], failures.Select(f => Path.GetFileName(f.Path)));
        Assert.Equal(File.ReadAllBytes(binary), failures[0].Raw);
        Assert.Contains("binary", failures[0].Reason);
        Assert.Contains("empty", failures[1].Reason);
        Assert.Contains("unrecognised format", failures[2].Reason);
        var run = await c.QuerySingleAsync<(int Read, int New, int Failed)>("SELECT read_count, new_count, failed_count FROM ingest_runs");
        Assert.Equal((5, 2, 3), run);
    }

    [Fact]
    public async Task A_sidecar_file_gives_a_text_dump_its_url_and_outlet()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        var file = folder.Copy(Repo.TextDumpSample, "page.txt");
        folder.Write("page.txt.meta.json", """{"url": "https://news.example.cn/a/20231109/1.html", "outlet": "示例新闻网", "outlet_host": "news.example.cn"}""");

        var counts = await host.IngestAsync(folder.Path);

        Assert.Equal(1, counts.New); // the sidecar itself is not an input
        await using var c = await db.DataSource.OpenConnectionAsync();
        var row = await c.QuerySingleAsync<(string OriginalUrl, string Name, string Host)>(
            "SELECT a.original_url, s.name, s.host FROM articles a JOIN sources s ON s.id = a.source_id");
        Assert.Equal(("https://news.example.cn/a/20231109/1.html", "示例新闻网", "news.example.cn"), row);
    }

    [Fact]
    public async Task Command_line_options_name_the_url_and_outlet_of_a_single_input()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);

        var exitCode = await host.RunCommandLineAsync("ingest", Repo.TextDumpSample, "--url", "https://www.example.com/x.html", "--outlet", "示例网");

        Assert.Equal(0, exitCode);
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(("https://www.example.com/x.html", "示例网"), await c.QuerySingleAsync<(string, string)>(
            "SELECT a.original_url, s.name FROM articles a JOIN sources s ON s.id = a.source_id"));
        Assert.Equal(2, await host.RunCommandLineAsync("ingest", Repo.Samples, "--url", "https://www.example.com/x.html"));
    }

    [Fact]
    public async Task A_reposts_original_outlet_and_responsible_editor_are_stored_apart_from_authors()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        folder.Write("repost.txt", "首页\n时间:2023-11-09 08:00 来源:环球时报 责任编辑:王五\n\n  中俄两军高层会谈\n\n  据中国国防部消息，两军高层再次会谈。\n\n  专家表示，这释放了积极信号。\n");

        await host.IngestAsync(folder.Path);

        await using var c = await db.DataSource.OpenConnectionAsync();
        var row = await c.QuerySingleAsync<(string OriginalOutlet, string ResponsibleEditor, string[] Authors, long? SourceId)>(
            "SELECT original_outlet, responsible_editor, authors, source_id FROM articles");
        Assert.Equal("环球时报", row.OriginalOutlet);
        Assert.Equal("王五", row.ResponsibleEditor);
        Assert.Empty(row.Authors);
        Assert.Null(row.SourceId); // the outlet that published the original is not the site we scraped
    }

    [Fact]
    public async Task A_feed_file_gives_one_article_per_item_and_a_bad_item_fails_alone()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        folder.Write("feed.json", """
            {"version": "https://jsonfeed.org/version/1.1", "title": "示例新闻", "language": "zh-CN",
             "items": [
               {"id": "a", "url": "https://news.example.cn/a.html", "title": "第一条", "content_html": "<p>第一条的正文。</p>"},
               42,
               {"id": "c", "url": "https://news.example.cn/c.html", "title": "第三条", "content_html": "<p>第三条的正文。</p>"}
             ]}
            """);

        var counts = await host.IngestAsync(folder.Path);

        Assert.Equal("read 3, new 2, updated 0, unchanged 0, failed 1", counts.ToString());
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(["第一条", "第三条"], await c.QueryAsync<string>("SELECT title FROM articles ORDER BY title"));
        var failure = await c.QuerySingleAsync<(string Path, string Reason)>("SELECT path, reason FROM failed_inputs");
        Assert.EndsWith("feed.json#2", failure.Path);
        Assert.Contains("not an object", failure.Reason);
        Assert.Equal("read 3, new 0, updated 0, unchanged 2, failed 1", (await host.IngestAsync(folder.Path)).ToString());
        Assert.Equal(["a", "c"], await c.QueryAsync<string>("SELECT guid FROM articles ORDER BY guid"));
    }

    [Fact]
    public async Task A_scraped_html_page_is_stored_with_its_metadata_and_teasers_apart()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        folder.Write("page.html", """
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>中俄两军高层再次会谈_示例新闻网</title>
            <meta property="og:site_name" content="示例新闻网"></head><body>
            <div class="nav"><a href="/">首页</a> <a href="/mil">军事</a> <a href="/world">国际</a></div>
            <div class="article"><h1>中俄两军高层再次会谈</h1>
            <div class="info">2023-11-09 08:30:00 来源：环球时报 作者：张三</div>
            <p>据中国国防部官方公众号9日发布的消息，当地时间8日，俄罗斯总统普京在莫斯科会见到访的中央军委副主席张又侠。</p>
            <p>专家表示，中俄两军高层十天内两次会谈，释放出加强战略沟通的信号，双方军事交流日益密切，互信也在不断增强。</p>
            <p>分析认为，这是计划内的安排，而非临时安排，两军关系是两国关系高水平和特殊性的重要标志。</p>
            <p class="editor">责任编辑：李四</p></div>
            <div class="related"><h3>相关文章</h3><ul><li><a href="/a/1.html">麦迪观战中国女篮</a></li><li><a href="/a/2.html">全国田径大奖赛肇庆鸣枪</a></li></ul></div>
            <div class="footer">版权所有 示例新闻网</div></body></html>
            """);

        var counts = await host.IngestAsync(new NewsPortal.Ingestion.IngestOptions([folder.Path], "https://news.example.cn/mil/20231109/1.html", null, null));

        Assert.Equal(1, counts.New);
        await using var c = await db.DataSource.OpenConnectionAsync();
        var row = await c.QuerySingleAsync<(long Id, string Title, string BodyText, string InputFormat, string? OriginalOutlet, string? ResponsibleEditor, string[] Authors, DateTime PublishedAt)>(
            "SELECT id, title, body_text, input_format, original_outlet, responsible_editor, authors, published_at FROM articles");
        Assert.Equal("中俄两军高层再次会谈", row.Title);
        Assert.Equal("html-page", row.InputFormat);
        Assert.StartsWith("据中国国防部", row.BodyText);
        Assert.DoesNotContain("首页", row.BodyText);
        Assert.DoesNotContain("麦迪", row.BodyText);
        Assert.DoesNotContain("责任编辑", row.BodyText);
        Assert.Equal("环球时报", row.OriginalOutlet);
        Assert.Equal("李四", row.ResponsibleEditor);
        Assert.Equal(["张三"], row.Authors);
        Assert.Equal(new DateTime(2023, 11, 9, 0, 30, 0, DateTimeKind.Utc), row.PublishedAt); // 08:30 China time
        var teasers = (await c.QueryAsync<(string Title, string Url)>("SELECT title, url FROM article_site_teasers WHERE article_id = @Id ORDER BY position", new { row.Id })).ToList();
        Assert.Equal([("麦迪观战中国女篮", "https://news.example.cn/a/1.html"), ("全国田径大奖赛肇庆鸣枪", "https://news.example.cn/a/2.html")], teasers);
    }
}
