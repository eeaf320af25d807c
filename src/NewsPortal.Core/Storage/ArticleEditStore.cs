using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

/// <summary>
/// The desk's edits of an article's content (title, summary, body, tags, correction note) and its
/// schedule. Each is one transaction that changes the article and appends its revision, with the
/// body the article is left with, so any two versions can be compared.
/// </summary>
public sealed class ArticleEditStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The newest source revision holds no body while the article holds it (the upsert copies it in
    /// when an update replaces the body, docs/architecture.md); a body change by the desk copies it
    /// in first, for the same reason.
    /// </summary>
    internal const string PinSourceBodySql = """
        UPDATE article_revisions r SET body_html = a.body_html
        FROM articles a
        WHERE a.id = @Id AND r.article_id = a.id AND r.body_html IS NULL
          AND r.id = (SELECT max(id) FROM article_revisions WHERE article_id = @Id AND action IN ('ingested', 'source-updated'))
        """;

    /// <summary>A revision of the article as it now is, by <c>@EditorId</c> (null: the schedule) with <c>@Action</c> and <c>@Note</c>.</summary>
    internal const string AppendRevisionSql = """
        INSERT INTO article_revisions (article_id, editor_id, action, title, summary, body_html, tags, note)
        SELECT id, @EditorId, @Action, title, summary, body_html, tags, @Note FROM articles WHERE id = @Id
        """;

    public async Task<ArticleDraft?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ArticleDraft>(new CommandDefinition("""
            SELECT a.id, a.title, a.summary, a.body_html, a.tags, a.correction_note, a.corrected_at, a.status, a.publish_at,
                   a.withdraw_at, a.desk_edited_at, s.name AS source_name,
                   EXISTS (SELECT 1 FROM article_source_pending p WHERE p.article_id = a.id) AS source_update_waiting
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.id = @Id
            """, new { Id = id }, cancellationToken: ct));
    }

    /// <summary>Saves an editor's version; from now on the source's updates wait for the desk. False for no such article.</summary>
    public async Task<bool> SaveAsync(ArticleEdit edit, long editorId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var args = new
        {
            edit.Id, edit.Title, edit.Summary, BodyHtml = edit.Body.Html, BodyText = edit.Body.Text, edit.Tags,
            Note = string.IsNullOrWhiteSpace(edit.Note) ? null : edit.Note.Trim(), EditorId = editorId, Action = "edited",
        };
        await connection.ExecuteAsync(new CommandDefinition(PinSourceBodySql, args, tx, cancellationToken: ct));
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE articles SET title = @Title, summary = @Summary, body_html = @BodyHtml, body_text = @BodyText, tags = @Tags,
                correction_note = COALESCE(@Note, correction_note),
                corrected_at = CASE WHEN @Note IS NULL THEN corrected_at ELSE now() END,
                desk_edited_at = COALESCE(desk_edited_at, now()), updated_at = now()
            WHERE id = @Id
            """, args, tx, cancellationToken: ct));
        if (changed == 0) return false;
        await connection.ExecuteAsync(new CommandDefinition(AppendRevisionSql, args, tx, cancellationToken: ct));
        await RefreshStoryAsync(connection, tx, edit.Id, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Sets when the article goes out and when it is withdrawn (either null for none). An article
    /// to be published later is hidden until then; one whose time has come is published by the next
    /// sweep (<see cref="PublishScheduleStore"/>).
    /// </summary>
    public async Task<bool> ScheduleAsync(long id, long editorId, DateTimeOffset? publishAt, DateTimeOffset? withdrawAt, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var args = new { Id = id, PublishAt = publishAt?.ToUniversalTime(), WithdrawAt = withdrawAt?.ToUniversalTime(), EditorId = editorId, Action = "scheduled", Note = (string?)null };
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE articles SET publish_at = @PublishAt, withdraw_at = @WithdrawAt, updated_at = now(),
                status = CASE
                    WHEN @PublishAt::timestamptz IS NOT NULL THEN 'scheduled'
                    WHEN status = 'scheduled' THEN 'unpublished'
                    ELSE status END
            WHERE id = @Id
            """, args, tx, cancellationToken: ct));
        if (changed == 0) return false;
        await connection.ExecuteAsync(new CommandDefinition(AppendRevisionSql, args, tx, cancellationToken: ct));
        await RefreshStoryAsync(connection, tx, id, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Every revision, oldest first, each with the body the article had after it. A revision that
    /// kept no body has the one before it; the newest source revision without one has the article's.
    /// </summary>
    public async Task<IReadOnlyList<RevisionVersion>> VersionsAsync(long articleId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        using var multi = await connection.QueryMultipleAsync(new CommandDefinition("""
            SELECT body_html FROM articles WHERE id = @Id;
            SELECT r.id, r.action, e.name AS editor_name, r.created_at, r.title, r.summary, r.body_html, r.note
            FROM article_revisions r LEFT JOIN editors e ON e.id = r.editor_id
            WHERE r.article_id = @Id ORDER BY r.id;
            """, new { Id = articleId }, cancellationToken: ct));
        var current = await multi.ReadSingleOrDefaultAsync<string>();
        if (current is null) return [];
        var rows = await multi.ReadAsync<StoredRevision>();
        var versions = new List<RevisionVersion>();
        string? body = null;
        foreach (var r in rows)
        {
            body = r.BodyHtml ?? (r.Action is "ingested" or "source-updated" ? current : body ?? current);
            versions.Add(new RevisionVersion(r.Id, r.Action, r.EditorName, r.CreatedAt, r.Title, r.Summary, Editing.EditedBody.TextOf(body), r.Note));
        }
        return versions;
    }

    private sealed record StoredRevision(long Id, string Action, string? EditorName, DateTimeOffset CreatedAt, string Title, string Summary, string? BodyHtml, string? Note);

    // A change of what is listed or whether it is published changes its story's head and counts.
    internal static async Task RefreshStoryAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        var story = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT story_id FROM articles WHERE id = @Id", new { Id = id }, tx, cancellationToken: ct));
        if (story is { } storyId) await Stories.StoryAggregates.RefreshAsync(connection, tx, [storyId], ct);
    }
}
