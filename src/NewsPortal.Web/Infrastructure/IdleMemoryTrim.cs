using System.Runtime;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// Gives memory back once a burst of traffic is over. The GC sizes its budget for the load it last
/// saw and only collects when something allocates, and the server's buffer pools keep the blocks the
/// burst needed, so an idle node stayed 35–60 MB larger than before a burst, for as long as it stayed
/// idle (docs/operations.md, "Reliability"). When the node has allocated a good deal since the last
/// trim and then almost nothing for a few seconds (<see cref="IdleTrimDecision"/>), the idle buffer
/// blocks are dropped (<see cref="TrimmableMemoryPoolFactory"/>) and one aggressive full collection
/// compacts the heap and returns its free space to the system. <c>Memory:TrimWhenIdle=false</c> turns
/// it off.
/// </summary>
public sealed class IdleMemoryTrim(IConfiguration configuration, TrimmableMemoryPoolFactory pools, Metrics.PortalMetrics metrics, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Memory:TrimWhenIdle", true)) return;
        var decision = new IdleTrimDecision(Math.Max(1, configuration.GetValue("Memory:TrimBurstMegabytes", 256L)) << 20);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var last = GC.GetTotalAllocatedBytes();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = GC.GetTotalAllocatedBytes();
                var trim = decision.Tick(now - last);
                last = now;
                if (!trim) continue;
                try
                {
                    var before = Environment.WorkingSet;
                    var buffers = pools.Trim();
                    GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    metrics.MemoryTrimmed(before - Environment.WorkingSet);
                    logger.LogInformation("Idle after {Allocated} MB allocated: memory trimmed ({Buffers} KB of idle connection buffers), resident {Before} → {After} MB",
                        decision.LastBurst >> 20, buffers >> 10, before >> 20, Environment.WorkingSet >> 20);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A background service's exception would stop the host: a trim is never worth that.
                    logger.LogWarning("Memory trim failed ({Reason})", e.Message);
                }
                last = GC.GetTotalAllocatedBytes();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>
/// When <see cref="IdleMemoryTrim"/> trims, from what the process allocated each second: after at
/// least <paramref name="burstBytes"/> allocated since the last trim (<c>Memory:TrimBurstMegabytes</c>, 256), once <see cref="IdleTicks"/> seconds
/// in a row allocated under <see cref="IdleBytesPerTick"/> each (a node with requests in progress
/// allocates far more; its own timers far less), and at most once every <see cref="MinTicksBetween"/>
/// seconds, so that short pauses between bursts do not make it collect again and again.
/// </summary>
public sealed class IdleTrimDecision(long burstBytes)
{
    public const long IdleBytesPerTick = 1L << 20;
    public const int IdleTicks = 3;
    public const int MinTicksBetween = 30;

    private int _quiet;
    // The first trim may come as soon as a burst is over.
    private int _ticksSinceTrim = MinTicksBetween;

    /// <summary>Bytes allocated since the last trim (or the start).</summary>
    public long AllocatedSinceTrim { get; private set; }

    /// <summary>What was allocated between the last two trims (the burst the last one followed).</summary>
    public long LastBurst { get; private set; }

    /// <summary>One second's allocation; true when now is the time to trim.</summary>
    public bool Tick(long allocated)
    {
        AllocatedSinceTrim += Math.Max(0, allocated);
        _ticksSinceTrim++;
        _quiet = allocated < IdleBytesPerTick ? _quiet + 1 : 0;
        if (_quiet < IdleTicks || AllocatedSinceTrim < burstBytes || _ticksSinceTrim < MinTicksBetween) return false;
        (LastBurst, AllocatedSinceTrim, _ticksSinceTrim, _quiet) = (AllocatedSinceTrim, 0, 0, 0);
        return true;
    }
}
