using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace NewsPortal.Benchmarks;

/// <summary>
/// Keeps N requests in flight against the web app on loopback for a while, one HttpClient with
/// SocketsHttpHandler (MaxConnectionsPerServer = N), and records every answer: its status or
/// exception, its latency, and when the last 200 and the first non-200 came.
/// </summary>
internal sealed class LoadDriver(Uri baseUri, IReadOnlyList<string> paths, int connections)
{
    private readonly ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<double> _latencies = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _requests;

    public long Requests => Interlocked.Read(ref _requests);
    public IReadOnlyDictionary<string, int> Outcomes => _outcomes;

    /// <summary>Times (seconds since the driver was made) of each 200 and each other answer, for recovery times.</summary>
    public ConcurrentQueue<(double At, bool Ok)> Timeline { get; } = new();

    public double Now => _clock.Elapsed.TotalSeconds;

    public async Task RunAsync(TimeSpan duration, CancellationToken stop = default)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(duration);
        var workers = Enumerable.Range(0, connections).Select(i => Task.Run(() => WorkAsync(client, i, timeout.Token))).ToList();
        await Task.WhenAll(workers);
    }

    private async Task WorkAsync(HttpClient client, int worker, CancellationToken token)
    {
        var random = new Random(worker);
        while (!token.IsCancellationRequested)
        {
            var path = paths[random.Next(paths.Count)];
            var started = Stopwatch.GetTimestamp();
            string outcome;
            try
            {
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, token);
                outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return; // the run ended with this request in flight: not an answer
            }
            catch (Exception e)
            {
                outcome = e.InnerException is { } inner ? $"{e.GetType().Name}/{inner.GetType().Name}" : e.GetType().Name;
            }
            _latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref _requests);
            _outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            Timeline.Enqueue((Now, outcome == "200"));
        }
    }

    public double Percentile(double p)
    {
        var sorted = _latencies.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    public string Summary(double seconds) =>
        $"requests {Requests:N0} ({Requests / seconds:F0}/s), answers: " +
        string.Join(", ", _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} ×{o.Value:N0}")) +
        $"; latency p50 {Percentile(0.5):F0} ms, p99 {Percentile(0.99):F0} ms, max {Percentile(1):F0} ms";

    public static async Task<bool> WaitForAsync(Uri uri, TimeSpan limit)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            try
            {
                if ((await client.GetAsync(uri)).StatusCode == HttpStatusCode.OK) return true;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        return false;
    }
}
