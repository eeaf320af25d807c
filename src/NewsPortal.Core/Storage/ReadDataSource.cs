using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>
/// Where a process's queries go: <see cref="Primary"/> for every write and for the reads that must
/// see them (an editor's), <see cref="Reads"/> for what readers are shown. With a read replica
/// configured (<c>ConnectionStrings:NewsPortalRead</c>, or a multi-host <c>NewsPortal</c> string)
/// reads go to a standby, and to the primary when no standby answers (Npgsql's multi-host
/// <c>prefer-standby</c>), when one failed a moment ago (<see cref="ReportReplicaFailure"/>) or
/// when it replays too far behind (<see cref="SetLagging"/>). Without a replica both are the one
/// data source.
/// </summary>
public sealed class ReadDataSource : IAsyncDisposable
{
    private readonly IReadOnlyList<NpgsqlDataSource> _owned;
    private readonly TimeProvider _time;
    private volatile bool _lagging;
    private long _avoidUntilTicks = long.MinValue;

    public ReadDataSource(NpgsqlDataSource primary, NpgsqlDataSource? standby, IReadOnlyList<NpgsqlDataSource> owned, TimeProvider? time = null)
    {
        Primary = primary;
        Standby = standby ?? primary;
        HasReplica = standby is not null;
        _owned = owned;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The key of the reader-side store registrations (web app).</summary>
    public const string Key = "reads";

    /// <summary>How long reads stay on the primary after the replica failed them.</summary>
    public TimeSpan FailureBackoff { get; init; } = TimeSpan.FromSeconds(10);

    public NpgsqlDataSource Primary { get; }

    /// <summary>The replica when one answers, else the primary (the same as <see cref="Primary"/> without a replica).</summary>
    public NpgsqlDataSource Standby { get; }

    public bool HasReplica { get; }

    /// <summary>Whether reads go to the replica now.</summary>
    public bool UsesReplica => HasReplica && !_lagging && _time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _avoidUntilTicks);

    /// <summary>The data source for readers' queries now.</summary>
    public NpgsqlDataSource Reads => UsesReplica ? Standby : Primary;

    /// <summary>A read on the replica failed as if it were gone: reads go to the primary for <see cref="FailureBackoff"/>.</summary>
    public void ReportReplicaFailure() =>
        Interlocked.Exchange(ref _avoidUntilTicks, (_time.GetUtcNow() + FailureBackoff).UtcTicks);

    /// <summary>Set by the lag check: true keeps reads on the primary until it says false again. Returns whether it changed.</summary>
    public bool SetLagging(bool lagging)
    {
        var before = _lagging;
        _lagging = lagging;
        return before != lagging;
    }

    /// <summary>
    /// Runs a read on <see cref="Reads"/>; when that was the replica and it failed as if gone, once
    /// more on the primary.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<NpgsqlDataSource, Task<T>> read)
    {
        if (!UsesReplica) return await read(Primary);
        try
        {
            return await read(Standby);
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            ReportReplicaFailure();
            return await read(Primary);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _owned) await dataSource.DisposeAsync();
    }
}
