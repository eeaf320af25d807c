using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Delivery;

/// <summary>
/// This node's view of the site's change stamp (<see cref="SiteChangeStore"/>), read from the
/// database at most once per <c>Delivery:ChangeCheckSeconds</c> (1 unless set; 0 reads it on every
/// request). Cached pages are keyed by it, so a write on any node or by any ingestion worker
/// retires every node's cached pages within that interval. While the database cannot be reached
/// the last stamp stays in use, so cached pages keep being served.
/// The stamp is read where readers' pages are read (<see cref="ReadDataSource.Reads"/>): from a
/// replica it moves when the replica has replayed the change, so the pages built for the new stamp
/// show it. Read from the primary it could move first, and pages rebuilt at once from a replica
/// not there yet would be kept, stale, under the new stamp.
/// </summary>
public sealed class ChangeStamp(ReadDataSource reads, TimeProvider time, IConfiguration configuration, ILogger<ChangeStamp> logger)
{
    private readonly TimeSpan _checkEvery = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Delivery:ChangeCheckSeconds", 1.0)));
    private readonly SemaphoreSlim _reading = new(1, 1);
    private SiteChange? _current;
    private long _checkedAt = long.MinValue;

    /// <summary>Raised (on the reading request's thread) when the stamp moved; the old pages can go.</summary>
    public event Func<SiteChange, Task>? Changed;

    /// <summary>The stamp; null only while it has never been read (the database was never reached).</summary>
    public async ValueTask<SiteChange?> CurrentAsync(CancellationToken ct)
    {
        if (_current is { } known && time.GetElapsedTime(Volatile.Read(ref _checkedAt)) < _checkEvery) return known;
        // One request reads; the others go on with the stamp they have. Only the first read, and every
        // read when the stamp is to be read on each request, waits its turn.
        var mustRead = _current is null || _checkEvery == TimeSpan.Zero;
        if (!await _reading.WaitAsync(mustRead ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, ct)) return _current;
        try
        {
            var read = await reads.ReadAsync(dataSource => new SiteChangeStore(dataSource).ReadAsync(ct));
            var before = _current;
            if (before is null || read.Stamp != before.Stamp)
            {
                // The old pages go before the new stamp is handed out, so no page of the new stamp is evicted.
                if (before is not null && Changed is { } changed) await changed(read);
                _current = read;
            }
            Volatile.Write(ref _checkedAt, time.GetTimestamp());
            return _current;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Checked again at the next interval, not on every request while the database is away.
            Volatile.Write(ref _checkedAt, time.GetTimestamp());
            if (_current is not null) logger.LogWarning("Reading the change stamp failed ({Reason}); cached pages of stamp {Stamp} stay in use", e.Message, _current.Stamp);
            return _current;
        }
        finally
        {
            _reading.Release();
        }
    }
}
