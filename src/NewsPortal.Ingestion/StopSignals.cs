using System.Runtime.InteropServices;

namespace NewsPortal.Ingestion;

/// <summary>
/// SIGTERM (docker stop, systemd) and SIGINT (Ctrl+C) ask the command to stop: the first cancels
/// <see cref="Token"/>, and the command ends the work in hand (an ingest stores what it has read and
/// records its run as interrupted; a watcher does the same for its scan; a poller gives back the
/// feeds it was fetching). A second signal is left to its default action, which ends the process at
/// once: what was committed stays, and the next run closes the open run as abandoned. (A container's
/// first process is spared default actions by the kernel: there the runtime's SIGKILL after its
/// grace period is what ends a stop that takes too long.)
/// </summary>
public sealed class StopSignals : IDisposable
{
    // 128 + the signal's number: what a shell reports for a process the signal ended, so a caller
    // sees the same code whether the process stopped itself or was ended by the signal.
    public const int SigIntExitCode = 130;
    public const int SigTermExitCode = 143;

    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _sigterm;
    private readonly PosixSignalRegistration _sigint;
    private volatile int _exitCode = SigIntExitCode;

    public StopSignals()
    {
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, SigTermExitCode));
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, SigIntExitCode));
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>The exit code of a command the first signal stopped before its end.</summary>
    public int ExitCode => _exitCode;

    private void Stop(PosixSignalContext context, int exitCode)
    {
        if (_stop.IsCancellationRequested) return;
        context.Cancel = true;
        _exitCode = exitCode;
        _stop.Cancel();
    }

    public void Dispose()
    {
        _sigterm.Dispose();
        _sigint.Dispose();
        _stop.Dispose();
    }
}
