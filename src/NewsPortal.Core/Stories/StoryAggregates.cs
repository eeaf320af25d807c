using Dapper;
using Npgsql;

namespace NewsPortal.Core.Stories;

/// <summary>
/// Keeps what lists read from a story in step with its articles: the counts and time span on the
/// story row, and which account heads the story on the front page (its newest published first
/// copy) and within each outlet. Run after anything that moves articles between stories or changes
/// whether or when one is listed.
/// </summary>
public static class StoryAggregates
{
    /// <summary>Whether the story holds an account (a first copy) other than the given articles and their copies.</summary>
    internal static async Task<bool> HasOtherAccountsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long story, long[] articleIds, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM articles WHERE story_id = @Story AND duplicate_of IS NULL AND id <> ALL(@Ids))
            """, new { Story = story, Ids = articleIds }, tx, cancellationToken: ct));

    public static async Task RefreshAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyCollection<long> storyIds, CancellationToken ct)
    {
        if (storyIds.Count == 0) return;
        await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE stories s
            SET article_count = coalesce(c.articles, 0), outlet_count = coalesce(c.outlets, 0),
                first_published_at = c.first_at, last_published_at = c.last_at
            FROM unnest(@Ids) AS t(id)
            LEFT JOIN (SELECT a.story_id, count(*) AS articles, count(DISTINCT coalesce(a.source_id, -a.id)) AS outlets,
                              min(a.story_time) AS first_at, max(a.story_time) AS last_at
                       FROM articles a WHERE a.story_id = ANY(@Ids) AND {StoryStore.IsAccount("a")}
                       GROUP BY a.story_id) c ON c.story_id = t.id
            WHERE s.id = t.id;

            UPDATE articles a SET story_head = h.head, outlet_story_head = h.outlet_head
            FROM (SELECT id,
                         row_number() OVER (PARTITION BY story_id ORDER BY listed_at DESC, id DESC) = 1 AS head,
                         row_number() OVER (PARTITION BY story_id, source_id ORDER BY listed_at DESC, id DESC) = 1 AS outlet_head
                  FROM articles WHERE story_id = ANY(@Ids) AND status = 'published' AND duplicate_of IS NULL) h
            WHERE a.id = h.id AND (a.story_head, a.outlet_story_head) IS DISTINCT FROM (h.head, h.outlet_head);
            """, new { Ids = storyIds.ToArray() }, tx, cancellationToken: ct));
    }
}
