using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>
/// Work that must commit or roll back together with a batch of ingested articles (linking
/// near-duplicates, say). Ingestion runs every registered step after the batch's articles, images,
/// teasers and revisions are written and before its commit, inside the same transaction. A step
/// that throws fails the batch like any other write.
/// </summary>
public interface IArticleBatchStep
{
    /// <param name="changed">The batch's new and updated articles (unchanged ones are left out), in input order.</param>
    Task AfterUpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredArticle> changed, CancellationToken ct);
}
