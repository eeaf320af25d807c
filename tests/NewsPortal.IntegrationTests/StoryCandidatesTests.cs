using Dapper;
using Npgsql;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>story_candidates (migration 0033), the narrow copy of articles' story columns that candidate look-ups read.</summary>
public sealed class StoryCandidatesTests
{
    // Articles with a story and candidates' entries that do not match column for column, either way.
    private static async Task<List<string>> DifferencesAsync(NpgsqlConnection c) => [.. await c.QueryAsync<string>("""
        SELECT coalesce(a.id, s.article_id)::text
        FROM (SELECT id, story_id, source_id, story_time, coalesce(story_keys, '{}') AS story_keys FROM articles WHERE story_id IS NOT NULL) a
        FULL JOIN story_candidates s ON s.article_id = a.id
        WHERE (a.id, a.story_id, a.source_id, a.story_time, a.story_keys)
            IS DISTINCT FROM (s.article_id, s.story_id, s.source_id, s.story_time, s.story_keys)
        """)];

    [Fact]
    public async Task Every_placed_article_has_its_story_columns_there_through_moves_edits_and_deletes()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        await host.IngestAsync(Repo.Samples);
        await host.IngestAsync(StoryPortal.Inputs);
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.True(await c.ExecuteScalarAsync<int>("SELECT count(*) FROM story_candidates WHERE cardinality(story_keys) > 0") >= 9);
        Assert.Empty(await DifferencesAsync(c));

        var ids = (await c.QueryAsync<long>("SELECT id FROM articles WHERE story_id IS NOT NULL ORDER BY id LIMIT 4")).ToArray();
        var otherStory = await c.ExecuteScalarAsync<long>("SELECT max(story_id) FROM articles WHERE id <> @Id", new { Id = ids[0] });
        // Moved to another story (as a merge or the desk moves it), told at another time, unplaced, deleted.
        await c.ExecuteAsync("UPDATE articles SET story_id = @Story WHERE id = @Id", new { Story = otherStory, Id = ids[0] });
        await c.ExecuteAsync("UPDATE articles SET published_at = coalesce(published_at, now()) - interval '3 days' WHERE id = @Id", new { Id = ids[1] });
        await c.ExecuteAsync("UPDATE articles SET story_id = NULL WHERE id = @Id", new { Id = ids[2] });
        await c.ExecuteAsync("DELETE FROM articles WHERE id = @Id", new { Id = ids[3] });

        Assert.Empty(await DifferencesAsync(c));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM story_candidates WHERE article_id = ANY(@Ids)", new { Ids = ids[2..] }));
    }

    [Fact]
    public async Task An_entry_is_rewritten_when_its_articles_terms_change_and_only_then()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        await host.IngestAsync(StoryPortal.Inputs);
        await using var c = await db.DataSource.OpenConnectionAsync();
        var id = await StoryPortal.IdOfAsync(db, StoryPortal.SanctionsZaobao);
        Task<string> VersionAsync() => c.ExecuteScalarAsync<string>("SELECT xmin::text FROM story_candidates WHERE article_id = @Id", new { Id = id })!;
        var before = await VersionAsync();

        // The list-head flags change with every batch of a story: no reason to rewrite the entry.
        await c.ExecuteAsync("UPDATE articles SET story_head = NOT story_head WHERE id = @Id", new { Id = id });
        Assert.Equal(before, await VersionAsync());

        // The terms' cache of a running assigner keys on the entry's version.
        await c.ExecuteAsync("UPDATE articles SET story_terms = '{1,2,3}', story_weights = '{1,1,1}' WHERE id = @Id", new { Id = id });
        Assert.NotEqual(before, await VersionAsync());
    }
}
