using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>
/// The change stamp the WebSub hub was last told about (<c>websub_pings</c>, migration 0028), and
/// the claim that makes one node the one to tell it about a newer one.
/// </summary>
public sealed class WebSubPingStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// When <paramref name="stamp"/> is newer than the last announced one and no other node is
    /// announcing right now, runs <paramref name="ping"/> holding the claim and records the stamp
    /// if it succeeded (returns true). A ping that throws records nothing: the next check tries again.
    /// </summary>
    public async Task<bool> AnnounceAsync(long stamp, Func<CancellationToken, Task> ping, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // SKIP LOCKED: a node that finds another announcing leaves it to that one.
        var last = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT stamp FROM websub_pings WHERE id = 1 FOR UPDATE SKIP LOCKED", transaction: tx, cancellationToken: ct));
        if (last is not { } announced || announced >= stamp) return false;
        await ping(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE websub_pings SET stamp = @Stamp, pinged_at = now() WHERE id = 1", new { Stamp = stamp }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return true;
    }
}
