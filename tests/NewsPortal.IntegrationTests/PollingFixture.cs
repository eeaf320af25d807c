using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Core.Storage;
using NewsPortal.Ingestion.Polling;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// A test database, a loopback feed server, and the ingestion service on a clock the test moves:
/// one poll pass at a time, no waiting for real schedules.
/// </summary>
public sealed class PollingFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    private readonly bool _ownsDb;

    private PollingFixture(TestDatabase db, bool ownsDb, LoopbackFeedServer server, IngestionHost host, ManualClock clock)
    {
        _ownsDb = ownsDb;
        Db = db;
        Server = server;
        Host = host;
        Clock = clock;
    }

    public TestDatabase Db { get; }
    public LoopbackFeedServer Server { get; }
    public IngestionHost Host { get; }
    public ManualClock Clock { get; }

    public FeedSubscriptionStore Feeds => Host.Services.GetRequiredService<FeedSubscriptionStore>();

    public static async Task<PollingFixture> CreateAsync(IReadOnlyDictionary<string, string?>? settings = null, TestDatabase? db = null)
    {
        var ownsDb = db is null;
        db ??= await TestDatabase.CreateAsync();
        var clock = new ManualClock(Start);
        return new PollingFixture(db, ownsDb, await LoopbackFeedServer.StartAsync(), new IngestionHost(db, clock: clock, settings: settings), clock);
    }

    public async Task<string> SubscribeAsync(string path, string? outlet = null)
    {
        var url = Server.Url(path);
        await Feeds.AddAsync(url, outlet, Interval, Clock.Now, CancellationToken.None);
        return url;
    }

    public Task<PollCounts> PollAsync() => Host.Services.GetRequiredService<FeedPoller>().PollDueAsync("ingest --poll --once (test)", CancellationToken.None);

    public async Task<FeedSubscription> FeedAsync(string url) => (await Feeds.FindAsync(url, CancellationToken.None))!;

    /// <summary>An RSS 2.0 feed of items (id, title, text) at news.example.cn.</summary>
    public static string Rss(params (string Id, string Title, string Text)[] items)
    {
        var xml = new StringBuilder("""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>测试新闻网</title><link>https://news.example.cn/</link><language>zh-cn</language>

            """);
        foreach (var (id, title, text) in items)
        {
            xml.Append($"""
                <item><title>{title}</title><link>https://news.example.cn/a/{id}.html</link><guid>news-{id}</guid>
                <pubDate>Sun, 22 Nov 2026 07:00:00 GMT</pubDate><description><![CDATA[<p>{text}</p>]]></description></item>

                """);
        }
        return xml.Append("</channel></rss>\n").ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Server.DisposeAsync();
        if (_ownsDb) await Db.DisposeAsync();
    }
}
