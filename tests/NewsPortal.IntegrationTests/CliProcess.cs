using System.Diagnostics;

namespace NewsPortal.IntegrationTests;

/// <summary>Runs the real ingestion service executable (as built beside the tests' own configuration).</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>The service as a running process: signalled, awaited, and killed with its children on dispose.</summary>
    public sealed class Running : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _stdout;
        private readonly Task<string> _stderr;

        internal Running(Process process)
        {
            _process = process;
            _stdout = process.StandardOutput.ReadToEndAsync();
            _stderr = process.StandardError.ReadToEndAsync();
        }

        public int Id => _process.Id;

        public bool HasExited => _process.HasExited;

        public Task SendSigtermAsync() => _process.SendSigtermAsync();

        /// <summary>Its exit code and output once it has exited; a <see cref="TimeoutException"/> if it has not within <paramref name="within"/>.</summary>
        public async Task<Result> WaitForExitAsync(TimeSpan within)
        {
            await _process.WaitForExitAsync().WaitAsync(within);
            return new Result(_process.ExitCode, await _stdout, await _stderr);
        }

        /// <summary>SIGKILL, to it and its children: no code of its own runs.</summary>
        public async Task KillAsync()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await KillAsync();
            _process.Dispose();
        }
    }

    /// <summary>Starts <c>NewsPortal.Ingestion ARGS</c> on the database, with nothing on its standard input.</summary>
    public static Running Start(string connectionString, IDictionary<string, string>? environment, params string[] args) =>
        Launch(connectionString, null, environment, null, null, args);

    /// <summary>With standard output, and standard error when <paramref name="stderrFile"/> is given, going to files (<see cref="OutputFiles"/>); what goes there is not in the result.</summary>
    public static async Task<Result> RunWithOutputFilesAsync(string connectionString, string stdoutFile, string? stderrFile, params string[] args)
    {
        await using var process = Launch(connectionString, null, null, stdoutFile, stderrFile, args);
        return await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    private static Running Launch(string connectionString, string? stdin, IDictionary<string, string>? environment,
        string? stdoutFile, string? stderrFile, string[] args)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        var dll = Path.Combine(Repo.Root, "src", "NewsPortal.Ingestion", "bin", configuration, "net10.0", "NewsPortal.Ingestion.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__NewsPortal"] = connectionString;
        start.Environment.Remove("NEWSPORTAL_PASSWORD");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        OutputFiles.Redirect(start, stdoutFile, stderrFile);
        var process = Process.Start(start)!;
        var running = new Running(process); // reading its output before it may block on writing it
        if (stdin is not null) process.StandardInput.WriteLine(stdin);
        process.StandardInput.Close();
        return running;
    }

    /// <summary>Runs <c>NewsPortal.Ingestion ARGS</c> to its end (60 s at most); <paramref name="stdin"/>, when given, is its one line of input.</summary>
    public static async Task<Result> RunAsync(string connectionString, string? stdin, IDictionary<string, string>? environment, params string[] args)
    {
        await using var process = Launch(connectionString, stdin, environment, null, null, args);
        return await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
    }
}
