using System.Diagnostics;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Sends a child process's standard output and/or error to a file instead of a pipe, which is all
/// <see cref="Process"/> offers: the program is started through <c>sh</c>, which opens the files and
/// execs it, so the process is still the program itself (its pid, its exit code). <c>/dev/full</c>,
/// where every write fails with "No space left on device", stands for a file on a full disk.
/// </summary>
public static class OutputFiles
{
    public const string FullDisk = "/dev/full";

    public static void Redirect(ProcessStartInfo start, string? stdout, string? stderr)
    {
        if (stdout is null && stderr is null) return;
        var program = start.FileName;
        var args = start.ArgumentList.ToList();
        start.FileName = "sh";
        start.ArgumentList.Clear();
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("o=$1 e=$2; shift 2; exec \"$@\"" + (stdout is null ? "" : " >\"$o\"") + (stderr is null ? "" : " 2>\"$e\""));
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(stdout ?? "");
        start.ArgumentList.Add(stderr ?? "");
        start.ArgumentList.Add(program);
        foreach (var arg in args) start.ArgumentList.Add(arg);
    }
}
