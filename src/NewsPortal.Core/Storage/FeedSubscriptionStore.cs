using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>A polled feed with what its last polls saw.</summary>
public sealed record FeedSubscription(
    long Id, string Url, string AddedUrl, string? OutletName, int PollIntervalSeconds, string? Etag, string? LastModified,
    string? BodySha256, DateTimeOffset NextPollAt, DateTimeOffset? LastPolledAt, DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastErrorAt, string? LastError, int ErrorCount, int? LastStatus, int? LastItemCount)
{
    public TimeSpan Interval => TimeSpan.FromSeconds(PollIntervalSeconds);
}

/// <summary>What one poll of a feed came to, written back to its subscription.</summary>
public sealed record PollOutcome(DateTimeOffset PolledAt, DateTimeOffset NextPollAt, int? Status)
{
    /// <summary>Set for a failed poll: the reason editors see.</summary>
    public string? Error { get; init; }

    public string? Etag { get; init; }
    public string? LastModified { get; init; }
    public string? BodySha256 { get; init; }

    /// <summary>Items in the body read; null when no body was read (304, or the same bytes as before).</summary>
    public int? ItemCount { get; init; }
}

/// <summary>The feeds the ingestion service polls: subscriptions, the due queue and each poll's result.</summary>
public sealed class FeedSubscriptionStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, url, added_url, outlet_name, poll_interval_seconds, etag, last_modified, body_sha256, next_poll_at,
        last_polled_at, last_success_at, last_error_at, last_error, error_count, last_status, last_item_count
        """;

    /// <summary>
    /// Adds a feed, due at once; a feed already there (by its URL, or the URL it was added under
    /// before a permanent redirect) gets the new outlet and interval and keeps its state.
    /// </summary>
    public async Task<(FeedSubscription Feed, bool Created)> AddAsync(string url, string? outletName, TimeSpan interval, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var args = new { Url = url, OutletName = outletName, Seconds = (int)interval.TotalSeconds, Now = now };
        var updated = await connection.QuerySingleOrDefaultAsync<FeedSubscription>(new CommandDefinition($"""
            UPDATE feed_subscriptions SET outlet_name = COALESCE(@OutletName, outlet_name), poll_interval_seconds = @Seconds
            WHERE url = @Url OR added_url = @Url
            RETURNING {Columns}
            """, args, cancellationToken: ct));
        if (updated is not null) return (updated, false);
        var created = await connection.QuerySingleAsync<FeedSubscription>(new CommandDefinition($"""
            INSERT INTO feed_subscriptions (url, added_url, outlet_name, poll_interval_seconds, next_poll_at)
            VALUES (@Url, @Url, @OutletName, @Seconds, @Now)
            RETURNING {Columns}
            """, args, cancellationToken: ct));
        return (created, true);
    }

    public async Task<bool> RemoveAsync(string url, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM feed_subscriptions WHERE url = @Url OR added_url = @Url", new { Url = url }, cancellationToken: ct)) > 0;
    }

    /// <summary>Every feed; failing ones first, then by outlet and URL.</summary>
    public async Task<IReadOnlyList<FeedSubscription>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<FeedSubscription>(new CommandDefinition($"""
            SELECT {Columns} FROM feed_subscriptions
            ORDER BY error_count > 0 DESC, outlet_name NULLS LAST, url
            """, cancellationToken: ct))];
    }

    public async Task<FeedSubscription?> FindAsync(string url, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<FeedSubscription>(new CommandDefinition(
            $"SELECT {Columns} FROM feed_subscriptions WHERE url = @Url OR added_url = @Url ORDER BY url = @Url DESC LIMIT 1",
            new { Url = url }, cancellationToken: ct));
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> due feeds (not paused by an editor), moving their next poll to
    /// <paramref name="leaseUntil"/> so that another poller running at the same time skips them, and
    /// a poller that dies mid-poll delays them only that long. The rows come back as they were
    /// before the claim: <see cref="FeedSubscription.NextPollAt"/> is the time each was due.
    /// </summary>
    public async Task<IReadOnlyList<FeedSubscription>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // All parts of one statement share a snapshot: the final SELECT does not see the UPDATE.
        return [.. await connection.QueryAsync<FeedSubscription>(new CommandDefinition($"""
            WITH due AS (
                SELECT id FROM feed_subscriptions
                WHERE next_poll_at <= @Now AND NOT paused
                ORDER BY next_poll_at, id
                LIMIT @Limit
                FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE feed_subscriptions f SET next_poll_at = @LeaseUntil FROM due WHERE f.id = due.id RETURNING f.id
            )
            SELECT {Columns} FROM feed_subscriptions WHERE id IN (SELECT id FROM claimed)
            ORDER BY next_poll_at, id
            """, new { Now = now, LeaseUntil = leaseUntil, Limit = limit }, cancellationToken: ct))];
    }

    /// <summary>Gives back a claim whose poll did not happen (shutdown): the feed is due as before.</summary>
    public async Task ReleaseAsync(long id, DateTimeOffset leaseUntil, DateTimeOffset dueAt, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE feed_subscriptions SET next_poll_at = @DueAt WHERE id = @Id AND next_poll_at = @LeaseUntil",
            new { Id = id, DueAt = dueAt, LeaseUntil = leaseUntil }, cancellationToken: ct));
    }

    /// <summary>The earliest next poll of any feed not paused, to know how long a poll loop may sleep.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT min(next_poll_at) FROM feed_subscriptions WHERE NOT paused", cancellationToken: ct));
    }

    /// <summary>
    /// A poll that got the feed (200, or 304 Not Modified): the error count starts again from zero.
    /// Validators the response did not repeat are kept for a 304 and dropped for a 200.
    /// </summary>
    public async Task RecordSuccessAsync(long id, PollOutcome outcome, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE feed_subscriptions SET
                last_polled_at = @PolledAt, last_success_at = @PolledAt, next_poll_at = @NextPollAt, last_status = @Status,
                error_count = 0,
                etag = CASE WHEN @Status = 304 THEN COALESCE(@Etag, etag) ELSE @Etag END,
                last_modified = CASE WHEN @Status = 304 THEN COALESCE(@LastModified, last_modified) ELSE @LastModified END,
                body_sha256 = COALESCE(@BodySha256, body_sha256),
                last_item_count = COALESCE(@ItemCount, last_item_count)
            WHERE id = @Id
            """, new { Id = id, outcome.PolledAt, outcome.NextPollAt, outcome.Status, outcome.Etag, outcome.LastModified, outcome.BodySha256, outcome.ItemCount },
            cancellationToken: ct));
    }

    /// <summary>A poll that failed: counted, its reason kept for editors, the next poll pushed back.</summary>
    public async Task RecordErrorAsync(long id, PollOutcome outcome, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE feed_subscriptions SET
                last_polled_at = @PolledAt, last_error_at = @PolledAt, next_poll_at = @NextPollAt, last_status = @Status,
                last_error = @Error, error_count = error_count + 1
            WHERE id = @Id
            """, new { Id = id, outcome.PolledAt, outcome.NextPollAt, outcome.Status, outcome.Error }, cancellationToken: ct));
    }

    /// <summary>
    /// Follows a permanent redirect: the feed is polled at <paramref name="newUrl"/> from now on.
    /// False when another subscription already has that URL (the feed then stays as it is).
    /// </summary>
    public async Task<bool> MoveAsync(long id, string newUrl, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE feed_subscriptions SET url = @Url WHERE id = @Id", new { Id = id, Url = newUrl }, cancellationToken: ct));
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }
}
