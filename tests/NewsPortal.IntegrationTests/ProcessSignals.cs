using System.Diagnostics;
using System.Globalization;

namespace NewsPortal.IntegrationTests;

/// <summary>Signals to the processes the tests start, as <c>docker stop</c> and systemd send them.</summary>
public static class ProcessSignals
{
    /// <summary>Sends SIGTERM (<c>kill -TERM</c>); returns once it is delivered, not once the process has ended.</summary>
    public static async Task SendSigtermAsync(this Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -TERM {process.Id} exited with {kill.ExitCode}");
    }
}
