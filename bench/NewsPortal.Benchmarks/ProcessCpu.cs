using System.Globalization;
using System.Runtime.InteropServices;

namespace NewsPortal.Benchmarks;

/// <summary>
/// CPU seconds, which contention for the machine does not inflate the way it inflates wall time:
/// of this process's finished children (getrusage), and of a local PostgreSQL cluster (its
/// postmaster, the backends it has reaped, and those still running, read from /proc).
/// </summary>
internal static class ProcessCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeVal
    {
        public long Seconds;
        public long Microseconds;
    }

    // struct rusage: two timevals, then 14 longs this class does not read.
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct RUsage
    {
        public TimeVal User;
        public TimeVal System;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, out RUsage usage);

    /// <summary>User plus system seconds of every child process that has exited and been waited for.</summary>
    public static double OfFinishedChildren()
    {
        const int children = -1; // RUSAGE_CHILDREN
        if (GetRUsage(children, out var usage) != 0) return double.NaN;
        return usage.User.Seconds + usage.User.Microseconds / 1e6 + usage.System.Seconds + usage.System.Microseconds / 1e6;
    }

    /// <summary>User plus system seconds of a local PostgreSQL cluster so far, or NaN when it cannot be read.</summary>
    public static double OfPostgres(int postmasterPid)
    {
        const double ticks = 100; // USER_HZ, 100 on Linux
        var own = Stat(postmasterPid);
        if (own is null) return double.NaN;
        // utime, stime, cutime, cstime: the postmaster's own time and that of backends it reaped.
        var total = own[11] + own[12] + own[13] + own[14];
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == postmasterPid) continue;
            var stat = Stat(pid);
            if (stat is not null && stat[1] == postmasterPid) total += stat[11] + stat[12];
        }
        return total / ticks;
    }

    /// <summary>User plus system seconds of one running process so far, or NaN when it cannot be read.</summary>
    public static double OfProcess(int pid) => Stat(pid) is { } stat ? (stat[11] + stat[12]) / 100.0 : double.NaN; // USER_HZ ticks

    /// <summary>The parent of a process (the postmaster, for a backend's pid).</summary>
    public static int ParentOf(int pid) => Stat(pid) is { } stat ? (int)stat[1] : 0;

    // Fields of /proc/PID/stat after the command name, numbered from the state field (index 0): ppid is 1, utime 11.
    private static long[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return [.. fields.Select(f => long.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0)];
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
