using NewsPortal.Core.Articles;

namespace NewsPortal.Core.Tests.Ingestion;

/// <summary>
/// The date line of markdown feed dumps in the shapes archivers write: inside a wrapping
/// <c>&lt;div&gt;</c>, with the item's author before the time, with milliseconds, and without a zone.
/// </summary>
public sealed class DumpDateLineTests
{
    private const string ItemUrl = "https://www.dw.com/zh/a-54461264";

    private static ParsedArticle Dump(string body, string capture = "1596959643000") =>
        MarkdownDumpHeadingTests.Parse($"<!--{capture}-->\n[标题]({ItemUrl})\n------\n\n{body}\n");

    [Fact]
    public void Reads_the_author_before_the_time_and_keeps_the_milliseconds()
    {
        var article = Dump("<div><i>张三<br>2020-08-09T07:15:42.318Z</i></div><p>正文。</p>");

        Assert.Equal(new DateTimeOffset(2020, 8, 9, 7, 15, 42, 318, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal(318, article.PublishedAt!.Value.Millisecond);
        Assert.False(article.PublishedZoneInferred);
        Assert.Equal(PublishedSources.DumpDateLine, article.PublishedSource);
        Assert.Equal(["张三"], article.Authors);
        Assert.Equal("正文。", article.BodyText);
    }

    [Fact]
    public void Finds_the_date_line_inside_a_div_that_wraps_the_item()
    {
        var article = Dump("<div>\n<div><i>Hannah Fuchs<br>2020-08-09T07:23:02.334Z</i></div><img src=\"https://example.org/a.jpg\"><p>正文。</p></div>");

        Assert.Equal(new DateTimeOffset(2020, 8, 9, 7, 23, 2, 334, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal(["Hannah Fuchs"], article.Authors);
        Assert.DoesNotContain("2020", article.BodyText);
    }

    [Theory]
    [InlineData("<br>2020-08-10T02:41:35.292Z", new string[0])]
    [InlineData("null 李澄欣<br>2020-08-10T11:09:14.797Z", new[] { "李澄欣" })]
    [InlineData(" 文木 综合报道<br>2020-08-09T12:49:20.568Z", new[] { "文木" })]
    [InlineData("TIFFANY MAY,TIFFANY MAY<br>2020-08-09T12:49:20.568Z", new[] { "TIFFANY MAY" })]
    [InlineData("William  Yang<br>2020-08-09T12:49:20.568Z", new[] { "William Yang" })]
    public void Reads_the_author_field_as_the_archiver_prints_it(string dateLine, string[] authors)
    {
        var article = Dump($"<div><i>{dateLine}</i></div><p>正文。</p>", capture: "1597103832000");

        Assert.NotNull(article.PublishedAt);
        Assert.Equal(authors, article.Authors);
    }

    [Fact]
    public void A_zoneless_time_just_before_the_capture_is_utc()
    {
        // cn.reuters.com: 2020-08-10T00:31:04, captured at 00:55:24 UTC.
        var article = Dump("<div><i>2020-08-10T00:31:04</i></div><p>路透渥太华8月7日 - 加拿大一位高层官员周五称。</p>", capture: "1597020924000");

        Assert.Equal(new DateTimeOffset(2020, 8, 10, 0, 31, 4, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal(TimeSpan.Zero, article.PublishedAt!.Value.Offset);
        Assert.True(article.PublishedZoneInferred);
    }

    [Fact]
    public void A_zoneless_time_that_would_follow_the_capture_as_utc_is_china_time()
    {
        // cn.nytimes.com: 2020-08-10 10:41:37, captured at 02:44:33 UTC.
        var article = Dump("<div><i>TIFFANY MAY,TIFFANY MAY<br>2020-08-10 10:41:37</i></div><p>香港传媒大亨黎智英被捕。</p>", capture: "1597027473000");

        Assert.Equal(new DateTimeOffset(2020, 8, 10, 10, 41, 37, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal(TimeSpan.FromHours(8), article.PublishedAt!.Value.Offset);
        Assert.True(article.PublishedZoneInferred);
        Assert.Equal(["TIFFANY MAY"], article.Authors);
    }

    [Fact]
    public void A_zoneless_time_without_a_capture_line_is_china_time_in_a_chinese_item()
    {
        var article = MarkdownDumpHeadingTests.Parse("# [标题](https://x.com/a)\n\n<div><i>2020-08-10T00:31:04.250</i></div><p>正文。</p>\n");

        Assert.Equal(new DateTimeOffset(2020, 8, 10, 0, 31, 4, 250, TimeSpan.FromHours(8)), article.PublishedAt);
    }

    [Fact]
    public void An_item_without_a_date_line_names_no_source()
    {
        var article = Dump("<p>正文。</p>");

        Assert.Null(article.PublishedAt);
        Assert.Null(article.PublishedSource);
    }
}
