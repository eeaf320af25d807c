using System.Diagnostics;
using System.Globalization;

namespace NewsPortal.Benchmarks;

/// <summary>
/// (e) of the reliability suite: the parsers' fuzz tests (tests/NewsPortal.Core.Tests/Fuzzing) run
/// long, as their own documentation describes, and their reports printed here, so that one command
/// prints every reliability target. The fuzzer stays in the test project, where CI runs it short;
/// this only runs it with more inputs and reads the report it writes.
/// </summary>
internal static class FuzzScenario
{
    public static async Task<bool> RunAsync(int inputs)
    {
        Console.WriteLine($"(e) fuzzing the parsers: {inputs:N0} mutated inputs and {inputs / 4:N0} generated ones, every input format:");
        string project;
        try
        {
            project = ReliabilitySuite.RepoFile("tests/NewsPortal.Core.Tests/NewsPortal.Core.Tests.csproj");
        }
        catch (FileNotFoundException e)
        {
            Console.WriteLine($"  not run: {e.Message}");
            return false;
        }
        var log = Path.Combine(Path.GetTempPath(), $"newsportal-fuzz-{Environment.ProcessId}.log");
        File.Delete(log);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "test", project, "-c", "Release", "--nologo", "--filter", "FullyQualifiedName~Fuzzing&FullyQualifiedName!~Replays" })
            start.ArgumentList.Add(argument);
        start.Environment["NEWSPORTAL_FUZZ_INPUTS"] = inputs.ToString(CultureInfo.InvariantCulture);
        start.Environment["NEWSPORTAL_FUZZ_LOG"] = log;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync();
        try
        {
            // Each fuzz test appends its final report after a "final:" line (the progress reports before it are skipped).
            var lines = File.Exists(log) ? File.ReadAllLines(log) : [];
            var printing = false;
            foreach (var line in lines)
            {
                if (line == "final:") printing = true;
                else if (printing && line.Length > 0) Console.WriteLine("  " + line.TrimStart());
                if (line.StartsWith("slowest input", StringComparison.Ordinal)) printing = false;
            }
            if (!lines.Contains("final:")) Console.WriteLine("  the fuzz tests wrote no report");
        }
        finally
        {
            File.Delete(log);
        }
        var summary = output.LastOrDefault(l => l.Contains("Passed!", StringComparison.Ordinal) || l.Contains("Failed!", StringComparison.Ordinal))?.Trim();
        Console.WriteLine($"  dotnet test exited {process.ExitCode} after {watch.Elapsed.TotalSeconds:F0} s: {summary ?? "no summary line"}");
        if (process.ExitCode != 0)
            foreach (var line in output.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(10)) Console.WriteLine("  " + line.Trim());
        return process.ExitCode == 0;
    }
}
