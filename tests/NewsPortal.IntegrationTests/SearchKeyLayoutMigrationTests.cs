using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using NewsPortal.Core.Search;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Migration 0035 changes how search keys are laid out: rows indexed before it hold keys no search
/// makes any more, so it empties the index and queues every findable article, which the indexer
/// then finds again.
/// </summary>
public sealed class SearchKeyLayoutMigrationTests
{
    private const int LayoutChanged = 35;

    [Fact]
    public async Task Articles_indexed_before_0035_are_queued_and_found_once_indexed_again()
    {
        await using var db = await TestDatabase.CreateBeforeAsync(LayoutChanged);
        long found;
        await using (var c = await db.DataSource.OpenConnectionAsync())
        {
            const string insert = """
                INSERT INTO articles (identity_key, title, body_html, body_text, content_hash, listed_at, input_path, input_format, duplicate_of)
                VALUES (@Key, '张又侠出席会议', '<p>x</p>', '中央军委副主席张又侠出席会议并讲话。', 'hash', now(), 'a.txt', 'text-dump', @Of)
                RETURNING id
                """;
            found = await c.ExecuteScalarAsync<long>(insert, new { Key = "sha256:a", Of = (long?)null });
            await c.ExecuteScalarAsync<long>(insert, new { Key = "sha256:b", Of = (long?)found });
            // As an indexer before 0035 left it: a row with keys of the old layout, nothing queued.
            await c.ExecuteAsync("DELETE FROM search_pending");
            await c.ExecuteAsync("""
                INSERT INTO article_search (article_id, listed_at, keys, title, body)
                SELECT id, listed_at, ARRAY[12345, 67890], title, body_text FROM articles WHERE id = @Id
                """, new { Id = found });
        }

        Assert.Equal(LayoutChanged, (await new MigrationRunner(db.DataSource).MigrateAsync()).Select(m => m.Version).First());

        await using (var c = await db.DataSource.OpenConnectionAsync())
        {
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM article_search"));
            // The findable article is queued; a copy, which no search finds, is not.
            Assert.Equal([found], (await c.QueryAsync<long>("SELECT article_id FROM search_pending ORDER BY 1")).ToList());
        }
        Assert.Equal(1, await new SearchIndexer(db.DataSource, NullLogger<SearchIndexer>.Instance).IndexAllAsync(CancellationToken.None));
        var page = await new SearchStore(db.DataSource).SearchAsync(SearchQuery.Parse("张又侠"), new SearchFilters(), null, 20, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal([found], page.Hits.Select(h => h.Item.Id));
    }
}
