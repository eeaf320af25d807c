using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>What was repaired to read an input, and where its publication time came from, are stored with the article.</summary>
public sealed class IngestWarningsTests
{
    private const string Dump = "<!--1596959643000-->\n[德国最大网商被告上法庭](https://www.dw.com/zh/a-54460421)\n------\n\n" +
        "<div>\n<div><i>Matthias Hein<br>2020-08-09T07:15:10.617Z</i></div><p>德国最大的网商正在接受法庭审查，{0}此案涉及数以千计的卖家和消费者。</p></div>\n";

    private static byte[] WithStrayByte(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var at = bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes("此案"));
        return [.. bytes[..at], 0xFF, .. bytes[at..]];
    }

    [Fact]
    public async Task Warnings_and_the_published_source_are_stored_on_insert_and_on_update()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        folder.Write("dump.md", WithStrayByte(string.Format(Dump, "")));

        Assert.Equal("read 1, new 1, updated 0, unchanged 0, failed 0", (await host.IngestAsync(folder.Path)).ToString());
        var stored = await ReadAsync(db);
        Assert.Equal(["1 invalid UTF-8 byte sequence replaced with U+FFFD"], stored.Warnings);
        Assert.Equal("dump-date-line", stored.PublishedSource);
        Assert.Equal(new DateTime(2020, 8, 9, 7, 15, 10, 617, DateTimeKind.Utc), stored.PublishedAt);

        // The same item again, repaired and with more text: an update through the staging table.
        folder.Write("dump.md", string.Format(Dump, "法院周一开庭，"));
        var second = (await host.IngestAsync(folder.Path)).ToString();
        Assert.True(second == "read 1, new 0, updated 1, unchanged 0, failed 0", second);
        stored = await ReadAsync(db);
        Assert.Empty(stored.Warnings);
        Assert.Equal("dump-date-line", stored.PublishedSource);
    }

    private static async Task<(string[] Warnings, string? PublishedSource, DateTime PublishedAt)> ReadAsync(TestDatabase db)
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        return await c.QuerySingleAsync<(string[], string?, DateTime)>("SELECT warnings, published_source, published_at FROM articles");
    }
}
