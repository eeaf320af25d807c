using NewsPortal.Core.Articles;

namespace NewsPortal.Core.Tests.Ingestion;

/// <summary>Markdown feed dumps: the date line and the item's raw HTML, variant by variant.</summary>
public sealed class MarkdownDumpBodyTests
{
    private const string ItemUrl = "https://www.voachinese.com/a/news/7346943.html";

    private static ParsedArticle Dump(string body, string title = "标题") =>
        MarkdownDumpHeadingTests.Parse($"<!--1699468744000-->\n[{title}]({ItemUrl})\n------\n\n{body}\n");

    [Theory]
    [InlineData("Wed, 08 Nov 2023 18:25:56 GMT", "2023-11-08T18:25:56+00:00")]
    [InlineData("Wed, 08 Nov 2023 18:25:56 UTC", "2023-11-08T18:25:56+00:00")]
    [InlineData("Thu, 09 Nov 2023 02:25:56 +0800", "2023-11-09T02:25:56+08:00")]
    [InlineData("Wed, 08 Nov 2023 13:25:56 -0500", "2023-11-08T13:25:56-05:00")]
    [InlineData("Wed, 08 Nov 2023 13:25:56 EST", "2023-11-08T13:25:56-05:00")]
    [InlineData("Wed, 08 Nov 2023 10:25:56 PST", "2023-11-08T10:25:56-08:00")]
    [InlineData("Thu, 09 Nov 2023 02:25:56 CST", "2023-11-09T02:25:56+08:00")] // a Chinese item: China Standard Time
    [InlineData("08 Nov 2023 18:25:56 GMT", "2023-11-08T18:25:56+00:00")]
    [InlineData("  Wed, 8 Nov 2023 18:25:56 GMT  ", "2023-11-08T18:25:56+00:00")]
    public void Reads_the_rfc_1123_date_line_with_its_zone(string dateLine, string expected)
    {
        var article = Dump($"<div><i>{dateLine}</i></div><p>正文。</p>");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), article.PublishedAt);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, article.PublishedAt!.Value.Offset);
        Assert.Equal("正文。", article.BodyText);
    }

    [Fact]
    public void A_list_of_links_under_a_teaser_heading_is_no_part_of_the_body()
    {
        // 中央社 (clusters-dev 231): every item ends with its 延伸閱讀 links; RFI sets a 相关报道 link
        // between paragraphs; the feed relay adds its own addresses under every item (clusters-dev 012).
        // A paragraph that only cites its source with a link stays.
        var article = Dump("""
            <div><i>Mon, 10 Aug 2020 02:56:00 GMT</i></div><p>第一段。</p>
            <p>相关报道 <a href="https://www.rfi.fr/cn/x">塞尔维亚官方隆重迎接普京到访</a></p>
            <p>据<a href="https://www.reuters.com/x">路透社</a>报道，第二段。</p>
            <div class='paragraph moreArticle'><div class='moreArticle-title'>延伸閱讀</div><a class='moreArticle-link' href='https://www.cna.com.tw/news/firstnews/202007010338.aspx'><i class='icon-dot'></i><span>影片／港國安法首日七一抗爭 逾300人被捕10人違法</span></a><a class='moreArticle-link' href='https://www.cna.com.tw/news/acn/202008060330.aspx'><i class='icon-dot'></i><span>黃之鋒罪名又添一椿 參加六四晚會被警方控告</span></a></div>
            <br><hr><div>获取更多RSS：<br><a href="https://feedx.net" style="color:orange" target="_blank">https://feedx.net</a> <br><a href="https://feedx.xyz" style="color:orange" target="_blank">https://feedx.xyz</a><br></div>
            """);

        Assert.Equal("第一段。\n\n据路透社报道，第二段。", article.BodyText);
        Assert.DoesNotContain("黃之鋒", article.BodyHtml);
        Assert.DoesNotContain("feedx", article.BodyHtml);
    }

    [Fact]
    public void Copyright_lines_badges_and_credits_that_end_an_item_are_no_part_of_the_body()
    {
        // RFI's "© 2020 AFP", Reuters' trust badge, 中国数字时代's copyright line and its feed plugin's
        // credit (clusters-dev 012, 218, 019). The same words inside the text stay.
        var article = Dump("""
            <p>第一段。</p><p>© 2020年的这份报告说，第二段。</p>
            <div class="StandardArticleBody_trustBadgeContainer"><span>我们的标准：</span><span><a href="https://www.thomsonreuters.cn/x.pdf">汤森路透“信任原则”</a></span></div>
            <p class="t-copyright">© 2020 AFP</p>
            <p><small>© 一朵后浪 for 中国数字时代, get_post_time('Y'). |<a href="https://chinadigitaltimes.net/x">Permalink</a></small></p>
            <p><small>Feed enhanced by <a href='http://planetozh.com/x'>Better Feed</a> from <a href='http://planetozh.com/blog/'>Ozh</a></small></p>
            """);

        Assert.Equal("第一段。\n\n© 2020年的这份报告说，第二段。", article.BodyText);
        // The feed plugin's line credits the writer, whom the archiver's date line did not name.
        Assert.Equal(["一朵后浪"], article.Authors);
    }

    [Fact]
    public void A_paragraph_that_links_an_address_after_words_of_its_own_stays()
    {
        var article = Dump("""
            <p>第一段。</p><p>全文见政府网站：<a href="https://www.gov.cn/x">https://www.gov.cn/x</a>，另有附件。</p>
            """);

        Assert.Equal("第一段。\n\n全文见政府网站：https://www.gov.cn/x，另有附件。", article.BodyText);
    }

    [Fact]
    public void A_time_in_digits_opening_the_content_is_the_date_line_read_day_or_month_first_by_the_capture()
    {
        // Captured 2023-11-08T18:39:04Z: 8 November 19:25 is after the capture in UTC, before it in China
        // time; 11 August is before it too, but three months earlier.
        var article = Dump("<div><div>08/11/2023 - 19:25</div><p>正文。</p></div>");

        Assert.Equal(new DateTimeOffset(2023, 11, 8, 19, 25, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal(PublishedSources.DumpDateLine, article.PublishedSource);
        Assert.True(article.PublishedZoneInferred);
        Assert.Equal("正文。", article.BodyText);
        Assert.Equal("正文。", article.Summary);
    }

    [Theory]
    [InlineData("<p>2018-01-03</p><p>正文。</p>", "2018-01-03")]       // a repost opening with its original's date
    [InlineData("<div>09/12/2023 - 10:00</div><p>正文。</p>", "09/12/2023 - 10:00")] // 9 December is after the capture, 12 September weeks before it
    public void A_time_in_digits_far_from_the_capture_stays_in_the_body(string body, string firstLine)
    {
        var article = Dump(body);

        Assert.Null(article.PublishedAt);
        Assert.StartsWith(firstLine, article.BodyText);
    }

    [Fact]
    public void A_time_element_before_any_text_is_the_date_line_and_its_box_leaves_the_body()
    {
        var article = Dump("""<div><img src="https://example.com/a.jpg"/><div></div><aside><div><time dateTime="2023-11-08T00:00:00Z">Nov 8th 2023</time><meta itemProp="author" content="The Paper"/></div></aside><p>KOSMOS 2542, a satellite.</p></div>""");

        Assert.Equal(new DateTimeOffset(2023, 11, 8, 0, 0, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.False(article.PublishedZoneInferred);
        Assert.Equal("KOSMOS 2542, a satellite.", article.BodyText);
    }

    [Fact]
    public void A_paragraph_repeating_the_photos_alt_text_is_not_the_summary()
    {
        // 中央社: the caption in a block of its own after the photo, the same words as its alt text.
        var article = Dump("""<div><div><img src="https://example.com/p.jpg" alt="美國副總統彭斯10日在推特聲援表示。（圖取自推特）"></div><div class="picinfo">美國副總統彭斯10日在推特聲援表示。（圖取自推特）</div><p>（中央社記者華盛頓10日專電）正文第一段。</p></div>""");

        Assert.Equal("（中央社記者華盛頓10日專電）正文第一段。", article.Summary);
        Assert.StartsWith("美國副總統彭斯10日在推特聲援表示。", article.BodyText);
    }

    [Theory]
    [InlineData("<p>（欢迎点击此处订阅时报中文简报。）</p><p>香港——周一，香港警方逮捕了黎智英。</p>", "香港——周一，香港警方逮捕了黎智英。")]
    [InlineData("<p>(Editor's note: updated.)</p><p>The minister resigned.</p>", "The minister resigned.")]
    [InlineData("<p>（中央社台北9日電）颱風今天形成。</p>", "（中央社台北9日電）颱風今天形成。")] // a dateline opening the paragraph stays
    [InlineData("<p>（全文完）</p>", "（全文完）")] // nothing else to offer
    public void A_paragraph_that_is_one_parenthesis_is_not_the_summary(string body, string summary)
    {
        Assert.Equal(summary, Dump(body).Summary);
    }

    [Fact]
    public void Ruby_readings_stay_out_of_the_body()
    {
        var article = Dump("<div><i>Wed, 08 Nov 2023 18:25:56 GMT</i></div><p><a href=\"https://example.jp/d\"><ruby>児童<rt>じどう</rt></ruby></a>を<ruby>守<rp>(</rp><rt>まも</rt><rp>)</rp></ruby>る。</p>");

        Assert.Equal("児童を守る。", article.BodyText);
        Assert.DoesNotContain("まも", article.BodyHtml);
    }

    [Fact]
    public void Reads_cst_as_us_central_time_in_an_english_item()
    {
        var article = Dump("<div><i>Wed, 08 Nov 2023 12:25:56 CST</i></div><p>The president met the general in Moscow.</p>", "Putin meets Zhang");

        Assert.Equal(new DateTimeOffset(2023, 11, 8, 12, 25, 56, TimeSpan.FromHours(-6)), article.PublishedAt);
    }

    [Fact]
    public void Reads_the_date_line_written_on_its_own_line_or_with_em()
    {
        var article = Dump("<div>\n  <em>Wed, 08 Nov 2023 18:25:56 GMT</em>\n</div>\n<p>正文。</p>");

        Assert.Equal(new DateTimeOffset(2023, 11, 8, 18, 25, 56, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal("正文。", article.BodyText);
    }

    [Fact]
    public void An_item_without_a_date_line_has_no_publication_time()
    {
        var article = Dump("<p>正文。</p>");

        Assert.Null(article.PublishedAt);
        Assert.Equal("正文。", article.BodyText);
    }

    [Theory]
    [InlineData("Wed, 31 Feb 2023 25:61:00 GMT")]
    [InlineData("2023年11月8日 星期三")]
    [InlineData("")]
    public void An_unreadable_date_line_keeps_the_item_with_its_date_unknown(string dateLine)
    {
        var article = Dump($"<div><i>{dateLine}</i></div><p>正文。</p>");

        Assert.Null(article.PublishedAt);
        Assert.Equal("正文。", article.BodyText);
        Assert.DoesNotContain("<i>", article.BodyHtml);
    }

    [Fact]
    public void An_italic_lead_that_is_no_date_stays_in_the_body()
    {
        var article = Dump("<div><i>编者按：本文作者为资深评论员。</i></div><p>正文。</p>");

        Assert.Null(article.PublishedAt);
        Assert.Equal("编者按：本文作者为资深评论员。\n\n正文。", article.BodyText);
    }

    [Theory]
    [InlineData("https://images.weserv.nl/?url=gdb.voanews.com/a.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl?url=gdb.voanews.com/a.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("http://images.weserv.nl/?url=http://gdb.voanews.com/a.jpg", "http://gdb.voanews.com/a.jpg")]
    [InlineData("//images.weserv.nl/?url=gdb.voanews.com/a.jpg&w=900", "https://gdb.voanews.com/a.jpg")]
    [InlineData("images.weserv.nl/?url=gdb.voanews.com/a.jpg", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl/?url=https%3A%2F%2Fgdb.voanews.com%2Fa.jpg&amp;w=900&amp;h=600", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://images.weserv.nl/?w=900&url=ssl:gdb.voanews.com/a.jpg&output=webp", "https://gdb.voanews.com/a.jpg")]
    [InlineData("https://wsrv.nl/?url=gdb.voanews.com/a.jpg&h=600", "https://gdb.voanews.com/a.jpg")]
    [InlineData("//wsrv.nl/?url=ssl%3Agdb.voanews.com%2Fa.jpg", "https://gdb.voanews.com/a.jpg")]
    public void Unwraps_proxied_images_and_keeps_the_proxy_as_fallback(string src, string original)
    {
        var article = Dump($"<p>正文。</p><img src=\"{src}\">");

        var image = Assert.Single(article.Images);
        Assert.Equal(original, image.Url);
        Assert.NotNull(image.ProxyUrl);
        Assert.Contains("url=", image.ProxyUrl);
        Assert.StartsWith("http", image.ProxyUrl);
        Assert.Equal(original, article.LeadImage);
        Assert.Contains($"<img src=\"{original}\"", article.BodyHtml);
    }

    [Fact]
    public void An_image_that_is_not_proxied_has_no_proxy_url()
    {
        var image = Assert.Single(Dump("<img src=\"https://gdb.voanews.com/a.jpg\"><p>正文。</p>").Images);

        Assert.Equal("https://gdb.voanews.com/a.jpg", image.Url);
        Assert.Null(image.ProxyUrl);
    }

    [Theory]
    [InlineData("<img src=\"a.jpg\"><small>图说。</small><p>正文。</p>")]
    [InlineData("<img src=\"a.jpg\"><div><small style=\"color: #999;\">图说。</small></div><p>正文。</p>")]
    [InlineData("<div><img src=\"a.jpg\"><div><small>图说。</small></div></div><p>正文。</p>")]
    [InlineData("<p><img src=\"a.jpg\"><br><small>图说。</small></p><p>正文。</p>")]
    [InlineData("<p><img src=\"a.jpg\"></p>\n<p><small>图说。</small></p>\n<p>正文。</p>")]
    [InlineData("<div><img src=\"a.jpg\"></div> <div> <small> 图说。 </small> </div><p>正文。</p>")]
    [InlineData("<p><a href=\"big.jpg\"><img src=\"a.jpg\"></a></p><small>图说。</small><p>正文。</p>")]
    [InlineData("<figure><img src=\"a.jpg\"><figcaption>图说。</figcaption></figure><p>正文。</p>")]
    public void Attaches_the_caption_that_follows_an_image_inside_or_outside_its_block(string body)
    {
        var article = Dump(body);

        var image = Assert.Single(article.Images);
        Assert.Equal("https://www.voachinese.com/a/news/a.jpg", image.Url);
        Assert.Equal("图说。", image.Caption);
        Assert.Equal("正文。", article.BodyText);
        Assert.Contains("<figure><img src=\"https://www.voachinese.com/a/news/a.jpg\"><figcaption>图说。</figcaption></figure>", article.BodyHtml);
    }

    [Fact]
    public void A_small_after_text_is_text_not_a_caption()
    {
        var article = Dump("<img src=\"a.jpg\"><p>正文。</p><p><small>（完）</small></p>");

        Assert.Null(Assert.Single(article.Images).Caption);
        Assert.Equal("正文。\n\n（完）", article.BodyText);
    }

    [Theory]
    [InlineData("第一段。<br /><br />第二段。")]
    [InlineData("第一段。<br><br>第二段。")]
    [InlineData("第一段。<br/> <br/>第二段。")]
    [InlineData("第一段。<br>\n   \n<br>第二段。")]
    [InlineData("第一段。<br />\r\n<br />第二段。")]
    [InlineData("第一段。<br>&nbsp;<br>第二段。")]
    [InlineData("第一段。<br><br><br><br>第二段。")]
    [InlineData("<p>第一段。<br /><br />第二段。</p>")]
    [InlineData("<p><span>第一段。<br /><br />第二段。</span></p>")]
    [InlineData("<br><br>第一段。<br><br>第二段。<br><br>")]
    [InlineData("第一段。\n\n第二段。")] // a blank line is a paragraph break in a markdown file
    public void Turns_break_runs_into_paragraphs(string body)
    {
        var article = Dump(body);

        Assert.Equal("第一段。\n\n第二段。", article.BodyText);
        Assert.Equal("<p>第一段。</p><p>第二段。</p>", article.BodyHtml);
    }

    [Theory]
    [InlineData("第一行<br>第二行")]
    [InlineData("<p>第一行<br />\n第二行</p>")]
    [InlineData("<p>第一行<br/>第二行<br></p>")]
    public void Keeps_a_single_break_as_a_line_break(string body)
    {
        var article = Dump(body);

        Assert.Equal("第一行\n第二行", article.BodyText);
        Assert.Equal("<p>第一行<br>第二行</p>", article.BodyHtml);
    }

    [Theory]
    [InlineData("<p>正文。<a href=\"/a/7317251.html\"></a></p>")]
    [InlineData("<p>正文。</p><a href=\"/a/7317251.html\">   </a>")]
    [InlineData("<p>正文。<a href=\"/a/7317251.html\">&nbsp;</a></p>")]
    [InlineData("<p><span>正文。<a href=\"/a/7317251.html\"><span> </span></a></span></p>")]
    [InlineData("<p><b>正文。</b><a href=\"/a/7317251.html\">\n</a></p>")]
    public void Drops_empty_anchors(string body)
    {
        var article = Dump(body);

        Assert.DoesNotContain("<a", article.BodyHtml);
        Assert.DoesNotContain("7317251", article.BodyHtml);
        Assert.Equal("正文。", article.BodyText);
    }

    [Theory]
    [InlineData("/a/1.html", "https://www.voachinese.com/a/1.html")]
    [InlineData("1.html", "https://www.voachinese.com/a/news/1.html")]
    [InlineData("../b/2.html", "https://www.voachinese.com/a/b/2.html")]
    [InlineData("//www.voanews.com/a/3.html", "https://www.voanews.com/a/3.html")]
    [InlineData("?page=2", "https://www.voachinese.com/a/news/7346943.html?page=2")]
    [InlineData("#comments", "https://www.voachinese.com/a/news/7346943.html#comments")]
    [InlineData("https://www.rfa.org/x.html", "https://www.rfa.org/x.html")]
    public void Resolves_relative_links_and_images_against_the_item_url(string relative, string absolute)
    {
        var article = Dump($"<p>见<a href=\"{relative}\">此处</a>。</p><img src=\"{relative}\">");

        Assert.Contains($"<a href=\"{absolute}\"", article.BodyHtml);
        Assert.Equal(absolute, Assert.Single(article.Images).Url);
    }

    [Fact]
    public void Keeps_inline_markup_and_drops_what_the_sanitizer_does_not_allow()
    {
        var article = Dump("<p>他说：<strong>“非常重要”</strong><script>alert(1)</script><a href=\"javascript:alert(1)\">链接</a></p>");

        Assert.Contains("<strong>“非常重要”</strong>", article.BodyHtml);
        Assert.DoesNotContain("script", article.BodyHtml);
        Assert.DoesNotContain("javascript", article.BodyHtml);
    }
}
