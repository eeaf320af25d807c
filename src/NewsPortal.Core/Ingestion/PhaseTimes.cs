using System.Diagnostics;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Time and allocated bytes per parsing phase (decode, HTML parse, metadata, body, sanitize…),
/// summed over all inputs, in the order phases first ran. For profiling: production parsers get
/// none. The clock is wall time unless the caller gives another (the evaluation measures the
/// thread's CPU time, which other processes on the machine do not inflate).
/// </summary>
public sealed class PhaseTimes(Func<TimeSpan>? clock = null)
{
    private readonly Func<TimeSpan> _clock = clock ?? (() => Stopwatch.GetElapsedTime(0));
    private readonly List<string> _order = [];
    private readonly Dictionary<string, (TimeSpan Time, long Bytes)> _totals = new(StringComparer.Ordinal);

    public IReadOnlyList<(string Phase, TimeSpan Time, long AllocatedBytes)> Totals =>
        [.. _order.Select(p => (p, _totals[p].Time, _totals[p].Bytes))];

    public void Clear()
    {
        _order.Clear();
        _totals.Clear();
    }

    internal (TimeSpan Time, long Bytes) Now() => (_clock(), GC.GetAllocatedBytesForCurrentThread());

    internal void Add(string phase, TimeSpan time, long bytes)
    {
        if (!_totals.TryGetValue(phase, out var total)) _order.Add(phase);
        _totals[phase] = (total.Time + time, total.Bytes + bytes);
    }
}

/// <summary>Marks the end of each phase on a <see cref="PhaseTimes"/>; does nothing without one.</summary>
internal struct PhaseClock(PhaseTimes? times)
{
    private (TimeSpan Time, long Bytes) _last = times?.Now() ?? default;

    public void Lap(string phase)
    {
        if (times is null) return;
        var now = times.Now();
        times.Add(phase, now.Time - _last.Time, now.Bytes - _last.Bytes);
        _last = now;
    }
}
