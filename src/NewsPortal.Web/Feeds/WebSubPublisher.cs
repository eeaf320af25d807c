using Microsoft.Extensions.Options;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Infrastructure;

namespace NewsPortal.Web.Feeds;

/// <summary>
/// Tells the WebSub hub (<c>Feeds:WebSubHub</c>) that the site's feeds changed: every
/// <c>Feeds:WebSubCheckSeconds</c> each web node reads the change stamp where readers read it (a
/// replica's stamp moves once it has the change, so the hub fetching the feed finds it), and the
/// node that claims a stamp newer than the last announced one (<see cref="WebSubPingStore"/>) posts
/// <c>hub.mode=publish</c> with <c>hub.url</c> for each of the site's feeds. Several nodes ping
/// once; a hub that fails is asked again at the next check.
/// </summary>
public sealed class WebSubPublisher(
    ReadDataSource reads, WebSubPingStore pings, IHttpClientFactory http, IOptions<WebSubOptions> options, IOptions<SiteOptions> site,
    ILogger<WebSubPublisher> logger) : BackgroundService
{
    public const string ClientName = "websub";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hub = options.Value.WebSubHub;
        if (hub.Length == 0) return;
        var every = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.WebSubCheckSeconds));
        var feeds = FeedChannel.SitePaths.Select(p => site.Value.BaseUrl.TrimEnd('/') + p).ToList();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, stoppingToken);
                var current = await reads.ReadAsync(dataSource => new SiteChangeStore(dataSource).ReadAsync(stoppingToken));
                if (await pings.AnnounceAsync(current.Stamp, ct => PingAsync(hub, feeds, ct), stoppingToken))
                    logger.LogInformation("Told the WebSub hub {Hub} of change {Stamp}", hub, current.Stamp);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A hub or a database away is logged and tried again; nothing here may stop the web app.
                logger.LogWarning("Telling the WebSub hub {Hub} failed ({Reason}); trying again at the next check", hub, e.Message);
            }
        }
    }

    private async Task PingAsync(string hub, IReadOnlyList<string> feeds, CancellationToken ct)
    {
        var client = http.CreateClient(ClientName);
        foreach (var feed in feeds)
        {
            using var response = await client.PostAsync(hub, new FormUrlEncodedContent([new("hub.mode", "publish"), new("hub.url", feed)]), ct);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"{(int)response.StatusCode} for {feed}", null, response.StatusCode);
        }
    }
}
