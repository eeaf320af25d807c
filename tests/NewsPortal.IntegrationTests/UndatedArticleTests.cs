using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>An item its source gave no date: listed by when it was captured, and labelled so.</summary>
public sealed class UndatedArticleTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Title = "无日期的测试文章";

    private async Task<long> StoreUndatedAsync()
    {
        var article = new ParsedArticle
        {
            Title = Title, Url = "https://news.example.cn/undated.html", BodyHtml = "<p>正文。</p>", BodyText = "正文。",
            CapturedAt = new DateTimeOffset(2023, 11, 8, 1, 0, 0, TimeSpan.Zero),
            Language = "zh-Hans",
        };
        await using var connection = await portal.Database.DataSource.OpenConnectionAsync();
        return (await new ArticleStore(portal.Database.DataSource).UpsertAsync(connection, new ArticleWrite(article, null,
            ArticleIdentity.KeyOf(article), ArticleIdentity.ContentHashOf(article), "generated", "test", null), CancellationToken.None)).Id;
    }

    [Fact]
    public async Task Lists_and_its_page_show_when_it_was_captured_as_such()
    {
        var id = await StoreUndatedAsync();
        var client = portal.CreateClient();

        var front = await client.GetDocumentAsync("/");
        var items = front.QuerySelectorAll(".article-item").ToList();
        var item = items.Single(i => i.QuerySelector("h2")!.TextContent.Trim() == Title);
        // Captured 01:00 UTC on 8 November, before the VOA item's 18:25: listed after it, not at the top.
        Assert.True(items.IndexOf(item) > 0);
        var captured = item.QuerySelector(".captured");
        Assert.NotNull(captured);
        Assert.StartsWith("收录于", captured.TextContent.Trim());
        Assert.Equal("2023-11-08T01:00:00Z", captured.QuerySelector("time")?.GetAttribute("datetime"));

        var page = await client.GetDocumentAsync($"/articles/{id}");
        Assert.Equal("2023-11-08T01:00:00Z", page.QuerySelector("article .meta .captured time")?.GetAttribute("datetime"));
        var dated = await client.GetDocumentAsync($"/articles/{portal.FeedDumpId}");
        Assert.Null(dated.QuerySelector("article .meta .captured"));
    }
}
