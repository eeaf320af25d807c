using System.Diagnostics;

namespace NewsPortal.IntegrationTests;

/// <summary>Runs the real ingestion service executable (as built beside the tests' own configuration).</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(string connectionString, string? stdin, IDictionary<string, string>? environment, params string[] args) =>
        RunAsync(connectionString, stdin, environment, null, null, args);

    /// <summary>With standard output, and standard error when <paramref name="stderrFile"/> is given, going to files (<see cref="OutputFiles"/>); what goes there is not in the result.</summary>
    public static Task<Result> RunWithOutputFilesAsync(string connectionString, string stdoutFile, string? stderrFile, params string[] args) =>
        RunAsync(connectionString, null, null, stdoutFile, stderrFile, args);

    private static async Task<Result> RunAsync(string connectionString, string? stdin, IDictionary<string, string>? environment,
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
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
