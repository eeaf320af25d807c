using System.Runtime.InteropServices;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): what one
/// input's parsing cost, which other processes sharing the cores do not inflate (the parse time
/// limit, the evaluation's timings). Elsewhere, wall time.
/// </summary>
public static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan Now()
    {
        if (!OperatingSystem.IsLinux()) return System.Diagnostics.Stopwatch.GetElapsedTime(0);
        ClockGetTime(ClockThreadCpuTimeId, out var spec);
        return TimeSpan.FromTicks(spec.Seconds * TimeSpan.TicksPerSecond + spec.Nanoseconds / 100);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out TimeSpec spec);
}
