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
}
