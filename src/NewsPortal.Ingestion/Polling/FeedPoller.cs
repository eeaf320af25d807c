using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Polling;
using NewsPortal.Core.Storage;
using Npgsql;

namespace NewsPortal.Ingestion.Polling;

/// <summary>
/// One pass over the feeds that are due: each is claimed, fetched with its validators, and its
/// body — when there is a new one — goes through the same parser selection and item storing as a
/// file, named by its URL. A 304 (or the very same bytes again) only moves the schedule on; an
/// error is counted and pushes the next poll back (<see cref="PollSchedule"/>).
/// </summary>
public sealed class FeedPoller(
    FeedSubscriptionStore feeds, FeedFetcher fetcher, ParserSelector parsers, IngestCommand ingest, IngestRunStore runs,
    NpgsqlDataSource dataSource, TimeProvider clock, IOptions<PollingOptions> options, IngestionMetrics metrics, ILogger<FeedPoller> logger)
{
    /// <summary>How long a claimed feed is kept from other pollers; longer than any one fetch may take.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    public static bool IsFeedUrl(string path) =>
        path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>A polled body's origin: its URL (the base for relative links) and the subscription's outlet.</summary>
    public static InputOrigin OriginOf(string url, FeedSubscription? feed) => new(url, url, feed?.OutletName);

    public async Task<PollCounts> PollDueAsync(string commandLine, CancellationToken ct)
    {
        var pass = new Pass(commandLine);
        var now = clock.GetUtcNow();
        using var slots = new SemaphoreSlim(options.Value.Parallelism);
        var polls = new List<Task>();
        try
        {
            while (true)
            {
                await slots.WaitAsync(ct);
                // One at a time, so that whatever is claimed is being polled (and released on shutdown).
                var leaseUntil = clock.GetUtcNow() + ClaimLease;
                var claimed = await feeds.ClaimDueAsync(now, leaseUntil, 1, ct);
                if (claimed.Count == 0)
                {
                    slots.Release();
                    break;
                }
                polls.Add(PollReleasingAsync(claimed[0], leaseUntil, pass, slots, ct));
            }
            await Task.WhenAll(polls);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await InterruptAsync(pass, polls, e);
            throw;
        }
        if (pass.RunId is { } runId) await runs.FinishAsync(runId, pass.Items, ct);
        return new PollCounts(pass.Polled, pass.NotModified, pass.Changed, pass.Failed, pass.Items);
    }

    // The polls in flight end first; then the pass's run, if it opened one, says why it stopped. One
    // that cannot say so (the database gone) is closed as abandoned by the next run to start.
    private async Task InterruptAsync(Pass pass, List<Task> polls, Exception e)
    {
        try
        {
            await Task.WhenAll(polls);
        }
        catch (Exception poll) when (poll is not OutOfMemoryException)
        {
            // The pass ends on the first error; this one is in its log line already or goes with it.
        }
        if (pass.RunId is not { } runId) return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await runs.InterruptAsync(runId, pass.Items, e is OperationCanceledException ? "stopped (cancelled)" : $"{e.GetType().Name}: {e.Message}", timeout.Token);
        }
        catch (Exception closing) when (closing is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            logger.LogWarning("Run {RunId} could not be closed as interrupted ({Reason}); the next run closes it", runId, closing.Message);
        }
    }

    private sealed class Pass(string commandLine)
    {
        public readonly string CommandLine = commandLine;
        public readonly SemaphoreSlim StoreLock = new(1);
        public long? RunId;
        public int Polled, NotModified, Changed, Failed;
        public IngestCounts Items = new(0, 0, 0, 0, 0);
    }

    private async Task PollReleasingAsync(FeedSubscription feed, DateTimeOffset leaseUntil, Pass pass, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            await Task.Yield(); // the claim loop goes on while this feed is fetched
            await PollAsync(feed, pass, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutdown mid-poll: the feed is due as it was, not after the lease.
            await feeds.ReleaseAsync(feed.Id, leaseUntil, feed.NextPollAt, CancellationToken.None);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task PollAsync(FeedSubscription feed, Pass pass, CancellationToken ct)
    {
        var response = await fetcher.FetchAsync(feed.Url, feed.Etag, feed.LastModified, ct);
        var polledAt = clock.GetUtcNow();
        Interlocked.Increment(ref pass.Polled);
        var url = feed.Url;
        if (response.MovedTo is { } movedTo && movedTo != feed.Url)
        {
            // Followed only when every hop was permanent; a temporary one leaves the subscription alone.
            if (await feeds.MoveAsync(feed.Id, movedTo, ct)) url = movedTo;
            logger.LogWarning("Feed {FeedUrl} moved permanently to {NewUrl}{Kept}", feed.Url, movedTo, url == movedTo ? "" : " (another subscription has that URL: kept)");
        }
        switch (response.Kind)
        {
            case FeedResponseKind.NotModified:
                Interlocked.Increment(ref pass.NotModified);
                metrics.FeedPolled(IngestionMetrics.PollResult.NotModified);
                await SucceedAsync(feed, url, new PollOutcome(polledAt, PollSchedule.AfterSuccess(polledAt, feed.Interval), 304)
                {
                    Etag = response.Etag, LastModified = response.LastModified,
                }, ct);
                logger.LogDebug("Feed {FeedUrl}: not modified", url);
                return;
            case FeedResponseKind.Failed:
                await FailAsync(feed, url, pass, polledAt, response.Status, response.Error!, response.RetryAfter, ct);
                return;
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(response.Body));
        var success = new PollOutcome(polledAt, PollSchedule.AfterSuccess(polledAt, feed.Interval), response.Status)
        {
            Etag = response.Etag, LastModified = response.LastModified, BodySha256 = sha,
        };
        if (sha == feed.BodySha256)
        {
            // A server that ignores conditional requests: the same bytes are a 304 in all but name.
            Interlocked.Increment(ref pass.NotModified);
            metrics.FeedPolled(IngestionMetrics.PollResult.NotModified);
            await SucceedAsync(feed, url, success, ct);
            logger.LogDebug("Feed {FeedUrl}: the same body as last time", url);
            return;
        }
        // Fetches overlap, parsing does not: the parsers (AngleSharp's among them) are one instance
        // per process here and are not made to be shared between threads.
        ParseResult result;
        await pass.StoreLock.WaitAsync(ct);
        try
        {
            result = parsers.ParseFeed(response.Body, OriginOf(url, feed), response.Charset);
        }
        finally
        {
            pass.StoreLock.Release();
        }
        var counts = await StoreAsync(url, result, response, pass, ct);
        if (!result.Succeeded)
        {
            await FailAsync(feed, url, pass, polledAt, response.Status, result.Error!, null, ct);
            return;
        }
        Interlocked.Increment(ref pass.Changed);
        metrics.FeedPolled(IngestionMetrics.PollResult.Changed);
        // The items are stored: a stop requested now must not leave the feed looking unpolled (its
        // validators unsaved, its success unrecorded), so this short write is not cancelled.
        await SucceedAsync(feed, url, success with { ItemCount = result.Items.Count }, CancellationToken.None);
        logger.LogInformation("Feed {FeedUrl}: {ItemCount} item(s), {Counts}", url, result.Items.Count, counts.ToString());
    }

    // Items are stored one input at a time, as files are; only the fetching runs in parallel.
    private async Task<IngestCounts> StoreAsync(string url, ParseResult result, FeedResponse response, Pass pass, CancellationToken ct)
    {
        await pass.StoreLock.WaitAsync(ct);
        try
        {
            // An ingest run is opened only when a poll brings something to store or to keep as failed.
            pass.RunId ??= await runs.StartAsync(pass.CommandLine, ct);
            var counts = await ingest.StoreParsedAsync(pass.RunId.Value, url, result, response.Body, ct, response.Charset);
            var t = pass.Items;
            pass.Items = new IngestCounts(t.Read + counts.Read, t.New + counts.New, t.Updated + counts.Updated, t.Unchanged + counts.Unchanged, t.Failed + counts.Failed);
            return counts;
        }
        finally
        {
            pass.StoreLock.Release();
        }
    }

    private async Task SucceedAsync(FeedSubscription feed, string url, PollOutcome outcome, CancellationToken ct)
    {
        await feeds.RecordSuccessAsync(feed.Id, outcome, ct);
        if (feed.ErrorCount == 0) return;
        // The feed reads again: a failure of the feed as a whole (an error page, say) is settled.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await runs.ResolveFailuresAsync(connection, null, feed.Url == url ? [url] : [url, feed.Url], ct);
    }

    private async Task FailAsync(FeedSubscription feed, string url, Pass pass, DateTimeOffset polledAt, int? status, string error, string? retryAfterHeader, CancellationToken ct)
    {
        Interlocked.Increment(ref pass.Failed);
        metrics.FeedPolled(IngestionMetrics.PollResult.Failed);
        var errors = feed.ErrorCount + 1;
        // Retry-After counts only where the protocol gives it that meaning for an error: 429 and 503.
        var retryAfter = status is 429 or 503 ? PollSchedule.RetryAfter(retryAfterHeader, polledAt) : null;
        var next = PollSchedule.AfterError(polledAt, feed.Interval, errors, retryAfter);
        await feeds.RecordErrorAsync(feed.Id, new PollOutcome(polledAt, next, status) { Error = error }, ct);
        logger.LogWarning("Feed {FeedUrl} failed ({ErrorCount} in a row): {Reason}; next poll at {NextPollAt:u}", url, errors, error, next);
    }
}
