using System.Net;
using Dapper;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Text;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Migration 0007 moves the band keys out of <c>articles.text_band_keys</c> into
/// <c>article_band_keys</c>: a database at 0006 with signed articles keeps finding them.
/// </summary>
public sealed class BandKeyMigrationTests
{
    private const int KeysMovedIn = 7;

    [Fact]
    public async Task Articles_signed_before_0007_are_found_by_a_copy_ingested_after_it()
    {
        await using var db = await TestDatabase.CreateBeforeAsync(KeysMovedIn);
        var text = ParserSelector.CreateDefault().Parse(File.ReadAllBytes(Repo.TextDumpSample), new InputOrigin(Repo.TextDumpSample)).Article!.BodyText;
        var signature = NearDuplicateSignature.Compute(text);
        Assert.True(signature.IsLinkable);
        long originalId;
        await using (var c = await db.DataSource.OpenConnectionAsync())
        {
            // As the 0006 code stored a signed article: the keys in the row, GIN-indexed.
            originalId = await c.ExecuteScalarAsync<long>("""
                INSERT INTO articles (identity_key, title, body_html, body_text, content_hash, listed_at, input_path, input_format,
                                      text_signature, text_lead_signature, text_shingles, text_band_keys)
                VALUES ('sha256:original', '原文', '<p>x</p>', @Text, 'hash', now(), 'original.txt', 'text-dump',
                        @Minima, @LeadMinima, @Shingles, @Keys)
                RETURNING id
                """, new { Text = text, signature.Minima, signature.LeadMinima, Shingles = signature.ShingleCount, Keys = signature.BandKeys() });
        }

        await new MigrationRunner(db.DataSource).MigrateAsync();

        await using (var c = await db.DataSource.OpenConnectionAsync())
        {
            Assert.Equal(signature.BandKeys().Order(),
                (await c.QueryAsync<long>("SELECT band_key FROM article_band_keys WHERE article_id = @Id ORDER BY band_key", new { Id = originalId })).ToList());
            Assert.False(await c.ExecuteScalarAsync<bool>("""
                SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'articles' AND column_name = 'text_band_keys')
                """));
        }
        using var folder = new TempFolder();
        var paragraphs = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var repost = folder.Write("repost.txt", "<!--1699495200000-->\n[转载](https://www.example-news.cn/a/1.html)\n------\n\n"
            + "<div><i>Thu, 09 Nov 2023 02:00:00 GMT</i></div>" + string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>")) + "\n");
        await using (var host = new IngestionHost(db))
            Assert.Equal("read 1, new 1, updated 0, unchanged 0, failed 0", (await host.IngestAsync(repost)).ToString());

        await using (var c = await db.DataSource.OpenConnectionAsync())
            Assert.Equal(originalId, await c.ExecuteScalarAsync<long?>(
                "SELECT duplicate_of FROM articles WHERE original_url = 'https://www.example-news.cn/a/1.html'"));
    }

    [Fact]
    public async Task Deleting_an_article_deletes_its_band_keys()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var host = new IngestionHost(db))
            await host.IngestAsync(Repo.TextDumpSample, Repo.FeedDumpSample);
        await using var c = await db.DataSource.OpenConnectionAsync();
        var id = await c.ExecuteScalarAsync<long>("SELECT min(article_id) FROM article_band_keys");
        var others = await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_band_keys WHERE article_id <> @Id", new { Id = id });
        Assert.True(others > 0);

        await c.ExecuteAsync("DELETE FROM articles WHERE id = @Id", new { Id = id });

        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_band_keys WHERE article_id = @Id", new { Id = id }));
        Assert.Equal(others, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_band_keys"));
    }
}
