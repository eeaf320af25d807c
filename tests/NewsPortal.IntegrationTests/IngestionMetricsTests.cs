using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Ingestion;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class IngestionMetricsTests
{
    [Fact]
    public async Task Feed_polls_are_counted_by_result_on_the_ingestion_meter()
    {
        await using var f = await PollingFixture.CreateAsync();
        using var recorded = new MeterRecorder(f.Host.Services.GetRequiredService<IMeterFactory>(), IngestionMetrics.MeterName);
        var feed = new ServedFeed(Encoding.UTF8.GetBytes(PollingFixture.Rss(("1", "第一条新闻", "北京时间今天上午发生的第一件事。"))));
        f.Server.Handle("/rss.xml", feed.HandleAsync);
        f.Server.Handle("/gone.xml", context => { context.Response.StatusCode = 500; return Task.CompletedTask; });
        await f.SubscribeAsync("/rss.xml");
        await f.SubscribeAsync("/gone.xml");

        await f.PollAsync();
        f.Clock.Advance(PollingFixture.Interval);
        await f.PollAsync();

        Assert.Equal(1, recorded.Sum("newsportal.poll.results", "result", "changed"));
        Assert.Equal(1, recorded.Sum("newsportal.poll.results", "result", "not_modified"));
        Assert.Equal(1, recorded.Sum("newsportal.poll.results", "result", "failed"));
    }

    [Fact]
    public async Task An_ingest_run_counts_items_read_stored_and_failed_and_its_batches()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var recorded = new MeterRecorder(host.Services.GetRequiredService<IMeterFactory>(), IngestionMetrics.MeterName);
        using var folder = new TempFolder();
        folder.Write("one.md", "[德国最大网商被告上法庭](https://www.dw.com/zh/a-1)\n------\n\n<p>德国最大的网商正在接受法庭审查，此案涉及数以千计的卖家。</p>\n");
        folder.Write("two.md", "[法院周一开庭审理此案](https://www.dw.com/zh/a-2)\n------\n\n<p>法院周一开庭，审理一桩涉及网上商店和数千名消费者的案件。</p>\n");
        folder.Write("empty.md", "");

        Assert.Equal("read 3, new 2, updated 0, unchanged 0, failed 1", (await host.IngestAsync(folder.Path)).ToString());
        Assert.Equal("read 3, new 0, updated 0, unchanged 2, failed 1", (await host.IngestAsync(folder.Path)).ToString());

        Assert.Equal(6, recorded.Sum("newsportal.ingest.items.read"));
        Assert.Equal(2, recorded.Sum("newsportal.ingest.items.stored", "result", "new"));
        Assert.Equal(2, recorded.Sum("newsportal.ingest.items.stored", "result", "unchanged"));
        Assert.Equal(2, recorded.Sum("newsportal.ingest.items.failed"));
        Assert.Equal(4, recorded.Sum("newsportal.ingest.batch.size"));
    }
}
