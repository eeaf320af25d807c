using Dapper;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class RetryAndTombstoneTests
{
    [Fact]
    public async Task Retry_failed_stores_what_parses_now_and_keeps_one_open_record_for_what_still_fails()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        folder.Write("notes.txt", "not a news page at all");
        await host.IngestAsync(folder.Path);
        // A failure kept by an older parser that could not read this input; today's parser can.
        await using (var c = await db.DataSource.OpenConnectionAsync())
            await c.ExecuteAsync("""
                INSERT INTO failed_inputs (path, reason, raw, raw_sha256)
                VALUES ('/inbox/voa.txt', 'old parser: no heading', @Raw, encode(sha256(@Raw), 'hex'))
                """, new { Raw = File.ReadAllBytes(Repo.FeedDumpSample) });

        var exitCode = await host.RunCommandLineAsync("ingest", "--retry-failed");

        Assert.Equal(1, exitCode); // notes.txt still fails
        await using var check = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(Repo.FeedDumpTitle, await check.ExecuteScalarAsync<string>("SELECT title FROM articles"));
        var open = (await check.QueryAsync<string>("SELECT path FROM failed_inputs WHERE resolved_at IS NULL")).ToList();
        Assert.Single(open);
        Assert.EndsWith("notes.txt", open[0]);
        Assert.Equal(1, await check.ExecuteScalarAsync<int>("SELECT count(*) FROM failed_inputs WHERE path = '/inbox/voa.txt' AND resolved_at IS NOT NULL"));
        Assert.Equal(2, await check.ExecuteScalarAsync<int>("SELECT count(*) FROM failed_inputs")); // no copies piled up
    }

    [Fact]
    public async Task An_article_an_editor_withdrew_stays_withdrawn_when_its_source_changes_it()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        await host.AddEditorAsync("editor1", "a long password");
        using var folder = new TempFolder();
        var original = File.ReadAllText(Repo.FeedDumpSample);
        var file = folder.Write("item.txt", original);
        await host.IngestAsync(file);
        await using var c = await db.DataSource.OpenConnectionAsync();
        var (id, editorId) = await c.QuerySingleAsync<(long, long)>("SELECT a.id, e.id FROM articles a, editors e");
        Assert.True(await new EditorialStore(db.DataSource).UnpublishAsync(id, editorId, CancellationToken.None));

        folder.Write("item.txt", original.Replace("[普京会见张又侠，", "[普京再次会见张又侠，"));
        var counts = await host.IngestAsync(file);

        Assert.Equal(1, counts.Updated);
        Assert.Equal("unpublished", await c.ExecuteScalarAsync<string>("SELECT status FROM articles WHERE id = @id", new { id }));
        var page = await new ArticleStore(db.DataSource).ListPublishedAsync(null, 20, null, CancellationToken.None);
        Assert.Empty(page.Items);
    }
}
