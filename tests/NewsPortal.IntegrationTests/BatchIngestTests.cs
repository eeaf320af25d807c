using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Storage;
using NewsPortal.Ingestion;
using Npgsql;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>Ingestion stores in batches; every item must still come out as if stored one after another.</summary>
public sealed class BatchIngestTests
{
    private sealed record Item(string Id, string Title, string Body = "正文。", string[]? Tags = null);

    private static string JsonFeed(params Item[] items) => JsonSerializer.Serialize(new
    {
        version = "https://jsonfeed.org/version/1.1",
        title = "示例新闻",
        language = "zh-CN",
        items = items.Select(i => new
        {
            id = i.Id, url = $"https://news.example.cn/{i.Id}.html", title = i.Title,
            content_html = $"<p>{i.Body}</p>", tags = i.Tags ?? [],
        }),
    });

    private static Dictionary<string, string?> BatchSize(int size) => new() { ["Ingest:BatchSize"] = size.ToString() };

    [Fact]
    public async Task A_new_databases_articles_get_planner_statistics_after_the_first_batch()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var c = await db.DataSource.OpenConnectionAsync())
            Assert.True(await c.ExecuteScalarAsync<bool>("SELECT reltuples < 0 FROM pg_class WHERE oid = 'articles'::regclass"));
        await using var host = new IngestionHost(db, settings: BatchSize(2));
        using var folder = new TempFolder();
        folder.Write("a.json", JsonFeed(new Item("x", "第一条"), new Item("y", "第二条"), new Item("z", "第三条")));

        Assert.Equal("read 3, new 3, updated 0, unchanged 0, failed 0", (await host.IngestAsync(folder.Path)).ToString());

        // Analyzed by the run (autovacuum's launcher would take up to a minute): what the planner
        // knows of the story column is what the list heads' statements are planned from.
        await using var check = await db.DataSource.OpenConnectionAsync();
        Assert.True(await check.ExecuteScalarAsync<bool>("SELECT reltuples >= 2 FROM pg_class WHERE oid = 'articles'::regclass"));
        Assert.True(await check.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_stats WHERE tablename = 'articles' AND attname = 'story_id')"));
    }

    [Fact]
    public async Task The_same_article_twice_in_one_batch_is_stored_as_if_one_after_the_other()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        folder.Write("a.json", JsonFeed(new Item("x", "第一版")));
        folder.Write("b.json", JsonFeed(new Item("x", "第二版"), new Item("y", "另一条")));
        folder.Write("c.json", JsonFeed(new Item("x", "第二版")));

        var counts = await host.IngestAsync(folder.Path);

        Assert.Equal("read 4, new 2, updated 1, unchanged 1, failed 0", counts.ToString());
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(["另一条", "第二版"], await c.QueryAsync<string>("SELECT title FROM articles ORDER BY title"));
        var log = await c.QueryAsync<(string Action, string Title)>("""
            SELECT r.action, r.title FROM article_revisions r JOIN articles a ON a.id = r.article_id
            WHERE a.guid = 'x' ORDER BY r.id
            """);
        Assert.Equal([("ingested", "第一版"), ("source-updated", "第二版")], log);
        // The unchanged third arrival wrote nothing: the article still names the input that last changed it.
        Assert.EndsWith("b.json#1", await c.ExecuteScalarAsync<string>("SELECT input_path FROM articles WHERE guid = 'x'"));
    }

    [Fact]
    public async Task A_value_the_database_refuses_fails_only_its_item_and_the_rest_of_the_batch_is_stored()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        folder.Write("a.json", JsonFeed(new Item("a1", "第一条"), new Item("a2", "坏\u0000标题"), new Item("a3", "第三条")));
        var tagged = folder.Write("b.json", JsonFeed(new Item("b1", "带坏标签", Tags: ["国际", "x\u0000y"]), new Item("b2", "第五条")));
        folder.Write("c.txt", FeedDumpItems.Item(1));

        var counts = await host.IngestAsync(folder.Path);

        Assert.Equal("read 6, new 4, updated 0, unchanged 0, failed 2", counts.ToString());
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(["a1", "a3", "b2", null], await c.QueryAsync<string?>("SELECT guid FROM articles ORDER BY guid"));
        Assert.Equal(4, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_revisions"));
        Assert.Equal(2, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_images"));
        var failures = (await c.QueryAsync<(string Path, string Reason, byte[] Raw)>("SELECT path, reason, raw FROM failed_inputs ORDER BY path")).ToList();
        Assert.Equal(["a.json#2", "b.json#1"], failures.Select(f => Path.GetFileName(f.Path)));
        Assert.All(failures, f => Assert.StartsWith("feed-file: rejected by the database:", f.Reason));
        Assert.Equal(File.ReadAllBytes(tagged), failures[1].Raw);

        // Again: the good items are unchanged, the bad ones fail again and keep one open record each.
        Assert.Equal("read 6, new 0, updated 0, unchanged 4, failed 2", (await host.IngestAsync(folder.Path)).ToString());
        Assert.Equal(2, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM failed_inputs WHERE resolved_at IS NULL"));
    }

    [Fact]
    public async Task New_updated_and_unchanged_are_counted_exactly_across_batch_boundaries()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db, settings: BatchSize(7));
        using var folder = new TempFolder();
        for (var i = 0; i < 10; i++) folder.Write($"dump-{i:00}.txt", FeedDumpItems.Item(i));
        var items = Enumerable.Range(0, 15).Select(i => new Item($"f{i:00}", $"第{i}条快讯")).ToList();
        folder.Write("feed.json", JsonFeed([.. items]));
        Assert.Equal("read 25, new 25, updated 0, unchanged 0, failed 0", (await host.IngestAsync(folder.Path)).ToString());

        // Two dumps and two feed items change, three feed items are added, the rest come back as they were.
        folder.Write("dump-03.txt", FeedDumpItems.Item(3, "（更新）"));
        folder.Write("dump-08.txt", FeedDumpItems.Item(8, "（更新）"));
        items[6] = items[6] with { Body = "更正后的正文。" };
        items[13] = items[13] with { Title = "第13条快讯（更新）" };
        items.AddRange(Enumerable.Range(15, 3).Select(i => new Item($"f{i:00}", $"第{i}条快讯")));
        folder.Write("feed.json", JsonFeed([.. items]));
        var counts = await host.IngestAsync(folder.Path);

        Assert.Equal("read 28, new 3, updated 4, unchanged 21, failed 0", counts.ToString());
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal((28, 3, 4, 21, 0), await c.QuerySingleAsync<(int, int, int, int, int)>(
            "SELECT read_count, new_count, updated_count, unchanged_count, failed_count FROM ingest_runs ORDER BY id DESC LIMIT 1"));
        Assert.Equal(28, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles"));
        Assert.Equal([("ingested", 28), ("source-updated", 4)],
            await c.QueryAsync<(string, int)>("SELECT action, count(*)::int FROM article_revisions GROUP BY action ORDER BY action"));
        // An updated dump's images were replaced, not added to.
        Assert.Equal(20, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_images"));
        Assert.Equal("更正后的正文。", await c.ExecuteScalarAsync<string>("SELECT body_text FROM articles WHERE guid = 'f06'"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public async Task Batch_size_does_not_change_what_is_stored(int batchSize)
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 4; i++) folder.Write($"a-dump-{i}.txt", FeedDumpItems.Item(i));
        folder.Write("b.json", JsonFeed(new Item("x", "第一版"), new Item("y", "坏\u0000标题"), new Item("z", "第三条")));
        folder.Write("c-dump-2-again.txt", FeedDumpItems.Item(2, "（更新）"));
        folder.Write("d.json", JsonFeed(new Item("x", "第二版"), new Item("w", "第四条")));

        async Task<string> StoreAndDescribeAsync(int size)
        {
            await using var db = await TestDatabase.CreateAsync();
            await using var host = new IngestionHost(db, settings: BatchSize(size));
            var counts = await host.IngestAsync(folder.Path);
            await using var c = await db.DataSource.OpenConnectionAsync();
            var articles = await c.QueryAsync<string>("""
                SELECT a.identity_key || ' ' || a.title || ' ' || a.content_hash || ' ' || coalesce(s.name, '-')
                       || ' images ' || (SELECT count(*) FROM article_images i WHERE i.article_id = a.id)
                       || ' revisions ' || (SELECT string_agg(r.action, ',' ORDER BY r.id) FROM article_revisions r WHERE r.article_id = a.id)
                FROM articles a LEFT JOIN sources s ON s.id = a.source_id ORDER BY a.identity_key
                """);
            var failures = await c.QueryAsync<string>("SELECT path FROM failed_inputs ORDER BY path");
            return string.Join('\n', [counts.ToString(), .. articles, .. failures.Select(Path.GetFileName)]);
        }

        var stored = await StoreAndDescribeAsync(batchSize);

        Assert.Equal(await StoreAndDescribeAsync(500), stored);
        Assert.StartsWith("read 10, new 7, updated 2, unchanged 0, failed 1", stored);
    }

    [Fact]
    public async Task Copies_changed_right_after_they_were_stored_are_relinked_while_their_batch_may_still_be_linking()
    {
        // Batches of one, so each arrival is its own batch and a change lands while the batch that
        // stored the copy is still waiting to be linked on the second connection.
        var story = string.Concat(Enumerable.Repeat("国家统计局今天发布数据显示，十月份全国规模以上工业增加值同比增长百分之五点三，比上月加快零点二个百分点。", 6));
        var other = string.Concat(Enumerable.Repeat("昨晚进行的中超联赛第二十轮比赛中，上海海港队坐镇主场以二比一逆转战胜北京国安队，继续领跑积分榜。", 6));
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db, settings: BatchSize(1));
        using var folder = new TempFolder();
        folder.Write("1.json", JsonFeed(new Item("a", "工业增加值增长", story)));
        folder.Write("2.json", JsonFeed(new Item("b", "转载：工业增加值增长", story)));
        folder.Write("3.json", JsonFeed(new Item("c", "再转载：工业增加值增长", story)));
        folder.Write("4.json", JsonFeed(new Item("b", "中超第二十轮", other)));
        folder.Write("5.json", JsonFeed(new Item("c", "再转载：工业增加值同比增长", story)));

        Assert.Equal("read 5, new 3, updated 2, unchanged 0, failed 0", (await host.IngestAsync(folder.Path)).ToString());

        await using var c = await db.DataSource.OpenConnectionAsync();
        var links = (await c.QueryAsync<(string Guid, long Id, long? DuplicateOf)>("SELECT guid, id, duplicate_of FROM articles ORDER BY guid"))
            .ToDictionary(r => r.Guid);
        Assert.Null(links["a"].DuplicateOf);
        Assert.Null(links["b"].DuplicateOf); // its text is another story now
        Assert.Equal(links["a"].Id, links["c"].DuplicateOf); // a new title, the same text
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_links_pending"));
        Assert.Equal(3, await c.ExecuteScalarAsync<int>("SELECT count(DISTINCT article_id) FROM article_band_keys"));
    }

    [Fact]
    public async Task An_article_another_connection_inserts_while_the_batch_is_copied_is_updated_and_nothing_is_lost()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        var paths = Enumerable.Range(0, 3).Select(i => folder.Write($"dump-{i}.txt", FeedDumpItems.Item(i))).ToList();
        var second = ParserSelector.CreateDefault().Parse(File.ReadAllBytes(paths[1]), new NewsPortal.Core.Articles.InputOrigin(paths[1])).Article!;

        // Another writer has inserted the second item's identity key and not committed yet: the
        // batch's look-up does not see the row, so the batch copies the item as new, and its COPY
        // waits on the unique index until that transaction ends.
        await using var other = await db.DataSource.OpenConnectionAsync();
        await using (var tx = await other.BeginTransactionAsync())
        {
            await other.ExecuteAsync("""
                INSERT INTO articles (identity_key, title, body_html, body_text, content_hash, input_path, input_format, listed_at)
                VALUES (@Key, '另一个写入者的版本', '<p>旧</p>', '旧', 'another writer', 'elsewhere', 'test', now())
                """, new { Key = ArticleIdentity.KeyOf(second) }, tx);
            var ingest = host.IngestAsync(folder.Path);
            await using var watch = await db.DataSource.OpenConnectionAsync();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline && !ingest.IsCompleted && await watch.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
                await Task.Delay(20);
            Assert.False(ingest.IsCompleted, "the batch did not wait for the other writer");
            await tx.CommitAsync();

            // The COPY then fails on the unique index; the batch is stored again item by item, and the
            // second item, now found stored with another content hash, updates that row.
            Assert.Equal("read 3, new 2, updated 1, unchanged 0, failed 0", (await ingest).ToString());
        }
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(3, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles"));
        Assert.Equal(second.Title, await c.ExecuteScalarAsync<string>(
            "SELECT title FROM articles WHERE identity_key = @Key", new { Key = ArticleIdentity.KeyOf(second) }));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM failed_inputs"));
    }

    private sealed class RecordingStep : IArticleBatchStep
    {
        public List<(List<StoredArticle> Changed, long VisibleInTransaction)> Calls { get; } = [];

        public async Task AfterUpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredArticle> changed, CancellationToken ct)
        {
            var visible = await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM articles WHERE id = ANY(@Ids)", new { Ids = changed.Select(s => s.Id).ToArray() }, transaction);
            Calls.Add(([.. changed], visible));
        }
    }

    [Fact]
    public async Task A_batch_step_gets_the_new_and_updated_articles_inside_the_batch_transaction()
    {
        await using var db = await TestDatabase.CreateAsync();
        var step = new RecordingStep();
        await using var host = new IngestionHost(db, settings: BatchSize(2), services: s => s.AddSingleton<IArticleBatchStep>(step));
        using var folder = new TempFolder();
        folder.Write("feed.json", JsonFeed(new Item("a", "第一条"), new Item("b", "第二条"), new Item("c", "第三条")));
        await host.IngestAsync(folder.Path);
        folder.Write("feed.json", JsonFeed(new Item("a", "第一条"), new Item("b", "第二条（更新）"), new Item("c", "第三条")));

        await host.IngestAsync(folder.Path);

        await using var c = await db.DataSource.OpenConnectionAsync();
        var ids = (await c.QueryAsync<(string Guid, long Id)>("SELECT guid, id FROM articles")).ToDictionary(r => r.Guid, r => r.Id);
        Assert.Equal(4, step.Calls.Count); // two batches per run: [a, b], [c]
        Assert.Equal([new StoredArticle(ids["a"], UpsertOutcome.New), new StoredArticle(ids["b"], UpsertOutcome.New)], step.Calls[0].Changed);
        Assert.Equal([new StoredArticle(ids["c"], UpsertOutcome.New)], step.Calls[1].Changed);
        Assert.Equal([new StoredArticle(ids["b"], UpsertOutcome.Updated)], step.Calls[2].Changed);
        Assert.Empty(step.Calls[3].Changed);
        Assert.Equal([2L, 1L, 1L, 0L], step.Calls.Select(call => call.VisibleInTransaction));
    }

    [Fact]
    public async Task A_parse_result_fetched_elsewhere_is_stored_under_its_name_for_a_run()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        var bytes = System.Text.Encoding.UTF8.GetBytes(JsonFeed(new Item("a", "第一条"), new Item("b", "坏\u0000标题")));
        const string name = "https://news.example.cn/feed.json";
        var result = ParserSelector.CreateDefault().Parse(bytes, new Core.Articles.InputOrigin(name, name));
        var runs = host.Services.GetRequiredService<IngestRunStore>();
        var runId = await runs.StartAsync("poll (test)", CancellationToken.None);

        var counts = await host.Services.GetRequiredService<IngestCommand>().StoreParsedAsync(runId, name, result, bytes, CancellationToken.None);

        Assert.Equal("read 2, new 1, updated 0, unchanged 0, failed 1", counts.ToString());
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal((name + "#1", runId), await c.QuerySingleAsync<(string, long)>("SELECT input_path, ingest_run_id FROM articles"));
        Assert.Equal((name + "#2", runId), await c.QuerySingleAsync<(string, long)>("SELECT path, ingest_run_id FROM failed_inputs"));
    }
}
