using System.Collections.Concurrent;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Infrastructure;

namespace NewsPortal.Web.Popular;

/// <summary>
/// Counts article page views in memory and adds them to <c>article_views</c> every few seconds (and
/// when the node stops): a view costs no database write. Not counted: HEAD requests, signed-in
/// editors, and clients that say they are robots or scripts.
/// </summary>
public sealed class ViewCounter(ArticleViewStore store, TimeProvider time, IConfiguration configuration, ILogger<ViewCounter> logger) : BackgroundService
{
    /// <summary>How often views are added to the database: <c>Popular:FlushSeconds</c>, 5 unless set.</summary>
    public TimeSpan FlushEvery { get; } = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Popular:FlushSeconds", 5.0)));

    private ConcurrentDictionary<long, int> _pending = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);

    // Lower case; a User-Agent holding any of them is a robot, a crawler or a script.
    private static readonly string[] RobotMarks =
        ["bot", "spider", "crawl", "slurp", "curl", "wget", "python", "java/", "go-http", "okhttp", "libwww", "httpclient",
         "feedparser", "preview", "headless", "monitor", "scan", "wrk"];

    public void Count(HttpContext context, long articleId)
    {
        if (HeadRequestMiddleware.CameAsHead(context) || context.User.Identity?.IsAuthenticated == true || IsRobot(context.Request.Headers.UserAgent.ToString()))
            return;
        _pending.AddOrUpdate(articleId, 1, (_, n) => n + 1);
    }

    public static bool IsRobot(string userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return true;
        var ua = userAgent.ToLowerInvariant();
        return RobotMarks.Any(ua.Contains);
    }

    /// <summary>Adds the views counted so far, in the hour it is now.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            var counted = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<long, int>());
            if (counted.IsEmpty) return;
            var now = time.GetUtcNow();
            var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
            try
            {
                await store.AddAsync(hour, counted, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Kept for the next flush: a database restart loses no views.
                foreach (var (id, n) in counted) _pending.AddOrUpdate(id, n, (_, m) => m + n);
                logger.LogWarning(e, "Adding {Count} articles' page views failed; kept for the next try", counted.Count);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(CancellationToken.None);
    }
}
