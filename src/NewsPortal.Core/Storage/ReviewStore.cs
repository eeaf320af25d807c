using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>
/// Outlets whose new items wait for review, and the queue of those items: an editor publishes or
/// rejects many at once. Items wait with status 'pending_review', which readers never see.
/// </summary>
public sealed class ReviewStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<ReviewItem>> QueueAsync(int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<ReviewItem>(new CommandDefinition("""
            SELECT a.id, a.title, a.summary, s.name AS source_name, a.listed_at, a.ingested_at
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.status = 'pending_review'
            ORDER BY a.ingested_at, a.id
            LIMIT @Limit
            """, new { Limit = limit }, cancellationToken: ct))];
    }

    /// <summary>Publishes (or rejects) those of <paramref name="ids"/> still waiting; returns how many.</summary>
    public async Task<int> DecideAsync(IReadOnlyCollection<long> ids, bool publish, long editorId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var decided = (await connection.QueryAsync<(long Id, long? StoryId)>(new CommandDefinition("""
            UPDATE articles SET status = @Status, updated_at = now()
            WHERE id = ANY(@Ids) AND status = 'pending_review'
            RETURNING id, story_id
            """, new { Ids = ids.ToArray(), Status = publish ? "published" : "rejected" }, tx, cancellationToken: ct))).ToList();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO article_revisions (article_id, editor_id, action, title, summary)
            SELECT id, @EditorId, @Action, title, summary FROM articles WHERE id = ANY(@Ids)
            """, new { Ids = decided.Select(d => d.Id).ToArray(), EditorId = editorId, Action = publish ? "review-published" : "review-rejected" },
            tx, cancellationToken: ct));
        var stories = decided.Where(d => d.StoryId is not null).Select(d => d.StoryId!.Value).Distinct().ToList();
        await Stories.StoryAggregates.RefreshAsync(connection, tx, stories, ct);
        await tx.CommitAsync(ct);
        return decided.Count;
    }

    public async Task<IReadOnlyList<OutletSetting>> OutletsAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<OutletSetting>(new CommandDefinition(
            "SELECT id, name, host, hold_for_review FROM sources ORDER BY hold_for_review DESC, name, id", cancellationToken: ct))];
    }

    /// <summary>Whether the outlet's new items wait for review (items already stored keep their status).</summary>
    public async Task<bool> SetHoldAsync(long sourceId, bool hold, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sources SET hold_for_review = @Hold WHERE id = @Id", new { Id = sourceId, Hold = hold }, cancellationToken: ct)) > 0;
    }
}
