using System.Text;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion;

/// <summary>Markdown feed dumps: the heading's layouts, the capture line, and dumps that are not right.</summary>
public sealed class MarkdownDumpHeadingTests
{
    private const string Body = "<div><i>Wed, 08 Nov 2023 18:25:56 GMT</i></div><p>正文第一段。<br /><br />正文第二段。</p>";

    /// <summary>A dump parsed as ingestion parses it: bytes through the selector, which must pick the dump parser.</summary>
    internal static ParseResult Select(string text) =>
        ParserSelector.CreateDefault().Parse(Encoding.UTF8.GetBytes(text), new InputOrigin("dump.md"));

    internal static ParsedArticle Parse(string text)
    {
        var result = Select(text);
        Assert.Equal(MarkdownFeedDumpParser.FormatName, result.Format);
        Assert.True(result.Succeeded, result.Error);
        return result.Article!;
    }

    [Theory]
    [InlineData("[Title with ] one bracket](https://x.com/a)", "Title with ] one bracket", "https://x.com/a")]
    [InlineData("[Unbalanced [ open](https://x.com/a)", "Unbalanced [ open", "https://x.com/a")]
    [InlineData("[[视频] 普京会见张又侠 [更新]](https://x.com/a)", "[视频] 普京会见张又侠 [更新]", "https://x.com/a")]
    [InlineData("[Typhoon Gaemi (2024) and a stray ) paren](https://x.com/a)", "Typhoon Gaemi (2024) and a stray ) paren", "https://x.com/a")]
    [InlineData("[Open ( paren](https://x.com/a)", "Open ( paren", "https://x.com/a")]
    [InlineData(@"[Escaped \[brackets\] and a \\ backslash](https://x.com/a)", @"Escaped [brackets] and a \ backslash", "https://x.com/a")]
    [InlineData(@"[A \(b\) c \d](https://x.com/a)", @"A (b) c \d", "https://x.com/a")]
    [InlineData("[2*3*4 and _not_ emphasis](https://x.com/a)", "2*3*4 and _not_ emphasis", "https://x.com/a")]
    [InlineData("[A &amp; B &#x4E2D;](https://x.com/a)", "A & B 中", "https://x.com/a")]
    [InlineData("[See [a](b) first](https://x.com/a)", "See [a](b) first", "https://x.com/a")]
    [InlineData("[Wiki](https://en.wikipedia.org/wiki/Typhoon_Gaemi_(2024))", "Wiki", "https://en.wikipedia.org/wiki/Typhoon_Gaemi_(2024)")]
    [InlineData(@"[Escaped paren](https://x.com/a\)b)", "Escaped paren", "https://x.com/a)b")]
    [InlineData("[Angle form](<https://x.com/a b(c>)", "Angle form", "https://x.com/a%20b(c")]
    [InlineData("[With a link title](https://x.com/a \"tooltip\")", "With a link title", "https://x.com/a")]
    [InlineData("[  Spaced\ttitle  ]( https://x.com/a )", "Spaced title", "https://x.com/a")]
    public void Reads_titles_and_urls_that_commonmark_alone_would_not(string heading, string title, string url)
    {
        var article = Parse(heading + "\n------\n\n" + Body);

        Assert.Equal(title, article.Title);
        Assert.Equal(url, article.Url);
        Assert.Equal("正文第一段。\n\n正文第二段。", article.BodyText);
    }

    [Theory]
    [InlineData("[标题](https://www.voachinese.com/a/1.html)\n===")]
    [InlineData("[标题](https://www.voachinese.com/a/1.html)\n======")]
    [InlineData("[标题](https://www.voachinese.com/a/1.html)\n---")]
    [InlineData("[标题](https://www.voachinese.com/a/1.html)\n------")]
    [InlineData("# [标题](https://www.voachinese.com/a/1.html)")]
    [InlineData("## [标题](https://www.voachinese.com/a/1.html)")]
    [InlineData("###### [标题](https://www.voachinese.com/a/1.html)")]
    [InlineData("# [标题](https://www.voachinese.com/a/1.html) #")]
    [InlineData("## [标题](https://www.voachinese.com/a/1.html) ###  ")]
    [InlineData("   ## [标题](https://www.voachinese.com/a/1.html)")]
    public void Reads_setext_and_atx_headings(string heading)
    {
        foreach (var newline in new[] { "\n", "\r\n" })
        {
            var article = Parse("<!--1699468744000-->" + newline + heading.Replace("\n", newline) + newline + newline + Body.Replace("\n", newline));

            Assert.Equal("标题", article.Title);
            Assert.Equal("https://www.voachinese.com/a/1.html", article.Url);
            Assert.Equal("正文第一段。\n\n正文第二段。", article.BodyText);
            Assert.DoesNotContain("#", article.BodyHtml);
            Assert.Equal(new DateTimeOffset(2023, 11, 8, 18, 25, 56, TimeSpan.Zero), article.PublishedAt);
        }
    }

    [Fact]
    public void Joins_a_setext_title_written_over_two_lines()
    {
        var article = Parse("[普京会见张又侠，\n盛赞中俄军事合作](https://www.voachinese.com/a/1.html)\n---\n" + Body);

        Assert.Equal("普京会见张又侠， 盛赞中俄军事合作", article.Title);
    }

    [Theory]
    [InlineData("<!--1699468744000-->", 1699468744000L)]
    [InlineData("<!-- 1699468744000 -->", 1699468744000L)]
    [InlineData("<!--1699468744-->", 1699468744000L)]
    public void Reads_the_capture_time_in_milliseconds_or_seconds(string line, long expectedMs)
    {
        var article = Parse(line + "\n[标题](https://x.com/a)\n---\n" + Body);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMs), article.CapturedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<!--16994687x4000-->\n")]
    [InlineData("<!--169946874400-->\n")] // 12 digits: neither seconds nor milliseconds
    [InlineData("<!--16994687440001-->\n")]
    [InlineData("<!---->\n")]
    [InlineData("<!-- captured yesterday -->\n")]
    [InlineData("<!--1699468744000\n")] // never closed
    public void A_missing_or_garbled_capture_line_leaves_the_capture_time_unknown(string line)
    {
        var article = Parse(line + "[标题](https://x.com/a)\n---\n" + Body);

        Assert.Null(article.CapturedAt);
        Assert.Equal("标题", article.Title);
        Assert.Equal("正文第一段。\n\n正文第二段。", article.BodyText);
    }

    [Theory]
    [InlineData("<!--1699468744000-->\n<div><i>Wed, 08 Nov 2023 18:25:56 GMT</i></div><p>正文。</p>", "found \"<div><i>Wed, 08 Nov 2023")]
    [InlineData("<!--1699468744000-->\n", "found nothing")]
    [InlineData("<!--1699468744000-->\n[标题](https://x.com/a)\n\n<p>正文。</p>", "found \"[标题](https://x.com/a)\"")] // a link line, but no === / --- under it
    [InlineData("[标题](https://x.com/a)\n\n---\n<p>正文。</p>", "found \"[标题](https://x.com/a)\"")] // a blank line makes --- a rule
    public void A_dump_with_no_heading_fails_naming_what_was_expected(string text, string found)
    {
        var result = Select(text);

        Assert.Equal(MarkdownFeedDumpParser.FormatName, result.Format);
        Assert.False(result.Succeeded);
        Assert.StartsWith("no heading: ", result.Error);
        Assert.Contains(found, result.Error);
        Assert.Contains("heading holding [title](url)", result.Error);
        Assert.Contains("=== or ---", result.Error);
    }

    [Theory]
    [InlineData("<!--1699468744000-->\n# 普京会见张又侠\n<p>正文。</p>", "holds no [title](url) link")]
    [InlineData("<!--1699468744000-->\n[标题]\n---\n<p>正文。</p>", "holds no [title](url) link")]
    [InlineData("[](https://x.com/a)\n---\n<p>正文。</p>", "no title text")]
    [InlineData("[标题](/a/1.html)\n---\n<p>正文。</p>", "not an absolute http(s) URL: /a/1.html")]
    [InlineData("[标题](javascript:alert(1))\n---\n<p>正文。</p>", "not an absolute http(s) URL")]
    public void A_heading_without_a_usable_link_fails_with_the_reason(string text, string reason)
    {
        var result = Select(text);

        Assert.Equal(MarkdownFeedDumpParser.FormatName, result.Format);
        Assert.False(result.Succeeded);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public void Keeps_an_item_that_has_only_a_title()
    {
        var article = Parse("<!--1716800400-->\n[人民网评：让“银发经济”成色更足](http://opinion.people.com.cn/n1/2024/0527/c1003-40243612.html)\n---\n");

        Assert.Equal("人民网评：让“银发经济”成色更足", article.Title);
        Assert.Equal("", article.BodyHtml);
        Assert.Equal("", article.BodyText);
        Assert.Equal("", article.Summary);
        Assert.Empty(article.Images);
        Assert.Null(article.PublishedAt);
        Assert.Equal("人民网", article.OutletName);
    }

    [Fact]
    public void Keeps_an_item_that_has_only_a_title_and_a_date_line()
    {
        var article = Parse("# [标题](https://x.com/a)\n\n<div><i>Wed, 08 Nov 2023 18:25:56 GMT</i></div>\n");

        Assert.Equal("", article.BodyText);
        Assert.Equal(new DateTimeOffset(2023, 11, 8, 18, 25, 56, TimeSpan.Zero), article.PublishedAt);
        Assert.False(article.PublishedZoneInferred);
    }

    [Fact]
    public void Flags_a_date_line_without_a_zone_as_China_time_inferred()
    {
        var article = Parse("# [普京会见张又侠](https://x.com/a)\n\n<div><i>2023-11-09 02:25:56</i></div>\n<p>俄罗斯总统普京在莫斯科会见中国中央军委副主席张又侠。</p>\n");

        Assert.Equal(new DateTimeOffset(2023, 11, 9, 2, 25, 56, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.True(article.PublishedZoneInferred);
    }

    [Fact]
    public void Renders_a_body_without_any_html_as_markdown()
    {
        var article = Parse("[标题](https://x.com/a/1.html)\n---\n\n第一段，*强调*。\n\n![现场](https://images.weserv.nl/?url=cdn.x.com/p.jpg&w=900)\n\n    第二段缩进四格，不是代码。\n");

        Assert.Equal("第一段，强调。\n\n第二段缩进四格，不是代码。", article.BodyText);
        Assert.Contains("<em>强调</em>", article.BodyHtml);
        Assert.Equal("https://cdn.x.com/p.jpg", Assert.Single(article.Images).Url);
        Assert.DoesNotContain("<code>", article.BodyHtml);
    }

    [Theory]
    [InlineData("<p>Text</p>\n<div>x</div>")] // no heading at all, and no capture line: an HTML fragment
    [InlineData("首页\n时间:2024-11-12 08:15:02 作者:李明\n标题\n  正文")]
    [InlineData("Just a line mentioning [a link](https://x.com) in prose.\n")]
    public void Does_not_claim_inputs_that_are_not_dumps(string text)
    {
        Assert.False(new MarkdownFeedDumpParser().CanParse(text));
    }

    [Theory]
    // The outlet's name from the table, with the short tail after it (法广's feed titles every item so).
    [InlineData("https://www.rfi.fr/cn/中国/20200810-a", "报复美国 中国制裁11名美方人士 – 法国国际广播电台 - RFI", "报复美国 中国制裁11名美方人士")]
    // The host's own label, when the table does not know the outlet.
    [InlineData("https://news.example-daily.com/a", "Flooding closes the coastal road | Example-Daily", "Flooding closes the coastal road")]
    [InlineData("https://www.bbc.com/zhongwen/a", "美卫生部长抵台 - BBC News 中文", "美卫生部长抵台")]
    // Parts that do not name the outlet stay: a column, a source the item quotes, a name inside the headline.
    [InlineData("https://www.rfi.fr/cn/a", "大爆炸推动黎巴嫩革命进入新阶段 - 要闻解说", "大爆炸推动黎巴嫩革命进入新阶段 - 要闻解说")]
    [InlineData("https://cn.reuters.com/a", "香港壹传媒主席黎智英因涉违国安法被捕--黎智英助手TWITTER", "香港壹传媒主席黎智英因涉违国安法被捕--黎智英助手TWITTER")]
    [InlineData("https://www.voachinese.com/a", "专访 - 美国之音记者谈香港采访", "专访 - 美国之音记者谈香港采访")]
    [InlineData("https://www.rfi.fr/cn/a", "法国国际广播电台", "法国国际广播电台")]
    public void A_feed_items_title_loses_the_outlets_name_its_feed_appends(string url, string heading, string title)
    {
        var article = Parse($"<!--1597000000000-->\n[{heading}]({url})\n------------\n\n{Body}");
        Assert.Equal(title, article.Title);
    }

    [Fact]
    public void A_body_that_only_repeats_the_title_is_no_body()
    {
        // BBC中文's feed gives a video the headline as its description.
        var article = Parse("<!--1597000000000-->\n[用歌声改变人生的九岁街童](https://www.bbc.com/zhongwen/simp/world-53712345)\n------------\n\n<p>用歌声改变人生的 九岁街童</p>");
        Assert.Equal("用歌声改变人生的九岁街童", article.Title);
        Assert.Equal("", article.BodyText);
        Assert.Equal("", article.BodyHtml);
        Assert.True(string.IsNullOrEmpty(article.Summary));

        // More than the title, or a picture with it, is a body.
        var longer = Parse("<!--1597000000000-->\n[用歌声改变人生的九岁街童](https://www.bbc.com/zhongwen/simp/world-53712346)\n------------\n\n<p>用歌声改变人生的九岁街童。他在街头唱歌。</p>");
        Assert.Equal("用歌声改变人生的九岁街童。他在街头唱歌。", longer.BodyText);
        var pictured = Parse("<!--1597000000000-->\n[用歌声改变人生的九岁街童](https://www.bbc.com/zhongwen/simp/world-53712347)\n------------\n\n<p><img src=\"https://ichef.bbci.co.uk/news/a.jpg\" alt=\"街童\">用歌声改变人生的九岁街童</p>");
        Assert.Equal("用歌声改变人生的九岁街童", pictured.BodyText);
    }

    [Fact]
    public void An_opening_paragraph_that_repeats_the_title_is_left_out()
    {
        // 美国之音's feed opens a video's text with its headline as a caption.
        var article = Parse("<!--1597000000000-->\n[德克萨斯一县至今无新冠确诊病例](https://www.voachinese.com/a/5537000.html)\n------------\n\n"
            + "<p><small>德克萨斯一县至今无新冠确诊病例</small></p><p>根据美国新冠病例数据，德克萨斯州排名第三。</p>");
        Assert.Equal("根据美国新冠病例数据，德克萨斯州排名第三。", article.BodyText);
        Assert.DoesNotContain("<small>", article.BodyHtml);
        Assert.Equal("根据美国新冠病例数据，德克萨斯州排名第三。", article.Summary);
        // Further down, the title is the article's own text.
        var later = Parse("<!--1597000000000-->\n[德克萨斯一县至今无新冠确诊病例](https://www.voachinese.com/a/5537001.html)\n------------\n\n"
            + "<p>根据美国新冠病例数据，德克萨斯州排名第三。</p><p>德克萨斯一县至今无新冠确诊病例</p>");
        Assert.Equal(2, later.BodyText.Split("\n\n").Length);
    }
}
