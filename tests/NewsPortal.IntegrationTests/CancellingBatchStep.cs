using NewsPortal.Core.Storage;
using Npgsql;

namespace NewsPortal.IntegrationTests;

/// <summary>Cancels <see cref="Token"/> from inside the run's first batch, as SIGTERM arriving while a batch is stored would.</summary>
public sealed class CancellingBatchStep : IArticleBatchStep, IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public CancellationToken Token => _stop.Token;

    public Task AfterUpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredArticle> changed, CancellationToken ct)
    {
        _stop.Cancel();
        return Task.CompletedTask;
    }

    public void Dispose() => _stop.Dispose();
}
