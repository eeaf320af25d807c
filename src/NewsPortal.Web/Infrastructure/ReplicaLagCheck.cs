using Dapper;
using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// With a read replica: every <c>Database:ReplicaCheckSeconds</c> (5) asks the replica how far its
/// replay is behind what it has received, and keeps readers on the primary while that is more than
/// <c>Database:ReplicaMaxLagSeconds</c> (30; 0 turns the check off). The lag is the age of the
/// last transaction replayed while received WAL waits to be replayed (a replica with nothing to
/// replay is not behind, however long ago its last transaction was). A replica that lost its
/// connection to the primary receives nothing and so is not seen as behind (docs/operations.md).
/// </summary>
public sealed class ReplicaLagCheck(ReadDataSource reads, IConfiguration configuration, ILogger<ReplicaLagCheck> logger) : BackgroundService
{
    private readonly double _maxLag = configuration.GetValue("Database:ReplicaMaxLagSeconds", 30.0);
    private readonly TimeSpan _every = TimeSpan.FromSeconds(Math.Max(0.05, configuration.GetValue("Database:ReplicaCheckSeconds", 5.0)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!reads.HasReplica || _maxLag <= 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var lag = await LagSecondsAsync(stoppingToken);
                var lagging = lag is { } seconds && seconds > _maxLag;
                if (reads.SetLagging(lagging))
                {
                    if (lagging) logger.LogWarning("The read replica replays {LagSeconds:0.0} s behind (more than {MaxLagSeconds} s); reading from the primary", lag, _maxLag);
                    else logger.LogInformation("The read replica has caught up; reading from it again");
                }
                await Task.Delay(_every, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A replica that does not answer is found out when connecting (and the primary used); checked again later.
                if (!DatabaseErrors.IsUnavailable(e)) logger.LogWarning("Checking the read replica's lag failed: {Reason}", e.Message);
                await Task.Delay(_every, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Null when the server answering is no standby (the primary, because no standby answered).</summary>
    private async Task<double?> LagSecondsAsync(CancellationToken ct)
    {
        await using var connection = await reads.Standby.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<double?>(new CommandDefinition("""
            SELECT CASE
                WHEN NOT pg_is_in_recovery() THEN NULL
                WHEN pg_last_wal_receive_lsn() IS NULL OR pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0
                -- WAL waits and nothing was replayed since the start: as far behind as can be said.
                ELSE COALESCE(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8, 'Infinity')
            END
            """, cancellationToken: ct));
    }
}
