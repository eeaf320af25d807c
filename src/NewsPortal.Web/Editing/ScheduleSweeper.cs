using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Editing;

/// <summary>
/// Publishes and withdraws scheduled articles when their time comes, every
/// <c>Desk:ScheduleCheckSeconds</c> (5 unless set). Every web node runs it; the store's statements
/// change each row once, so two nodes at once do no harm and no node is special. A scheduled
/// article goes out at most that long after its time, and cached pages follow the change stamp
/// the update moves.
/// </summary>
public sealed class ScheduleSweeper(PublishScheduleStore schedule, TimeProvider time, IConfiguration configuration, ILogger<ScheduleSweeper> logger) : BackgroundService
{
    private readonly TimeSpan _every = TimeSpan.FromSeconds(Math.Max(0.1, configuration.GetValue("Desk:ScheduleCheckSeconds", 5.0)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_every, time);
        try
        {
            do
            {
                try
                {
                    var changed = await schedule.ApplyDueAsync(time.GetUtcNow(), stoppingToken);
                    if (changed > 0) logger.LogInformation("Schedule applied to {ArticleCount} article(s)", changed);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be away for a while: the next tick tries again.
                    logger.LogWarning("Applying the publication schedule failed ({Reason}); retrying in {Seconds} s", e.Message, _every.TotalSeconds);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Shutting down (or a start that failed): nothing to report.
        }
    }
}
