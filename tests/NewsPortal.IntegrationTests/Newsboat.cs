using System.Diagnostics;
using System.Text.Json;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// newsboat (Debian's package), a real terminal feed reader: it reloads one feed read from a file
/// (an <c>exec:</c> source, so no server is needed) into a cache of its own, logging what it could
/// not read; the items it kept (in an order of its own) are read back from that cache with the sqlite3 shell.
/// </summary>
public static class Newsboat
{
    public sealed record Item(string Guid, string Title, string Url);

    /// <param name="Errors">Lines newsboat logged as errors (an unreadable or unsupported feed).</param>
    public sealed record Result(IReadOnlyList<string> Errors, IReadOnlyList<Item> Items);

    public static async Task<Result> ReadAsync(byte[] feed)
    {
        var folder = Directory.CreateTempSubdirectory("newsportal-newsboat-").FullName;
        try
        {
            var file = Path.Combine(folder, "feed");
            await File.WriteAllBytesAsync(file, feed);
            await File.WriteAllTextAsync(Path.Combine(folder, "urls"), $"\"exec:cat {file}\"\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "config"), "");
            var log = Path.Combine(folder, "log");
            var cache = Path.Combine(folder, "cache.db");
            await RunAsync("newsboat", ["-u", Path.Combine(folder, "urls"), "-c", cache, "-C", Path.Combine(folder, "config"), "-x", "reload", "-l", "3", "-d", log]);
            var errors = File.Exists(log) ? File.ReadAllLines(log).Where(l => l.Contains("ERROR", StringComparison.Ordinal)).ToList() : [];
            var json = await RunAsync("sqlite3", ["-json", cache, "SELECT guid, title, url FROM rss_item"]);
            var items = string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<Item>>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
            return new Result(errors, items);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start (are the newsboat and sqlite3 packages installed?)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
