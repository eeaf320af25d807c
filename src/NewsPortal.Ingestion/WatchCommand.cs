using Microsoft.Extensions.Logging;
using NewsPortal.Core.Storage;

namespace NewsPortal.Ingestion;

/// <summary>
/// <c>ingest --watch DIR</c>: ingests files as a scraper drops them. A file is taken once it has
/// stopped changing (its modification time is older than the settle time and its size held since
/// the last scan), so half-written files are left alone; names a writer uses while writing
/// (<c>.tmp</c>, <c>.part</c>) are skipped. What was handled is recorded by path, size and time, so a
/// restart skips it, and a file changed since is taken again. A crash between ingesting and
/// recording only means the next scan ingests again, which the store makes a no-op.
/// </summary>
public sealed class WatchCommand(IngestCommand ingest, WatchedInputStore watched, StandardOutput output, ILogger<WatchCommand> logger)
{
    private static readonly string[] WritingSuffixes = [".tmp", ".part", ".partial", ".crdownload", ".download", ".swp"];

    /// <summary>The longest wait between scans while the database does not answer.</summary>
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    public sealed record Options(string Folder, TimeSpan Interval, TimeSpan Settle, bool Once)
    {
        /// <summary><c>--watch DIR [--interval SECONDS] [--settle SECONDS] [--once]</c>.</summary>
        public static Options Parse(IReadOnlyList<string> args)
        {
            string? folder = null;
            double interval = 5, settle = 2;
            var once = false;
            for (var i = 0; i < args.Count; i++)
            {
                string Value() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{args[i]} needs a value");
                double Seconds() => double.TryParse(Value(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 0
                    ? s : throw new UsageException($"{args[i - 1]} needs a number of seconds");
                switch (args[i])
                {
                    case "--watch": folder = Value(); break;
                    case "--interval": interval = Seconds(); break;
                    case "--settle": settle = Seconds(); break;
                    case "--once": once = true; break;
                    default: throw new UsageException($"--watch takes one folder and --interval/--settle/--once, not {args[i]}");
                }
            }
            if (folder is null) throw new UsageException("--watch needs a folder");
            return new Options(folder, TimeSpan.FromSeconds(Math.Max(interval, 0.1)), TimeSpan.FromSeconds(settle), once);
        }
    }

    public async Task<IngestCounts> RunAsync(Options options, CancellationToken ct)
    {
        var folder = Path.GetFullPath(options.Folder);
        if (!Directory.Exists(folder)) throw new UsageException($"--watch: {folder} is not a folder");
        var lastSizes = new Dictionary<string, long>();
        var total = new IngestCounts(0, 0, 0, 0, 0);
        logger.LogInformation("Watching {Folder} every {Interval} s", folder, options.Interval.TotalSeconds);
        var pause = TimeSpan.Zero;
        while (true)
        {
            try
            {
                var counts = await ScanAsync(folder, options.Settle, lastSizes, ct);
                total = Sum(total, counts);
                if (counts.Read > 0) output.Report(counts.ToString());
                pause = TimeSpan.Zero;
            }
            catch (IngestStoppedException stopped)
            {
                // Stopped mid-scan: what the ingest had read is stored. The scan's files are not recorded
                // as handled, so the next start reads them again and what was stored comes back unchanged.
                output.Report($"stopped: {stopped.Counts}");
                return Sum(total, stopped.Counts);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return total;
            }
            catch (Exception e) when (!options.Once && TransientDatabaseError.Is(e))
            {
                // The database went away for longer than a batch waits (a run's own retries), or
                // between runs: a watcher outlives it and scans again; what was not recorded as
                // handled is taken again, which the store makes a no-op.
                pause = pause == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
                logger.LogWarning("Database error while watching {Folder}: {Reason}; scanning again in {DelaySeconds} s", folder, e.Message, pause.TotalSeconds);
            }
            if (options.Once) return total;
            try
            {
                await Task.Delay(pause > options.Interval ? pause : options.Interval, ct);
            }
            catch (OperationCanceledException)
            {
                return total;
            }
        }
    }

    private async Task<IngestCounts> ScanAsync(string folder, TimeSpan settle, Dictionary<string, long> lastSizes, CancellationToken ct)
    {
        var handled = await watched.UnderAsync(folder, ct);
        var ready = new List<WatchedInput>();
        var now = DateTimeOffset.UtcNow;
        foreach (var path in InputFiles.Expand([folder]))
        {
            if (WritingSuffixes.Any(s => path.EndsWith(s, StringComparison.OrdinalIgnoreCase))) continue;
            var info = new FileInfo(path);
            if (!info.Exists) continue;
            var seen = new WatchedInput(path, info.Length, new DateTimeOffset(info.LastWriteTimeUtc));
            if (handled.TryGetValue(path, out var before) && before.Size == seen.Size && SameTime(before.ModifiedAt, seen.ModifiedAt)) continue;
            var steady = !lastSizes.TryGetValue(path, out var lastSize) || lastSize == seen.Size;
            lastSizes[path] = seen.Size;
            if (now - seen.ModifiedAt < settle || !steady) continue; // still being written
            ready.Add(seen);
        }
        if (ready.Count == 0) return new IngestCounts(0, 0, 0, 0, 0);
        var counts = await ingest.RunAsync(new IngestOptions([.. ready.Select(r => r.Path)], null, null, null), $"ingest --watch {folder}", ct);
        // Stored: recorded as handled whatever a stop says now.
        await watched.MarkHandledAsync(ready, CancellationToken.None);
        return counts;
    }

    private static IngestCounts Sum(IngestCounts a, IngestCounts b) =>
        new(a.Read + b.Read, a.New + b.New, a.Updated + b.Updated, a.Unchanged + b.Unchanged, a.Failed + b.Failed);

    // PostgreSQL keeps microseconds; file systems may keep more.
    private static bool SameTime(DateTimeOffset stored, DateTimeOffset seen) => Math.Abs((stored - seen).TotalMilliseconds) < 1;
}
