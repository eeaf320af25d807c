using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>
/// The desk's side of the polled feeds: listing, pausing, settings and removal by id. Adding goes
/// through <see cref="FeedSubscriptionStore.AddAsync"/>, as the command line does; polling skips a
/// paused feed (<see cref="FeedSubscriptionStore.ClaimDueAsync"/>).
/// </summary>
public sealed class FeedSourceStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<FeedSourceRow>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<FeedSourceRow>(new CommandDefinition("""
            SELECT id, url, outlet_name, poll_interval_seconds, paused, next_poll_at, last_success_at, last_error, error_count
            FROM feed_subscriptions
            ORDER BY outlet_name NULLS LAST, url
            """, cancellationToken: ct))];
    }

    /// <summary>A resumed feed is due at once (<paramref name="now"/>): it may have missed polls while paused.</summary>
    public async Task<bool> SetPausedAsync(long id, bool paused, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE feed_subscriptions SET paused = @Paused, next_poll_at = CASE WHEN @Paused THEN next_poll_at ELSE @Now END
            WHERE id = @Id
            """, new { Id = id, Paused = paused, Now = now.ToUniversalTime() }, cancellationToken: ct)) > 0;
    }

    /// <summary>The poll interval and the outlet name for items the outlet directory does not place (null or empty: the feed's title).</summary>
    public async Task<bool> UpdateAsync(long id, TimeSpan interval, string? outletName, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE feed_subscriptions SET poll_interval_seconds = @Seconds, outlet_name = NULLIF(@OutletName, '') WHERE id = @Id
            """, new { Id = id, Seconds = (int)interval.TotalSeconds, OutletName = outletName?.Trim() }, cancellationToken: ct)) > 0;
    }

    /// <summary>Stops polling the feed; its articles stay.</summary>
    public async Task<bool> RemoveAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM feed_subscriptions WHERE id = @Id", new { Id = id }, cancellationToken: ct)) > 0;
    }
}
