using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion;

/// <summary>Inputs the text-dump parser must refuse, each with a reason an operator can act on.</summary>
public sealed class TextDumpParserFailureTests
{
    private readonly TextDumpParser _parser = new();
    private readonly InputOrigin _origin = new("dump.txt");

    [Fact]
    public void Fails_without_a_time_line()
    {
        var result = _parser.Parse("首页\n\n  解局:中俄两军高层十天内会谈两次\n\n  据中国国防部官方公众号9日发布的消息。\n", _origin);

        Assert.False(result.Succeeded);
        Assert.Equal(TextDumpParser.FormatName, result.Format);
        Assert.Contains("no time line", result.Error);
    }

    [Fact]
    public void Does_not_claim_input_without_a_time_line()
    {
        Assert.False(_parser.CanParse("首页\n\n作者:张三\n\n  正文。\n"));
        Assert.False(_parser.CanParse("时间:昨天 17:43 作者:张三\n\n  标题\n\n  正文。\n"));
    }

    [Fact]
    public void Does_not_claim_html_that_holds_a_time_line()
    {
        Assert.False(_parser.CanParse("<div>\n时间:2025-05-30 17:43:44\n</div>"));
    }

    [Fact]
    public void Fails_without_a_headline_after_the_time_line()
    {
        var result = _parser.Parse("首页\n\n时间:2025-05-30 17:43:44 作者:张三\n\n   \n", _origin);

        Assert.False(result.Succeeded);
        Assert.Contains("no headline", result.Error);
    }

    [Fact]
    public void Fails_without_body_paragraphs()
    {
        var result = _parser.Parse("时间:2025-05-30 17:43:44\n\n  解局:中俄两军高层十天内会谈两次\n\n展开全文\n相关文章\n麦迪观战中国女篮\n", _origin);

        Assert.False(result.Succeeded);
        Assert.Contains("no body paragraphs", result.Error);
    }

    [Fact]
    public void Fails_when_the_only_line_after_the_headline_is_a_caption()
    {
        var result = _parser.Parse("时间:2025-05-30 17:43:44\n\n标题\n\n当地时间11月8日,普京会见张又侠。图源:新华社\n", _origin);

        Assert.False(result.Succeeded);
        Assert.Contains("no body paragraphs", result.Error);
    }

    [Fact]
    public void Keeps_an_article_whose_time_cannot_be_read_but_leaves_its_time_empty()
    {
        var result = _parser.Parse("时间:2025-13-45 99:99 作者:张三\n\n  标题\n\n  正文第一段。\n", _origin);

        Assert.True(result.Succeeded, result.Error);
        Assert.Null(result.Article!.PublishedAt);
        Assert.False(result.Article.PublishedZoneInferred);
        Assert.Equal(["张三"], result.Article.Authors);
    }

    [Fact]
    public void Reads_a_minimal_dump()
    {
        var result = _parser.Parse("发布时间:2025/5/30 17:43:44 来源:新华网\r\n\r\n  标题\r\n\r\n  正文第一段。\r\n\r\n  正文第二段。\r\n", _origin);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("标题", result.Article!.Title);
        Assert.Equal("新华网", result.Article.OriginalOutlet); // 来源 is where a repost came from
        Assert.Null(result.Article.OutletName);
        Assert.Equal(new DateTimeOffset(2025, 5, 30, 17, 43, 44, TimeSpan.FromHours(8)), result.Article.PublishedAt);
        Assert.Equal("正文第一段。\n\n正文第二段。", result.Article.BodyText);
    }
}
