using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>
/// Newer source versions of articles an editor changed ("来源已更新"), and the editor's decision on
/// each: take the source's version, keep ours, or take some of its fields.
/// </summary>
public sealed class SourceUpdateStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<SourceUpdateListing>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<SourceUpdateListing>(new CommandDefinition("""
            SELECT a.id AS article_id, a.title, p.title AS source_title, s.name AS source_name, p.received_at
            FROM article_source_pending p JOIN articles a ON a.id = p.article_id LEFT JOIN sources s ON s.id = a.source_id
            ORDER BY p.received_at DESC, a.id DESC
            """, cancellationToken: ct))];
    }

    public async Task<SourceVersion?> GetAsync(long articleId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<SourceVersion>(new CommandDefinition("""
            SELECT article_id, title, summary, body_html, body_text, tags, received_at FROM article_source_pending WHERE article_id = @Id
            """, new { Id = articleId }, cancellationToken: ct));
    }

    /// <summary>
    /// Settles the waiting version: the fields in <paramref name="take"/> come from the source
    /// (<see cref="SourceFields.All"/>: accept, <see cref="SourceFields.None"/>: reject), the rest stay.
    /// Whatever is taken, the article now stands for this source version in the order of copies, so
    /// reading the same copy again writes nothing. Accepting everything hands the article back to
    /// the source: its later updates replace it again without waiting. False when nothing was waiting.
    /// </summary>
    public async Task<bool> ResolveAsync(long articleId, long editorId, SourceFields take, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var action = take switch { SourceFields.All => "source-accepted", SourceFields.None => "source-rejected", _ => "source-merged" };
        var args = new
        {
            Id = articleId, EditorId = editorId, Action = action, Note = (string?)null,
            Title = take.HasFlag(SourceFields.Title), Summary = take.HasFlag(SourceFields.Summary),
            Body = take.HasFlag(SourceFields.Body), Tags = take.HasFlag(SourceFields.Tags), All = take == SourceFields.All,
        };
        if (take.HasFlag(SourceFields.Body))
            await connection.ExecuteAsync(new CommandDefinition(ArticleEditStore.PinSourceBodySql, args, tx, cancellationToken: ct));
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            WITH taken AS (DELETE FROM article_source_pending WHERE article_id = @Id RETURNING *)
            UPDATE articles a SET
                title = CASE WHEN @Title THEN p.title ELSE a.title END,
                summary = CASE WHEN @Summary THEN p.summary ELSE a.summary END,
                body_html = CASE WHEN @Body THEN p.body_html ELSE a.body_html END,
                body_text = CASE WHEN @Body THEN p.body_text ELSE a.body_text END,
                tags = CASE WHEN @Tags THEN p.tags ELSE a.tags END,
                content_hash = p.content_hash, published_at = p.published_at, source_updated_at = p.source_updated_at,
                captured_at = p.captured_at, input_modified_at = p.input_modified_at, input_path = p.input_path,
                input_format = p.input_format, ingest_run_id = COALESCE(p.ingest_run_id, a.ingest_run_id),
                desk_edited_at = CASE WHEN @All THEN NULL ELSE a.desk_edited_at END,
                updated_at = now()
            FROM taken p WHERE a.id = p.article_id
            """, args, tx, cancellationToken: ct));
        if (changed == 0) return false;
        await connection.ExecuteAsync(new CommandDefinition(ArticleEditStore.AppendRevisionSql, args, tx, cancellationToken: ct));
        await ArticleEditStore.RefreshStoryAsync(connection, tx, articleId, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
