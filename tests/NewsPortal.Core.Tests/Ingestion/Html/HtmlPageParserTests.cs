using System.Text;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Ingestion.Html;

namespace NewsPortal.Core.Tests.Ingestion.Html;

/// <summary>Scraped HTML pages through the parser selector, as ingest and extract see them.</summary>
public sealed class HtmlPageParserTests
{
    private static readonly ParserSelector Parsers = ParserSelector.CreateDefault();

    private static ParseResult ParsePage(string name, string? url = null) =>
        Parsers.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "pages", name)), new InputOrigin(name, url));

    [Fact]
    public void A_gbk_portal_page_becomes_one_article_with_its_body_and_china_time()
    {
        var result = ParsePage("cwce-33a95b71-gbk.html");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(HtmlPageParser.FormatName, result.Format);
        var article = result.Article!;
        Assert.False(string.IsNullOrWhiteSpace(article.Title));
        Assert.Contains("肌肤年轻", article.BodyText);
        Assert.Equal("zh-Hans", article.Language);
        Assert.DoesNotContain("<script", article.BodyHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_url_given_for_a_page_names_its_outlet()
    {
        var article = ParsePage("trafilatura_xinhuanet_c_1125597921.html", "http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm").Article!;

        Assert.Equal("新华网", article.OutletName);
        Assert.Equal("http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm", article.Url);
    }

    [Fact]
    public void A_crawl_archive_record_header_gives_the_page_its_url_when_none_is_given()
    {
        // cwce_a0cb0242.html opens with <text id="http://chinaneast.xinhuanet.com/…" title=… encoding=…>.
        var article = ParsePage("cwce_a0cb0242.html").Article!;

        Assert.Equal("http://chinaneast.xinhuanet.com/jizhe/2005-08/16/content_4894059.htm", article.Url);
        Assert.Equal("新华网", article.OutletName);
        Assert.All(article.Images, image => Assert.StartsWith("http://", image.Url));
        Assert.Equal("https://example.cn/given.html", ParsePage("cwce_a0cb0242.html", "https://example.cn/given.html").Article!.Url);
    }

    [Fact]
    public void A_truncated_page_still_yields_what_it_has()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "pages", "gmw-zh.html"));
        var truncated = bytes[..(bytes.Length * 2 / 3)];

        var result = Parsers.Parse(truncated, new InputOrigin("gmw-truncated.html"));

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Article!.BodyText.Length > 200);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><head><title>首页</title></head><body><nav><a href='/'>首页</a><a href='/a'>新闻</a></nav></body></html>")]
    [InlineData("<html></html>")]
    public void A_page_without_an_article_fails_with_the_reason(string html)
    {
        var result = Parsers.Parse(Encoding.UTF8.GetBytes(html), new InputOrigin("empty.html"));

        Assert.False(result.Succeeded);
        Assert.Equal(HtmlPageParser.FormatName, result.Format);
        Assert.Contains("no article text", result.Error);
    }

    [Fact]
    public void Text_dumps_markdown_dumps_and_feeds_still_go_to_their_own_parsers()
    {
        string Format(string text) => Parsers.Parse(Encoding.UTF8.GetBytes(text), new InputOrigin("x")).Format;

        Assert.Equal(TextDumpParser.FormatName, Format(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "seeds", "000_004c24d0aad6edaa.txt"))));
        Assert.Equal(MarkdownFeedDumpParser.FormatName, Format(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "seeds", "002_eb24c55ad338b572.txt"))));
        Assert.Equal("feed-file", Format("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title></channel></rss>"));
    }

    [Fact]
    public void A_20_mb_page_is_read_to_the_end_without_failing()
    {
        // Not a test of the time limit (BadInputTests and ParseTimeLimitTests are): a loaded machine may
        // take longer than the default limit over a page this size.
        var parsers = ParserSelector.CreateDefault(new ParserOptions { TimeLimit = TimeSpan.FromMinutes(10) });
        var page = new StringBuilder("<!DOCTYPE html><html><head><title>长文_示例网</title></head><body><div class=\"article\"><h1>长文</h1>");
        const string paragraph = "<p>这是一段很长的正文，用来检验超大页面不会让解析失败。文章继续讲述事件的经过，并给出各方的说法。</p>";
        while (page.Length * 3 < 20 * 1024 * 1024) page.Append(paragraph);
        page.Append("<p>全文完。</p></div></body></html>");

        var result = parsers.Parse(Encoding.UTF8.GetBytes(page.ToString()), new InputOrigin("huge.html"));

        Assert.True(result.Succeeded, result.Error);
        Assert.EndsWith("全文完。", result.Article!.BodyText);
    }

    [Fact]
    public void A_placeholder_title_gives_way_to_the_texts_first_line_and_the_name_under_it()
    {
        var html = """
            <html><head><title>显示</title></head><body><table><tr><td>
            <p>路是人走出来的(下)</p><p>胡平</p><p>——论争取自由的方式及其相互关系(下)</p>
            <p>我们知道，还在奥尔森的理论提出之前，不少西方学者已经对相关的问题进行过不同的研究，提出过不同的理论解释了。</p>
            <p>其中最有影响的是结构理论，它强调社会结构对人们行为的制约作用，认为人们的选择受制于他们所处的结构位置。</p>
            </td></tr></table></body></html>
            """;
        var article = Parsers.Parse(System.Text.Encoding.UTF8.GetBytes(html), new NewsPortal.Core.Articles.InputOrigin("page.html", null)).Article!;
        Assert.Equal("路是人走出来的(下)", article.Title);
        Assert.Equal(["胡平"], article.Authors);
    }

    [Fact]
    public void A_page_with_no_headline_takes_the_archive_headers_title_not_its_lead_sentence()
    {
        var html = """
            <text id="http://news.example.cn/2019/1.html" title="13岁少年勇救落水儿童_北医新闻网" encoding="utf-8">
            <html><head></head><body><div class="content">
            <p>本报讯（实习记者 王小明）13岁的少年在河边看到有儿童落水，毫不犹豫地跳入水中将其救起，事后他说自己只是做了应该做的事。</p>
            <p>据了解，这名少年平时就热爱游泳，曾多次参加学校组织的游泳比赛并取得好成绩，老师和同学们都为他感到骄傲。</p>
            </div></body></html></text>
            """;
        var article = Parsers.Parse(Encoding.UTF8.GetBytes(html), new InputOrigin("page.html", null)).Article!;
        Assert.Equal("13岁少年勇救落水儿童", article.Title);
    }

    [Theory]
    [InlineData("北医新闻网_(新闻)")]
    [InlineData("人民网")]
    public void A_title_that_only_names_the_site_is_no_headline(string titleTag)
    {
        var html = $"""
            <html><head><title>{titleTag}</title></head><body><div class="content">
            <p>医学部举行新学期工作会议</p>
            <p>2019年9月2日上午，医学部在会议中心召开新学期工作会议，全面总结上学期工作，部署新学期重点任务，各单位负责人参加会议。</p>
            <p>会议指出，新学期要继续深化教育教学改革，加强学科建设和人才队伍建设，推动医学部各项事业高质量发展。</p>
            </div></body></html>
            """;
        var article = Parsers.Parse(Encoding.UTF8.GetBytes(html), new InputOrigin("page.html", null)).Article!;
        Assert.Equal("医学部举行新学期工作会议", article.Title);
    }
}
