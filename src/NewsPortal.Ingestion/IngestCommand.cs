using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Storage;
using NewsPortal.Ingestion.Polling;
using Npgsql;

namespace NewsPortal.Ingestion;

/// <summary>
/// <c>ingest PATH...</c> and <c>ingest --retry-failed</c>. Inputs are read and parsed on one thread
/// per processor and handed, in input order, to one <see cref="ArticleBatchWriter"/> that stores them in
/// batches; every item is stored or recorded as failed (reason and bytes) on its own, and the rest go on.
/// </summary>
public sealed class IngestCommand(
    NpgsqlDataSource dataSource, OutletDirectory outlets, ParserOptions parserOptions, ArticleStore articles, SourceStore sources,
    NearDuplicateStore nearDuplicates, Core.Stories.StoryAssigner stories, IngestRunStore runs, FeedSubscriptionStore feeds, IEnumerable<IArticleBatchStep> batchSteps,
    IOptions<IngestBatchOptions> batchOptions, IngestionMetrics metrics, ILogger<IngestCommand> logger)
{
    // Parsed inputs waiting for the writer, per parsing thread: enough to keep both sides busy.
    private const int QueuedPerParser = 16;

    private readonly IReadOnlyList<IArticleBatchStep> _batchSteps = [.. batchSteps];

    public async Task<IngestCounts> RunAsync(IngestOptions options, string commandLine, CancellationToken ct)
    {
        var files = InputFiles.Expand(options.Paths).ToList();
        if (options.Url is not null && files.Count > 1)
            throw new UsageException("--url names one article; give it with a single input file");

        var runId = await runs.StartAsync(commandLine, ct);
        return await RunAsync(runId, files, parsers => path =>
        {
            var (result, raw) = ReadAndParse(parsers, path, options, batchOptions.Value.MaxInputBytes, ct);
            return StagedInput.Of(Path.GetFullPath(path), result, raw, null, runId, modifiedAt: ModifiedAt(path));
        }, ct);
    }

    /// <summary>
    /// <c>ingest --retry-failed</c>: every unresolved, retriable failure not dismissed is parsed again from
    /// its bytes (after a parser fix, say), or, when it was refused unread, from its file. What now
    /// succeeds is stored and marked resolved.
    /// </summary>
    public async Task<IngestCounts> RetryFailedAsync(string commandLine, CancellationToken ct)
    {
        var runId = await runs.StartAsync(commandLine, ct);
        // Not cancelled: once the run is recorded, a stop closes it as interrupted (in RunAsync), not half-open.
        var failures = await runs.UnresolvedAsync(CancellationToken.None);
        // A polled feed's failure is named by its URL; its subscription gives the outlet (looked up
        // here, as the parsing threads do no database work).
        var subscriptions = new Dictionary<string, FeedSubscription?>(StringComparer.Ordinal);
        foreach (var failure in failures)
        {
            var path = PathOf(failure.Path).Path;
            if (FeedPoller.IsFeedUrl(path) && !subscriptions.ContainsKey(path)) subscriptions[path] = await feeds.FindAsync(path, CancellationToken.None);
        }
        return await RunAsync(runId, failures, parsers => failure =>
        {
            var (path, item) = PathOf(failure.Path);
            if (subscriptions.TryGetValue(path, out var subscription))
            {
                // Bytes a feed URL served are read as a feed or not at all: an error page never becomes an article.
                var feed = parsers.ParseFeed(failure.Raw, FeedPoller.OriginOf(path, subscription), failure.Charset);
                return StagedInput.Of(path, feed, failure.Raw, item, runId, failure.Charset);
            }
            if (failure.Raw.Length == 0)
            {
                // Refused unread (over the size limit, say): read the file again, under today's limit.
                var (result, raw) = ReadAndParse(parsers, path, new IngestOptions([path], null, null, null), batchOptions.Value.MaxInputBytes, ct);
                return StagedInput.Of(path, result, raw, item, runId, modifiedAt: ModifiedAt(path));
            }
            var origin = File.Exists(path + InputFiles.SidecarSuffix)
                ? InputFiles.OriginOf(path, new IngestOptions([path], null, null, null))
                : new InputOrigin(path);
            return StagedInput.Of(path, parsers.Parse(failure.Raw, origin, cancellationToken: ct), failure.Raw, item, runId);
        }, ct);
    }

    // FILE#N names item N of a multi-item input; the whole file's bytes were kept.
    private static (string Path, int? Item) PathOf(string failurePath)
    {
        var hash = failurePath.LastIndexOf('#');
        return hash > 0 && int.TryParse(failurePath[(hash + 1)..], out var n) ? (failurePath[..hash], n) : (failurePath, null);
    }

    /// <summary>
    /// Stores the items of one parsed input under <paramref name="name"/> for run <paramref name="runId"/>
    /// (from <see cref="IngestRunStore.StartAsync"/>): for callers that fetch their own inputs, such as
    /// a feed poller. Items are named as <c>ingest</c> names them (<c>NAME</c>, or <c>NAME#N</c> for item N
    /// of a multi-item input); failures are recorded with <paramref name="raw"/> and the
    /// <paramref name="charset"/> the transport declared for it, for a retry.
    /// </summary>
    public async Task<IngestCounts> StoreParsedAsync(long runId, string name, ParseResult result, byte[]? raw, CancellationToken ct, string? charset = null)
    {
        await using var writer = NewWriter(runId);
        await writer.AddAsync(StagedInput.Of(name, result, raw, null, runId, charset), ct);
        await writer.CompleteAsync(ct);
        return writer.Counts;
    }

    private ArticleBatchWriter NewWriter(long runId) =>
        new(dataSource, articles, sources, runs, nearDuplicates, stories, _batchSteps, batchOptions.Value, runId, metrics, logger);

    /// <summary>
    /// Stages the inputs on the parsing threads (each with parsers of its own: AngleSharp's parsers
    /// are not made to be shared between threads) and stores them in input order.
    /// </summary>
    private async Task<IngestCounts> RunAsync<T>(long runId, IReadOnlyList<T> inputs, Func<ParserSelector, Func<T, StagedInput>> stage, CancellationToken ct)
    {
        var options = batchOptions.Value;
        var started = Stopwatch.GetTimestamp();
        long parseTicks = 0;
        Func<T, StagedInput> NewParser()
        {
            var work = stage(ParserSelector.Create(outlets, parserOptions));
            return input =>
            {
                var t = Stopwatch.GetTimestamp();
                try
                {
                    return work(input);
                }
                finally
                {
                    Interlocked.Add(ref parseTicks, Stopwatch.GetTimestamp() - t);
                }
            };
        }

        await using var writer = NewWriter(runId);
        var stopped = false;
        try
        {
            // A stop (ct: SIGTERM, Ctrl+C) ends the reading of inputs, not the storing: the batch being
            // stored commits rather than rolling back half-way, and what was read waits in the writer
            // to be stored with it. The database's own errors still end the run.
            try
            {
                await foreach (var staged in OrderedParallel.SelectAsync(inputs, NewParser, options.ParserCount, QueuedPerParser, ct))
                    await writer.AddAsync(staged, CancellationToken.None);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                stopped = true;
            }
            await writer.CompleteAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The writer's batches end first: one still open holds the run's row (its heartbeat).
            await writer.DisposeAsync();
            await InterruptAsync(runId, writer.Counts, e is OperationCanceledException ? StoppedReason : $"{e.GetType().Name}: {e.Message}");
            throw;
        }

        var counts = writer.Counts;
        if (stopped)
        {
            await InterruptAsync(runId, counts, StoppedReason);
            logger.LogWarning("Run {RunId} stopped before its end: {Counts}; the same inputs ingested again store the rest", runId, counts);
            throw new IngestStoppedException(runId, counts, ct);
        }
        // The work is done whatever a stop says now: the run records it.
        await new DatabaseRetry(logger).RunAsync("finishing the run", () => runs.FinishAsync(runId, counts, CancellationToken.None), null, CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(started);
        // Where the time went: parsing is summed over the parsing threads; storing is the writer's.
        logger.LogInformation(
            "Run {RunId}: {Items} items from {Inputs} inputs in {Seconds:F1} s ({ItemsPerSecond:F0}/s); parsing {ParseSeconds:F1} s on {Parsers} threads, storing {StoreSeconds:F1} s in {Batches} batches (of which waiting for links {LinkWaitSeconds:F1} s), linking {LinkSeconds:F1} s alongside",
            runId, counts.Read, inputs.Count, elapsed.TotalSeconds, counts.Read / Math.Max(elapsed.TotalSeconds, 1e-3),
            Stopwatch.GetElapsedTime(0, parseTicks).TotalSeconds, options.ParserCount, writer.StoreTime.TotalSeconds, writer.Batches, writer.LinkWaitTime.TotalSeconds, writer.LinkTime.TotalSeconds);
        return counts;
    }

    // A copy's file time orders it among the copies of its article when the item states no time of
    // its own that tells them apart (ArticleVersion).
    private static DateTimeOffset? ModifiedAt(string path) =>
        File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) : null;

    private const string StoppedReason = "stopped (cancelled)";

    // A run that stops on an error or a signal says so, if the database still answers; one that
    // cannot is closed as abandoned by the next run to start.
    private async Task InterruptAsync(long runId, IngestCounts counts, string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await runs.InterruptAsync(runId, counts, reason, timeout.Token);
        }
        catch (Exception closing) when (closing is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            logger.LogWarning("Run {RunId} could not be closed as interrupted ({Reason}); the next run closes it", runId, closing.Message);
        }
    }

    private static (ParseResult Result, byte[]? Raw) ReadAndParse(ParserSelector parsers, string path, IngestOptions options, long maxBytes, CancellationToken ct)
    {
        try
        {
            var raw = InputFiles.Read(path, maxBytes);
            return (parsers.Parse(raw, InputFiles.OriginOf(path, options), cancellationToken: ct), raw);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return (ParseResult.Failed("unknown", e is InvalidDataException ? e.Message : $"cannot read: {e.Message}"), null);
        }
    }
}
