using System.Globalization;
using System.Net;
using Dapper;
using NewsPortal.Core.Text;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// An outlet held for review: its new items wait, unseen by readers, until an editor publishes them
/// (several in one POST). Scheduled publication and withdrawal take effect at their time, through
/// the page cache.
/// </summary>
public sealed class ReviewAndScheduleTests : IAsyncLifetime, IDisposable
{
    private readonly PortalFactory _portal = new();
    private readonly TempFolder _folder = new();

    // Holding an outlet for review is an admin's setting.
    public async Task InitializeAsync()
    {
        await _portal.InitializeAsync();
        await _portal.MakeEditorAdminAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    public void Dispose() => _folder.Dispose();

    private static readonly Dictionary<int, string> Paragraphs = new()
    {
        [1] = "北京今日天气晴朗，市民纷纷外出踏青，公园里游人如织，湖面上泛舟的人络绎不绝。",
        [2] = "上海举办国际车展，多家厂商发布新款电动汽车，吸引大量观众驻足参观并咨询价格。",
        [3] = "广州地铁新线路开通运营，沿线居民出行更加便利快捷，早高峰通勤时间明显缩短。",
        [9] = "成都大熊猫基地迎来新生幼崽，工作人员日夜精心照料，游客可通过直播观看成长过程。",
    };

    // A new item of the sample's outlet (its host), in the sample's format: another address, title and body.
    private static string NewItem(int n) => $"""
        <!--1699468744000-->
        [待审核的新文章{n}](https://www.voachinese.com/a/desk-review-{n}/73469{n:00}.html)
        ------

        <div><i>Wed, 08 Nov 2023 18:25:56 GMT</i></div><p>{Paragraphs[n]}</p>
        """;

    [Fact]
    public async Task Items_of_an_outlet_held_for_review_wait_unseen_until_published_together()
    {
        var client = new EditorClient(_portal);
        await client.SignInAsync();
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        var outlet = await c.ExecuteScalarAsync<long>("SELECT source_id FROM articles WHERE id = @Id", new { Id = _portal.FeedDumpId });
        var sources = await client.Http.GetDocumentAsync("/editor/sources");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/editor/sources/outlets/{outlet}/review", sources, ("hold", "true"))).StatusCode);

        foreach (var n in new[] { 1, 2, 3 }) _folder.Write($"item{n}.txt", NewItem(n));
        await using (var host = new IngestionHost(_portal.Database)) await host.IngestAsync(_folder.Path);

        var held = (await c.QueryAsync<(long Id, string Title)>("SELECT id, title FROM articles WHERE status = 'pending_review' ORDER BY title")).ToList();
        Assert.Equal(["待审核的新文章1", "待审核的新文章2", "待审核的新文章3"], held.Select(h => h.Title));
        var reader = _portal.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/articles/{held[0].Id}")).StatusCode);
        Assert.DoesNotContain("待审核的新文章", await reader.GetStringAsync("/"));
        Assert.DoesNotContain("待审核的新文章", await reader.GetStringAsync("/feeds/rss.xml"));

        var queue = await client.Http.GetDocumentAsync("/editor/review");
        Assert.Equal(3, queue.QuerySelectorAll(".review-items li").Length);
        var published = await client.PostAsync("/editor/review", queue,
            ("decision", "publish"), ("ids", held[0].Id.ToString(CultureInfo.InvariantCulture)), ("ids", held[1].Id.ToString(CultureInfo.InvariantCulture)));
        var rejected = await client.PostAsync("/editor/review", queue, ("decision", "reject"), ("ids", held[2].Id.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("已发布 2 篇", Uri.UnescapeDataString(published.Headers.Location!.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/articles/{held[0].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/articles/{held[1].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/articles/{held[2].Id}")).StatusCode);
        Assert.Contains("待审核的新文章1", await reader.GetStringAsync("/feeds/rss.xml"));
        Assert.Empty((await client.Http.GetDocumentAsync("/editor/review")).QuerySelectorAll(".review-items li"));
        Assert.Equal(["review-published", "review-published", "review-rejected"],
            await c.QueryAsync<string>("SELECT action FROM article_revisions WHERE action LIKE 'review-%' ORDER BY article_id"));
    }

    [Fact]
    public async Task An_outlet_not_held_publishes_at_once()
    {
        _folder.Write("item.txt", NewItem(9));
        await using (var host = new IngestionHost(_portal.Database)) await host.IngestAsync(_folder.Path);

        Assert.Contains("待审核的新文章9", await _portal.CreateClient().GetStringAsync("/"));
    }

    [Fact]
    public async Task A_scheduled_article_is_hidden_until_its_time_and_a_scheduled_withdrawal_hides_it_at_its_time()
    {
        var client = new EditorClient(_portal);
        await client.SignInAsync();
        var reader = _portal.CreateClient();
        var page = await client.Http.GetDocumentAsync($"/editor/articles/{_portal.FeedDumpId}/edit");
        // The front page is cached before the change: the schedule must reach it through the cache.
        Assert.Contains(Repo.FeedDumpTitle, await reader.GetStringAsync("/"));
        var publishAt = DateTimeOffset.UtcNow.AddSeconds(3);

        var scheduled = await client.PostAsync($"/editor/articles/{_portal.FeedDumpId}/schedule", page,
            ("publishAt", WallClock(publishAt)), ("withdrawAt", ""));

        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/articles/{_portal.FeedDumpId}")).StatusCode);
        Assert.DoesNotContain(Repo.FeedDumpTitle, await reader.GetStringAsync("/"));
        Assert.Contains("定时发布", (await client.Http.GetDocumentAsync($"/editor/articles/{_portal.FeedDumpId}/edit")).QuerySelector(".meta")!.TextContent);
        await WaitUntilAsync(async () => (await reader.GetAsync($"/articles/{_portal.FeedDumpId}")).StatusCode == HttpStatusCode.OK);
        Assert.True(DateTimeOffset.UtcNow >= publishAt.AddSeconds(-1), "published before its time");
        Assert.Contains(Repo.FeedDumpTitle, await reader.GetStringAsync("/"));

        var withdrawAt = DateTimeOffset.UtcNow.AddSeconds(2);
        await client.PostAsync($"/editor/articles/{_portal.FeedDumpId}/schedule", page, ("publishAt", ""), ("withdrawAt", WallClock(withdrawAt)));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/articles/{_portal.FeedDumpId}")).StatusCode);
        await WaitUntilAsync(async () => (await reader.GetAsync($"/articles/{_portal.FeedDumpId}")).StatusCode == HttpStatusCode.NotFound);
        Assert.DoesNotContain(Repo.FeedDumpTitle, await reader.GetStringAsync("/"));
    }

    // As a datetime-local field with seconds sends it, in China time.
    private static string WallClock(DateTimeOffset t) => ChinaTime.ToChinaTime(t).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    // The sweep runs every five seconds by default.
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the schedule did not take effect within 20 seconds");
            await Task.Delay(250);
        }
    }
}
