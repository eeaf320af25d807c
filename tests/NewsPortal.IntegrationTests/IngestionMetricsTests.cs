using System.Collections.Concurrent;
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
        using var recorded = new Recorded(f.Host.Services.GetRequiredService<IMeterFactory>());
        var feed = new ServedFeed(Encoding.UTF8.GetBytes(PollingFixture.Rss(("1", "第一条新闻", "北京时间今天上午发生的第一件事。"))));
        f.Server.Handle("/rss.xml", feed.HandleAsync);
        f.Server.Handle("/gone.xml", context => { context.Response.StatusCode = 500; return Task.CompletedTask; });
        await f.SubscribeAsync("/rss.xml");
        await f.SubscribeAsync("/gone.xml");

        await f.PollAsync();
        f.Clock.Advance(PollingFixture.Interval);
        await f.PollAsync();

        Assert.Equal(1, recorded.Sum("newsportal.poll.results", "changed"));
        Assert.Equal(1, recorded.Sum("newsportal.poll.results", "not_modified"));
        Assert.Equal(1, recorded.Sum("newsportal.poll.results", "failed"));
    }

    /// <summary>What the instruments of one service provider's <c>NewsPortal.Ingestion</c> meter recorded (other tests' hosts run alongside).</summary>
    private sealed class Recorded : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, string? Result, long Value)> _values = new();

        public Recorded(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == IngestionMetrics.MeterName && instrument.Meter.Scope == scope) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                string? result = null;
                foreach (var tag in tags) if (tag.Key == "result") result = tag.Value as string;
                _values.Enqueue((instrument.Name, result, value));
            });
            _listener.Start();
        }

        public long Sum(string name, string result) => _values.Where(v => v.Name == name && v.Result == result).Sum(v => v.Value);

        public void Dispose() => _listener.Dispose();
    }
}
