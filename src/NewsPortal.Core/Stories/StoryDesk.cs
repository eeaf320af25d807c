using Dapper;
using Npgsql;

namespace NewsPortal.Core.Stories;

/// <summary>
/// One logged editorial decision on a story. A class, not a positional record: Dapper matches a
/// constructor by the column's CLR type and reports a bigint[] column as System.Array.
/// </summary>
public sealed class StoryDecision
{
    public long Id { get; init; }
    public string Action { get; init; } = "";
    public long StoryId { get; init; }
    public long? OtherStoryId { get; init; }
    public long[] ArticleIds { get; init; } = [];
    public string EditorName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// Editors' decisions on stories: moving an article out into a story of its own, merging two
/// stories, splitting some accounts off into a new one. Each runs in one transaction under the
/// assigner's lock (ingestion never sees half of it), is logged in <c>story_decisions</c> with the
/// editor and time, pins the articles it places and locks the stories it shapes: ingestion never
/// moves a pinned article (it only places articles without a story) and never merges a locked
/// story, so a decision survives later ingests. Near-duplicate copies move with their first copy.
/// </summary>
public sealed class StoryDesk(NpgsqlDataSource dataSource)
{
    /// <summary>The story an article is in, or null when there is no such article or it has none yet.</summary>
    public async Task<long?> StoryOfAsync(long articleId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT story_id FROM articles WHERE id = @Id", new { Id = articleId }, cancellationToken: ct));
    }

    /// <summary>
    /// Moves the article out of its story into a new one of its own; a near-duplicate copy moves its
    /// first copy (and so itself): a copy shares its first copy's story. Returns the article's story
    /// afterwards, or null when the article has no story. An article alone in its story stays there.
    /// </summary>
    public async Task<long?> MoveOutAsync(long articleId, long editorId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await BeginAsync(connection, ct);
        var row = await connection.QuerySingleOrDefaultAsync<(long? StoryId, long? DuplicateOf)>(new CommandDefinition(
            "SELECT story_id, duplicate_of FROM articles WHERE id = @Id FOR UPDATE", new { Id = articleId }, tx, cancellationToken: ct));
        if (row.StoryId is not { } story) return null;
        var moved = row.DuplicateOf ?? articleId;
        if (!await StoryAggregates.HasOtherAccountsAsync(connection, tx, story, [moved], ct)) return story;
        var created = await MoveIntoNewStoryAsync(connection, tx, story, [moved], ct);
        await LogAsync(connection, tx, "moved-out", story, created, [moved], editorId, ct);
        await tx.CommitAsync(ct);
        return created;
    }

    /// <summary>Merges two stories; the older id survives and the other redirects to it. Returns the survivor, or null when either is missing.</summary>
    public async Task<long?> MergeAsync(long storyId, long otherStoryId, long editorId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await BeginAsync(connection, ct);
        var found = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM stories WHERE id IN (@A, @B)", new { A = storyId, B = otherStoryId }, tx, cancellationToken: ct));
        if (found < (storyId == otherStoryId ? 1 : 2)) return null;
        // Already one story (merged before): nothing to do, nothing to log.
        var (current, otherCurrent) = (await StoryMerges.CurrentAsync(connection, tx, storyId, ct), await StoryMerges.CurrentAsync(connection, tx, otherStoryId, ct));
        if (current == otherCurrent) return current;
        var touched = await StoryMerges.MergeAsync(connection, tx, storyId, otherStoryId, ct);
        var survivor = await StoryMerges.CurrentAsync(connection, tx, storyId, ct);
        var moved = (await connection.QueryAsync<long>(new CommandDefinition("""
            UPDATE articles SET story_pinned = true WHERE story_id = @Survivor RETURNING id
            """, new { Survivor = survivor }, tx, cancellationToken: ct))).Order().ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE stories SET locked = true WHERE id = @Survivor", new { Survivor = survivor }, tx, cancellationToken: ct));
        await StoryAggregates.RefreshAsync(connection, tx, touched, ct);
        await LogAsync(connection, tx, "merged", survivor, survivor == storyId ? otherStoryId : storyId, moved, editorId, ct);
        await tx.CommitAsync(ct);
        return survivor;
    }

    /// <summary>
    /// Moves the given accounts of a story into a new story. Returns the new story; null when the
    /// story is missing or none of the articles is in it; the story itself when they are all of it.
    /// </summary>
    public async Task<long?> SplitAsync(long storyId, IReadOnlyCollection<long> articleIds, long editorId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await BeginAsync(connection, ct);
        var members = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM articles WHERE story_id = @Story AND id = ANY(@Ids) ORDER BY id FOR UPDATE",
            new { Story = storyId, Ids = articleIds.ToArray() }, tx, cancellationToken: ct))).ToArray();
        if (members.Length == 0) return null;
        if (!await StoryAggregates.HasOtherAccountsAsync(connection, tx, storyId, members, ct)) return storyId;
        var created = await MoveIntoNewStoryAsync(connection, tx, storyId, members, ct);
        await LogAsync(connection, tx, "split", storyId, created, members, editorId, ct);
        await tx.CommitAsync(ct);
        return created;
    }

    /// <summary>The decisions logged on a story (either side of them), newest first.</summary>
    public async Task<IReadOnlyList<StoryDecision>> DecisionsAsync(long storyId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<StoryDecision>(new CommandDefinition("""
            SELECT d.id, d.action, d.story_id, d.other_story_id, d.article_ids, e.name AS editor_name, d.created_at
            FROM story_decisions d JOIN editors e ON e.id = d.editor_id
            WHERE d.story_id = @Id OR d.other_story_id = @Id
            ORDER BY d.id DESC
            """, new { Id = storyId }, cancellationToken: ct))];
    }

    private static async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@Key)", new { Key = StoryAssigner.LockKey }, tx, cancellationToken: ct));
        return tx;
    }

    private static async Task<long> MoveIntoNewStoryAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long from, long[] articleIds, CancellationToken ct)
    {
        var created = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO stories (locked) VALUES (true) RETURNING id", transaction: tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE articles SET story_id = @Created, story_pinned = true
            WHERE story_id = @From AND (id = ANY(@Ids) OR duplicate_of = ANY(@Ids));
            -- The accounts left behind are the editor's decision too: an update to one of them must
            -- not carry it over to the accounts moved out.
            UPDATE articles SET story_pinned = true WHERE story_id = @From;
            UPDATE stories SET locked = true WHERE id = @From;
            """, new { Created = created, From = from, Ids = articleIds }, tx, cancellationToken: ct));
        await StoryAggregates.RefreshAsync(connection, tx, [from, created], ct);
        return created;
    }

    private static Task LogAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string action, long story, long other, long[] articleIds, long editorId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO story_decisions (action, story_id, other_story_id, article_ids, editor_id)
            VALUES (@Action, @Story, @Other, @ArticleIds, @EditorId)
            """, new { Action = action, Story = story, Other = other, ArticleIds = articleIds, EditorId = editorId }, tx, cancellationToken: ct));
}
