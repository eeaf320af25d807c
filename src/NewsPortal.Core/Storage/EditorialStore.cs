using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

public sealed record RevisionRow(long Id, string Action, string Title, string Summary, string? EditorName, DateTimeOffset CreatedAt);

/// <summary>
/// The editors' actions on articles. Each one changes the article and appends to
/// <c>article_revisions</c> in the same transaction, so the log is never behind the article.
/// </summary>
public sealed class EditorialStore(NpgsqlDataSource dataSource)
{
    /// <summary>A new title and summary; the source's later versions then wait for the desk (<see cref="SourceUpdateStore"/>).</summary>
    public async Task<bool> EditAsync(long articleId, long editorId, string title, string summary, CancellationToken ct) =>
        await ChangeAsync(articleId, editorId, "edited", """
            UPDATE articles SET title = @Title, summary = @Summary, desk_edited_at = COALESCE(desk_edited_at, now()), updated_at = now() WHERE id = @Id
            """, new { Id = articleId, Title = title, Summary = summary }, ct);

    /// <summary>Back to the top of lists and feeds, published again, with the time of republication.</summary>
    public async Task<bool> RepublishAsync(long articleId, long editorId, CancellationToken ct) =>
        await ChangeAsync(articleId, editorId, "republished", """
            UPDATE articles SET status = 'published', listed_at = now(), republished_at = now(), updated_at = now()
            WHERE id = @Id
            """, new { Id = articleId }, ct);

    public async Task<bool> UnpublishAsync(long articleId, long editorId, CancellationToken ct) =>
        await ChangeAsync(articleId, editorId, "unpublished", """
            UPDATE articles SET status = 'unpublished', updated_at = now() WHERE id = @Id
            """, new { Id = articleId }, ct);

    public async Task<IReadOnlyList<RevisionRow>> RevisionsAsync(long articleId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<RevisionRow>(new CommandDefinition("""
            SELECT r.id, r.action, r.title, r.summary, e.name AS editor_name, r.created_at
            FROM article_revisions r LEFT JOIN editors e ON e.id = r.editor_id
            WHERE r.article_id = @Id
            ORDER BY r.id DESC
            """, new { Id = articleId }, cancellationToken: ct))];
    }

    private async Task<bool> ChangeAsync(long articleId, long editorId, string action, string updateSql, object parameters, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition(updateSql, parameters, tx, cancellationToken: ct));
        if (changed == 0) return false;
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO article_revisions (article_id, editor_id, action, title, summary)
            SELECT id, @EditorId, @Action, title, summary FROM articles WHERE id = @Id
            """, new { Id = articleId, EditorId = editorId, Action = action }, tx, cancellationToken: ct));
        // Republishing and withdrawing change which account heads its story on lists, and the story's counts.
        var story = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT story_id FROM articles WHERE id = @Id", new { Id = articleId }, tx, cancellationToken: ct));
        if (story is { } storyId) await Stories.StoryAggregates.RefreshAsync(connection, tx, [storyId], ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
