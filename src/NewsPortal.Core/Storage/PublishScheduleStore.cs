using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>
/// Applies scheduled publication and withdrawal whose time has come. Readers' queries and their
/// partial indexes know only status = 'published', so the schedule moves the status rather than
/// every reader query testing the times; any number of web nodes may run it at once (each row
/// changes once, the second UPDATE finds nothing), and the change moves the site's change stamp,
/// so cached pages follow within the stamp's check interval.
/// </summary>
public sealed class PublishScheduleStore(NpgsqlDataSource dataSource)
{
    /// <summary>Publishes and withdraws what is due at <paramref name="now"/>; returns how many articles changed.</summary>
    public async Task<int> ApplyDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // Nothing due (nearly every time): one cheap read of two small partial indexes, no transaction.
        var due = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM articles WHERE status = 'scheduled' AND publish_at <= @Now)
                OR EXISTS (SELECT 1 FROM articles WHERE withdraw_at IS NOT NULL AND withdraw_at <= @Now)
            """, new { Now = now.ToUniversalTime() }, cancellationToken: ct));
        if (!due) return 0;
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Two statements: one row due both ways is published, then withdrawn. A scheduled article
        // goes to the top of the lists at its time, as if it came in then.
        var changed = (await connection.QueryAsync<(long Id, long? StoryId)>(new CommandDefinition("""
            WITH published AS (
                UPDATE articles SET status = 'published', listed_at = GREATEST(listed_at, publish_at), publish_at = NULL, updated_at = now()
                WHERE status = 'scheduled' AND publish_at <= @Now
                RETURNING id, story_id
            ), logged AS (
                INSERT INTO article_revisions (article_id, action, title, summary)
                SELECT a.id, 'schedule-published', a.title, a.summary FROM articles a JOIN published p ON p.id = a.id
            )
            SELECT id, story_id FROM published
            """, new { Now = now.ToUniversalTime() }, tx, cancellationToken: ct))).ToList();
        changed.AddRange(await connection.QueryAsync<(long Id, long? StoryId)>(new CommandDefinition("""
            WITH withdrawn AS (
                UPDATE articles SET withdraw_at = NULL, updated_at = now(),
                    status = CASE WHEN status IN ('published', 'scheduled') THEN 'unpublished' ELSE status END
                WHERE withdraw_at <= @Now
                RETURNING id, story_id
            ), logged AS (
                INSERT INTO article_revisions (article_id, action, title, summary)
                SELECT a.id, 'schedule-withdrawn', a.title, a.summary FROM articles a JOIN withdrawn w ON w.id = a.id
            )
            SELECT id, story_id FROM withdrawn
            """, new { Now = now.ToUniversalTime() }, tx, cancellationToken: ct)));
        var stories = changed.Where(c => c.StoryId is not null).Select(c => c.StoryId!.Value).Distinct().ToList();
        await Stories.StoryAggregates.RefreshAsync(connection, tx, stories, ct);
        await tx.CommitAsync(ct);
        return changed.Count;
    }
}
