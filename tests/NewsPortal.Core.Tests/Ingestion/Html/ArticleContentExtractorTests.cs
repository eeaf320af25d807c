using AngleSharp.Html.Parser;
using NewsPortal.Core.Ingestion.Html;

namespace NewsPortal.Core.Tests.Ingestion.Html;

public sealed class ArticleContentExtractorTests
{
    private static readonly Uri PageUrl = new("https://news.example.cn/a/2024/0101/123.html");

    private const string Paragraphs = """
        <p>新华社北京1月1日电，国家统计局今天发布数据显示，去年全国粮食总产量再创新高，连续多年稳定在一万三千亿斤以上。</p>
        <p>统计局有关负责人表示，粮食播种面积稳中有增，单产水平继续提高，主要粮食品种生产总体稳定，为稳定经济大盘提供了有力支撑。</p>
        <p>专家认为，今年要继续加强耕地保护和农田水利建设，推动种业振兴，确保谷物基本自给、口粮绝对安全，端牢中国人的饭碗。</p>
        """;

    private static PageContent Extract(string bodyHtml, string? title = null)
    {
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><head><title>t</title></head><body>" + bodyHtml + "</body></html>");
        return new ArticleContentExtractor().Extract(document, PageUrl, title);
    }

    [Fact]
    public void Finds_the_article_among_navigation_share_bars_and_footer()
    {
        var content = Extract($"""
            <div class="nav"><a href="/">首页</a> <a href="/gn">国内</a> <a href="/gj">国际</a> <a href="/cj">财经</a></div>
            <div class="main"><div class="share-bar"><a href="#">分享到微博</a><a href="#">分享到微信</a></div>
            <div class="article-content">{Paragraphs}</div></div>
            <div class="footer">版权所有 © 2024 新闻网 京ICP备12345678号 关于我们 联系我们</div>
            """);

        Assert.StartsWith("新华社北京1月1日电", content.BodyText);
        Assert.EndsWith("端牢中国人的饭碗。", content.BodyText);
        Assert.DoesNotContain("首页", content.BodyText);
        Assert.DoesNotContain("分享", content.BodyText);
        Assert.DoesNotContain("版权所有", content.BodyText);
        Assert.Equal(3, content.BodyText.Split("\n\n").Length);
        Assert.Equal(3, content.BodyHtml.Split("<p>").Length - 1);
    }

    [Fact]
    public void Drops_editor_lines_widget_labels_and_stops_at_the_disclaimer()
    {
        var content = Extract($"""
            <div id="content">{Paragraphs}
            <p>展开全文</p><p>返回顶部</p>
            <p>（责任编辑：王小明）</p>
            <p>免责声明：本文来自网络，不代表本站观点，如有侵权请联系删除。</p>
            <p>这一段在免责声明之后，不属于正文，哪怕它看起来像正文一样长，也应该被丢弃掉。</p></div>
            """);

        Assert.EndsWith("端牢中国人的饭碗。", content.BodyText);
        Assert.DoesNotContain("展开全文", content.BodyText);
        Assert.DoesNotContain("返回顶部", content.BodyText);
        Assert.DoesNotContain("责任编辑", content.BodyText);
        Assert.DoesNotContain("免责声明", content.BodyText);
    }

    [Fact]
    public void A_read_more_box_halfway_down_the_article_does_not_end_it()
    {
        // A teaser heading ends the article only where most of the text is behind it. With a box halfway
        // down, "most" was a matter of a few words: a standfirst of thirty words before it cut off the second
        // half of a long report (the rule now asks for twice as much text behind as ahead).
        const string paragraph = "<p>The committee heard evidence from nurses, midwives and doctors who described the conditions in the hospital wards, where power cuts, shortages of medicine and a lack of clean water have become part of every shift.</p>";
        var content = Extract($"""
            <div class="article-body">{paragraph}{paragraph}{paragraph}
            <h3>Read more</h3><p><a href="/other-story">A headline of another story on the same site</a></p>
            {paragraph}{paragraph}<p>The report will be published in full next month, the committee said on Tuesday.</p></div>
            """);

        Assert.EndsWith("the committee said on Tuesday.", content.BodyText);
        Assert.DoesNotContain("Read more", content.BodyText);
    }

    [Theory]
    [InlineData("本报记者 王燕平 方云凤 柏建斌", true)]
    [InlineData("本报实习生 刘国栋 周炜", true)]
    [InlineData("记者：张三、李四", true)]
    // In an interview 记者 labels the interviewer's questions: those are text.
    [InlineData("记者：你们的农机大市场在哪？", false)]
    [InlineData("记者：首先欢迎你来到新华网接受我们的采访，既然你是农机行业的专家，想必对农业也非常熟悉了", false)]
    public void A_newspaper_byline_line_is_a_staff_line_and_an_interview_question_is_not(string line, bool staff)
    {
        Assert.Equal(staff, NewsPortal.Core.Ingestion.BoilerplatePhrases.Default.IsEditorLine(line));
    }

    [Fact]
    public void Drops_a_bracketed_promotion_naming_the_site_but_keeps_a_line_that_only_opens_with_an_aside()
    {
        var content = Extract($"""
            <div id="content">{Paragraphs}
            <p>（更多内容见下文）据统计局介绍，目前相关部门仍在汇总各地上报的数据。</p>
            <p>（更多内容请继续关注 查报纸网 www.cbzw.com.cn）</p></div>
            """);

        Assert.DoesNotContain("继续关注", content.BodyText);
        Assert.EndsWith("仍在汇总各地上报的数据。", content.BodyText);
    }

    [Fact]
    public void Stops_at_a_blog_trackback_block()
    {
        var content = Extract($"""
            <div class="post">{Paragraphs}
            <p>Trackback</p>
            <p>你可以使用这个链接引用该篇文章 http://blog.example.cn/tb.b?diaryID=2756656</p></div>
            """);

        Assert.EndsWith("端牢中国人的饭碗。", content.BodyText);
        Assert.DoesNotContain("引用该篇文章", content.BodyText);
    }

    [Fact]
    public void Leaves_out_a_comment_section_longer_than_the_article()
    {
        var comments = string.Concat(Enumerable.Range(1, 12).Select(i =>
            $"<div class=\"comment-item\"><p>网友{i}：我觉得这个消息很好，粮食安全是国家的大事，希望今年继续丰收，农民的收入也能够提高。</p></div>"));
        var content = Extract($"<div class=\"article\">{Paragraphs}</div><div id=\"commentsContainer\">{comments}</div>");

        Assert.EndsWith("端牢中国人的饭碗。", content.BodyText);
        Assert.DoesNotContain("网友", content.BodyText);
    }

    [Fact]
    public void Reads_a_page_whose_every_wrapper_is_named_like_furniture()
    {
        var content = Extract($"<div class=\"post-comment-wrapper\"><div class=\"sidebar-layout\">{Paragraphs}</div></div>");

        Assert.StartsWith("新华社北京1月1日电", content.BodyText);
        Assert.EndsWith("端牢中国人的饭碗。", content.BodyText);
    }

    [Fact]
    public void Keeps_the_text_folded_behind_an_expand_button()
    {
        var content = Extract($"""
            <div class="article">{Paragraphs}
            <div class="lookall-box"><a href="javascript:;" class="show-all">展开全文</a></div>
            <div class="hidden-content control-hide"><p>折叠起来的后半篇正文，同样是文章的一部分，读者点开之后就能看到，应当保留下来。</p></div></div>
            """);

        Assert.DoesNotContain("展开全文", content.BodyText);
        Assert.EndsWith("应当保留下来。", content.BodyText);
    }

    [Fact]
    public void Keeps_teaser_lists_out_of_the_body_and_returns_them_as_related()
    {
        var content = Extract($"""
            <div class="article">{Paragraphs}</div>
            <div class="box"><h3>相关文章</h3>
            <ul><li><a href="/a/2024/0101/124.html">国家统计局发布去年经济数据</a></li>
            <li><a href="https://other.example.com/x.html">粮食产量连续多年稳定增长</a></li></ul></div>
            """);

        Assert.DoesNotContain("相关文章", content.BodyText);
        Assert.DoesNotContain("经济数据", content.BodyText);
        Assert.Equal(2, content.Related.Count);
        Assert.Equal("国家统计局发布去年经济数据", content.Related[0].Title);
        Assert.Equal("https://news.example.cn/a/2024/0101/124.html", content.Related[0].Url);
        Assert.Equal("https://other.example.com/x.html", content.Related[1].Url);
    }

    [Fact]
    public void Resolves_lazy_images_and_takes_the_caption_line_after_them()
    {
        var content = Extract($"""
            <div class="content">
            <p><img src="/static/loading.gif" data-original="/img/2024/a.jpg" alt="粮田"></p>
            <p style="text-align:center">图为秋收时节的粮田。</p>
            {Paragraphs}
            <p><img srcset="/img/b-small.jpg 480w, /img/b-large.jpg 1200w" src="/img/b-small.jpg"></p>
            <p>农民在田间劳作，准备迎接新一年的春耕生产，各地农机合作社也在抓紧检修设备。</p>
            </div>
            """);

        Assert.Equal(2, content.Images.Count);
        Assert.Equal("https://news.example.cn/img/2024/a.jpg", content.Images[0].Url);
        Assert.Equal("图为秋收时节的粮田。", content.Images[0].Caption);
        Assert.Equal("粮田", content.Images[0].Alt);
        Assert.Equal("https://news.example.cn/img/b-large.jpg", content.Images[1].Url);
        Assert.Null(content.Images[1].Caption);
        Assert.Contains("<figcaption>图为秋收时节的粮田。</figcaption>", content.BodyHtml);
        Assert.DoesNotContain("loading.gif", content.BodyHtml);
    }

    [Fact]
    public void Drops_the_repeated_headline_and_the_dateline()
    {
        var content = Extract($"""
            <div class="article"><div class="title">去年全国粮食总产量再创新高</div>
            <div class="info">2024-01-01 10:30 来源：新华社</div>{Paragraphs}</div>
            """, title: "去年全国粮食总产量再创新高");

        Assert.StartsWith("新华社北京1月1日电", content.BodyText);
        Assert.DoesNotContain("来源：新华社", content.BodyText);
    }

    [Fact]
    public void Drops_the_headline_when_the_title_carries_the_site_name()
    {
        var content = Extract($"<div class=\"article\"><h2>去年全国粮食总产量再创新高</h2>{Paragraphs}</div>", title: "去年全国粮食总产量再创新高_新闻网");

        Assert.StartsWith("新华社北京1月1日电", content.BodyText);
    }

    [Fact]
    public void Reads_old_layout_tables_with_br_separated_paragraphs()
    {
        var content = Extract("""
            <table><tr><td><a href="/">首页</a> | <a href="/news">新闻</a></td></tr>
            <tr><td class="text">　　第一段正文，讲述了事情的起因和经过，内容比较长，足以构成一个段落。<br><br>
            　　第二段正文，记者在现场看到，工人们正在紧张施工，预计年底前完工。<br><br>
            　　第三段正文，有关部门表示，将进一步加强监管，确保工程质量和安全。</td></tr></table>
            """);

        Assert.Equal(
            ["第一段正文，讲述了事情的起因和经过，内容比较长，足以构成一个段落。", "第二段正文，记者在现场看到，工人们正在紧张施工，预计年底前完工。", "第三段正文，有关部门表示，将进一步加强监管，确保工程质量和安全。"],
            content.BodyText.Split("\n\n"));
    }

    [Fact]
    public void Keeps_a_data_table_as_a_table()
    {
        var content = Extract($"""
            <div class="content">{Paragraphs}
            <table><tr><th>指标</th><th>数值</th></tr><tr><td>粮食总产量</td><td>13908亿斤</td></tr><tr><td>播种面积</td><td>17.9亿亩</td></tr></table></div>
            """);

        Assert.Contains("<table>", content.BodyHtml);
        Assert.Contains("粮食总产量 13908亿斤", content.BodyText);
    }

    [Fact]
    public void Finds_an_english_article_split_into_one_paragraph_cards()
    {
        var cards = string.Join("", Enumerable.Range(1, 6).Select(i =>
            $"<div class=\"card\"><div class=\"card-content\"><p>Paragraph {i} of the story says something, with a clause or two, and ends here.</p></div></div>"));
        var content = Extract($"""
            <header><nav><a href="/">Home</a><a href="/news">News</a></nav></header>
            <div class="collection">{cards}</div>
            <aside class="sidebar"><h2>Most read</h2><a href="/x">Something else entirely happened today</a></aside>
            """);

        Assert.StartsWith("Paragraph 1 of the story", content.BodyText);
        Assert.EndsWith("Paragraph 6 of the story says something, with a clause or two, and ends here.", content.BodyText);
        Assert.DoesNotContain("Most read", content.BodyText);
    }

    [Fact]
    public void Body_html_is_sanitizer_stable_and_links_are_absolute()
    {
        var many = string.Concat(Enumerable.Range(1, 150).Select(i => $"<p>第{i}段，正文里有一个<a href=\"/link/{i}\">链接</a>，还有<strong>强调</strong>的文字，以及足够长的句子。</p>"));
        var content = Extract($"<div class=\"content\"><blockquote><p>引用的第一句话，很重要。</p><p>引用的第二句话。</p></blockquote>{many}</div>");

        Assert.Equal(content.BodyHtml, new NewsPortal.Core.Ingestion.HtmlSanitizer().Sanitize(content.BodyHtml));
        Assert.Contains("<blockquote><p>引用的第一句话，很重要。</p><p>引用的第二句话。</p></blockquote>", content.BodyHtml);
        Assert.Contains("href=\"https://news.example.cn/link/150\"", content.BodyHtml);
        Assert.Equal(152, content.BodyText.Split("\n\n").Length);
    }

    [Fact]
    public void Leaves_the_document_unchanged()
    {
        var document = new HtmlParser().ParseDocument($"<html><body><div class=\"nav\">首页</div><div>{Paragraphs}</div></body></html>");
        var before = document.DocumentElement.OuterHtml;

        new ArticleContentExtractor().Extract(document, null, null);

        Assert.Equal(before, document.DocumentElement.OuterHtml);
    }

    [Fact]
    public void Returns_empty_content_for_a_page_without_text()
    {
        var content = Extract("<div><a href=\"/\">首页</a></div>");

        Assert.Equal("", content.BodyText);
        Assert.Empty(content.Images);
    }

    [Fact]
    public void A_page_builders_layout_boxes_are_not_furniture()
    {
        // Elementor wraps every column in "elementor-widget-wrap" and every block in "elementor-widget": the
        // article sits inside them on every page the builder makes.
        var content = Extract($"""
            <div class="elementor-column elementor-top-column"><div class="elementor-widget-wrap elementor-element-populated">
            <div class="elementor-element elementor-widget elementor-widget-share-buttons"><div class="elementor-widget-container">
            <a href="#">Share on facebook</a></div></div>
            <div class="elementor-element elementor-widget elementor-widget-theme-post-text"><div class="elementor-widget-container">{Paragraphs}</div></div>
            </div></div>
            <div class="widget sidebar-box">热门文章 排行榜 推荐阅读</div>
            """);
        Assert.Contains("国家统计局今天发布数据显示", content.BodyText);
        Assert.DoesNotContain("热门文章", content.BodyText);
    }

    [Theory]
    [InlineData("原创 南方都市报 2019-09-09 16:01:46")]
    [InlineData("21:17 18.11.2019Get short URL")]
    [InlineData("2023年11月08日 08:00")]
    public void A_dateline_before_the_first_paragraph_is_not_body_text(string dateline)
    {
        var content = Extract($"""<div class="article-content"><p>{dateline}</p>{Paragraphs}</div>""");
        Assert.StartsWith("新华社北京1月1日电", content.BodyText);
    }

    [Fact]
    public void A_first_paragraph_that_starts_with_a_date_is_body_text()
    {
        var content = Extract($"""<div class="article-content"><p>2023年11月8日 08:00，国务院常务会议在北京召开，研究部署进一步优化营商环境的措施。</p>{Paragraphs}</div>""");
        Assert.StartsWith("2023年11月8日 08:00，国务院常务会议", content.BodyText);
    }
}
