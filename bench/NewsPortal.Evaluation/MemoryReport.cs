namespace NewsPortal.Evaluation;

/// <summary>
/// Whether memory stays flat over the corpus: the live managed heap after the first pass and after
/// the last (a leak grows the second), and the collections the timed passes caused per generation
/// (full, gen2 collections are the ones that stall a long-running service).
/// </summary>
public sealed class MemoryReport
{
    private readonly int[] _countsAtStart = new int[3];
    private TimeSpan _pausedAtStart;

    public long AfterFirstPass { get; set; }

    public long AfterLastPass { get; set; }

    /// <summary>Collections of generation 0, 1 and 2 during the timed passes.</summary>
    public int[] Collections { get; } = new int[3];

    /// <summary>Time the runtime was paused for collections during the timed passes.</summary>
    public TimeSpan Paused { get; private set; }

    /// <summary>
    /// Managed heap still reachable: measured after a full collection, so what is only waiting to be
    /// collected does not count. Only ever called outside the counted passes.
    /// </summary>
    public static long LiveHeap() => GC.GetTotalMemory(forceFullCollection: true);

    public void StartCounting()
    {
        for (var gen = 0; gen < 3; gen++) _countsAtStart[gen] = GC.CollectionCount(gen);
        _pausedAtStart = GC.GetTotalPauseDuration();
    }

    public void StopCounting()
    {
        for (var gen = 0; gen < 3; gen++) Collections[gen] = GC.CollectionCount(gen) - _countsAtStart[gen];
        Paused = GC.GetTotalPauseDuration() - _pausedAtStart;
    }
}
