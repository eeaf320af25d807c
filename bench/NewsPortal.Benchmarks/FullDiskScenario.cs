using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsPortal.Benchmarks;

/// <summary>
/// Reliability scenario (d): the web app's image cache on a 2 MB tmpfs, filled by thumbnail requests
/// for new images (a loopback origin serving a 75 KB JPEG under ever new addresses), then driven on
/// for a few seconds while full. Mounting needs root and a kernel that allows it; where it cannot
/// mount, one line says the scenario was not run and why (it never counts as passed).
/// </summary>
internal static partial class FullDiskScenario
{
    private const string Title = "(d) full disk";
    private const int Connections = 8;
    private const int Images = 2000;
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan WhileFull = TimeSpan.FromSeconds(5);
    // Any key of 32 characters or more: the scenario signs its own addresses as ImageSigner does.
    private const string SigningKey = "reliability-suite-full-disk-scenario-signing-key";

    public static async Task RunAsync(string webDll, string connectionString)
    {
        if (Environment.UserName != "root")
        {
            Console.WriteLine($"{Title}: not run: mounting a tmpfs needs root (running as {Environment.UserName})");
            return;
        }
        var cache = Directory.CreateTempSubdirectory("newsportal-reliability-cache.").FullName;
        if (Run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", cache) is { } refused)
        {
            Console.WriteLine($"{Title}: not run: mount -t tmpfs was refused ({refused})");
            Directory.Delete(cache);
            return;
        }
        var image = await File.ReadAllBytesAsync(ReliabilitySuite.RepoFile("docs/screenshots/readme-front.jpg"));
        using var origin = new HttpListener();
        var originPort = ThrowawayCluster.FreePort();
        origin.Prefixes.Add($"http://127.0.0.1:{originPort}/");
        Process? web = null;
        try
        {
            origin.Start();
            _ = ServeAsync(origin, image);
            var baseUri = new Uri($"http://127.0.0.1:{ThrowawayCluster.FreePort()}/");
            var warnings = 0;
            var fullAt = double.NaN;
            var load = new LoadDriver(baseUri, Thumbnails(originPort), Connections);
            web = ReliabilitySuite.StartWeb(webDll, connectionString, baseUri, settings: new Dictionary<string, string>
            {
                ["Images__CacheDirectory"] = cache,
                ["Images__SigningKey"] = SigningKey,
                ["Images__AllowLoopbackPortsForTests__0"] = originPort.ToString(CultureInfo.InvariantCulture),
                ["Metrics__Prometheus"] = "true",
            }, output: line =>
            {
                if (!line.Contains("Image cache write failed", StringComparison.Ordinal)) return;
                Interlocked.Increment(ref warnings);
                if (double.IsNaN(fullAt)) fullAt = load.Now;
            });
            if (!await LoadDriver.WaitForAsync(new Uri(baseUri, "/healthz"), TimeSpan.FromSeconds(90)))
            {
                Console.WriteLine($"{Title}: the web app did not answer 200 on /healthz within 90 s");
                return;
            }
            Console.WriteLine($"{Title}: the image cache on a 2 MB tmpfs, {Connections} connections on thumbnails of new images until it is full, then {WhileFull.TotalSeconds:F0} s on:");
            using var stop = new CancellationTokenSource();
            var startedAt = load.Now;
            var running = load.RunAsync(Longest, stop.Token);
            while (!running.IsCompleted && (double.IsNaN(fullAt) || load.Now - fullAt < WhileFull.TotalSeconds)) await Task.Delay(100);
            await stop.CancelAsync();
            await running;
            var elapsed = load.Now - startedAt;

            var drive = new DriveInfo(cache);
            var usedMb = (drive.TotalSize - drive.AvailableFreeSpace) / 1048576.0;
            using var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
            var health = await StatusAsync(client, "/healthz");
            var fresh = await StatusAsync(client, Sign($"http://127.0.0.1:{originPort}/after-the-run.jpg"));
            // Left, not in flight: requests the driver gave up on at its stop may still be writing.
            await Task.Delay(TimeSpan.FromSeconds(1));
            var temporary = Directory.EnumerateFiles(cache, "*.tmp", SearchOption.AllDirectories).Count();
            Console.WriteLine($"  {load.Summary(elapsed)}");
            Console.WriteLine($"  errors (not 200): {load.Outcomes.Where(o => o.Key != "200").Sum(o => o.Value)}; " +
                (double.IsNaN(fullAt) ? "the cache never filled; " : $"cache full {fullAt - startedAt:F1} s in; ") +
                $"{usedMb:F1} MB of {drive.TotalSize / 1048576.0:F1} MB used; write failures {await WriteFailuresAsync(client)} (newsportal.images.cache_failures), " +
                $"warnings logged {warnings}; .tmp files left {temporary}");
            Console.WriteLine($"  web app up after: {(web.HasExited ? $"no (exited {web.ExitCode})" : "yes")}, /healthz {health}, a new image's thumbnail {fresh}");
        }
        finally
        {
            if (web is not null) await ReliabilitySuite.StopAsync(web);
            origin.Close();
            if (Run("umount", cache) is { } busy) Console.WriteLine($"  umount {cache}: {busy}");
            else Directory.Delete(cache);
        }
    }

    /// <summary>Signed thumbnail addresses of <see cref="Images"/> different image URLs, each a new cache entry.</summary>
    private static List<string> Thumbnails(int originPort) =>
        [.. Enumerable.Range(0, Images).Select(i => Sign($"http://127.0.0.1:{originPort}/photo-{i}.jpg"))];

    /// <summary>The proxy's thumbnail address for <paramref name="url"/>, made as ImageSigner makes it: HMAC-SHA256 of width and URL.</summary>
    private static string Sign(string url)
    {
        const int width = 240;
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningKey), Encoding.UTF8.GetBytes($"{width}\n{url}"));
        return $"/img/{Base64Url.EncodeToString(mac.AsSpan(0, 16))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(url))}?w={width}";
    }

    private static async Task ServeAsync(HttpListener origin, byte[] image)
    {
        while (origin.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await origin.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                context.Response.ContentType = "image/jpeg";
                context.Response.ContentLength64 = image.Length;
                try
                {
                    await context.Response.OutputStream.WriteAsync(image);
                }
                catch (Exception e) when (e is HttpListenerException or IOException) { }
                context.Response.Close();
            });
        }
    }

    private static async Task<string> StatusAsync(HttpClient client, string path)
    {
        try
        {
            return ((int)(await client.GetAsync(path)).StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.GetType().Name;
        }
    }

    /// <summary>The web app's count of failed cache writes, from its Prometheus endpoint.</summary>
    private static async Task<string> WriteFailuresAsync(HttpClient client)
    {
        try
        {
            var text = await client.GetStringAsync("/metrics");
            var match = WriteFailureLine().Match(text);
            return match.Success ? match.Groups[1].Value : "0";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return "unknown";
        }
    }

    [GeneratedRegex("""^newsportal_images_cache_failures_total\{[^}]*operation="write"[^}]*\} (\S+)""", RegexOptions.Multiline)]
    private static partial Regex WriteFailureLine();

    /// <summary>Runs a command; null when it succeeded, else what it said.</summary>
    private static string? Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"exit {process.ExitCode}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return e.Message;
        }
    }
}
