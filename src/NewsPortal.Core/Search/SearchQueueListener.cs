using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace NewsPortal.Core.Search;

/// <summary>
/// Waits for the search queue to grow: one connection per process listens on channel
/// <c>search_pending</c>, which every insert into the queue notifies (migration 0036). The
/// connection must reach the primary (standbys deliver no notifications), as the indexer does. When
/// it cannot listen (the connection broke, the database restarted), a wait ends after a few seconds
/// and the next one listens again, telling the caller to index at once; it never waits longer than it is told.
/// </summary>
public sealed class SearchQueueListener(NpgsqlDataSource dataSource, ILogger<SearchQueueListener> logger) : IAsyncDisposable
{
    public const string Channel = "search_pending";

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private NpgsqlConnection? _connection;

    /// <summary>
    /// Returns true when the queue grew since the last call (or during this one), or when listening
    /// has just begun (what was queued before it is unknown); false when <paramref name="timeout"/>
    /// passed without a word or listening failed.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        try
        {
            if (_connection is null)
            {
                _connection = await ListenAsync(ct);
                return true;
            }
            return await _connection.WaitAsync(timeout, ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException && !ct.IsCancellationRequested)
        {
            logger.LogDebug("Not listening for search queue changes ({Reason}); indexing on the time-out", e.Message);
            await DropAsync();
            // Listening again soon (the next call) catches up with what was queued meanwhile; a
            // database that is down is not asked more than every few seconds.
            var left = deadline - DateTimeOffset.UtcNow;
            if (left > TimeSpan.Zero) await Task.Delay(left < RetryAfter ? left : RetryAfter, ct);
            return false;
        }
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition($"LISTEN {Channel}", cancellationToken: ct));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task DropAsync()
    {
        if (_connection is null) return;
        try
        {
            await _connection.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            // A broken connection may fail to close cleanly; it is gone either way.
        }
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        // The connection goes back to the pool, which does not reset it: it must stop listening first.
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            try
            {
                await _connection.ExecuteAsync("UNLISTEN *");
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
            {
            }
        }
        await DropAsync();
    }
}
