using Microsoft.Extensions.Logging;
using NewsPortal.Core.Storage;

namespace NewsPortal.Ingestion.Polling;

/// <summary>
/// <c>ingest --poll [--once]</c>: polls the subscribed feeds as they fall due, until stopped
/// (SIGTERM or Ctrl+C end the wait at once; a fetch in flight is abandoned and its feed stays due).
/// With <c>--once</c> it polls what is due now and exits, for cron and tests.
/// </summary>
public sealed class PollCommand(FeedPoller poller, FeedSubscriptionStore feeds, TimeProvider clock, ILogger<PollCommand> logger)
{
    /// <summary>The longest sleep between passes, so that a feed added meanwhile is polled soon.</summary>
    public static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);

    public sealed record Options(bool Once)
    {
        public static Options Parse(IReadOnlyList<string> args)
        {
            var once = false;
            foreach (var arg in args)
            {
                switch (arg)
                {
                    case "--poll": break;
                    case "--once": once = true; break;
                    default: throw new UsageException($"--poll takes only --once, not {arg}");
                }
            }
            return new Options(once);
        }
    }

    /// <summary>Returns the number of failed polls and failed items over the whole run.</summary>
    public async Task<int> RunAsync(Options options, string commandLine, TextWriter stdout, CancellationToken ct)
    {
        var failures = 0;
        logger.LogInformation("Polling feeds{Mode}", options.Once ? " once" : "");
        try
        {
            var pause = TimeSpan.Zero;
            while (true)
            {
                TimeSpan wait;
                try
                {
                    var counts = await poller.PollDueAsync(commandLine, ct);
                    failures += counts.Failed + counts.Items.Failed;
                    if (counts.Polled > 0 || options.Once) stdout.WriteLine(counts.ToString());
                    if (options.Once) return failures;
                    var next = await feeds.NextDueAsync(ct);
                    wait = next is { } due ? due - clock.GetUtcNow() : MaxSleep;
                    pause = TimeSpan.Zero;
                }
                catch (Exception e) when (!options.Once && TransientDatabaseError.Is(e))
                {
                    // A poller outlives a database restart: the feeds it had claimed are due again
                    // when their lease ends, and items stored twice come back unchanged.
                    pause = pause == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxSleep.Ticks));
                    logger.LogWarning("Database error while polling: {Reason}; polling again in {DelaySeconds} s", e.Message, pause.TotalSeconds);
                    wait = pause;
                }
                await Task.Delay(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > MaxSleep ? MaxSleep : wait, clock, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogInformation("Polling stopped");
            return failures;
        }
    }
}
