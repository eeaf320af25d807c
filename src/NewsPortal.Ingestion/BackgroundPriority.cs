using System.Runtime.InteropServices;

namespace NewsPortal.Ingestion;

/// <summary>
/// Lowers the scheduling priority of the calling thread, for work that runs ahead of what waits on
/// it (parsing, ahead of storing). <see cref="Thread.Priority"/> does nothing on Linux, where the
/// nice value is a per-thread attribute that setpriority(2) sets for the calling thread.
/// </summary>
internal static class BackgroundPriority
{
    // Weight 110 against 1,024 for a thread at 0 (the kernel's table): a thread at 10 gets about a
    // tenth of a core that a thread at 0 also wants, and all of a core nothing else wants.
    private const int Nice = 10;

    private const int PrioProcess = 0;

    public static void ApplyToCurrentThread()
    {
        if (OperatingSystem.IsLinux())
        {
            // Best effort: a refusal leaves the thread as it was, which is only slower.
            _ = setpriority(PrioProcess, 0, Nice);
        }
        else
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, int who, int prio);
}
