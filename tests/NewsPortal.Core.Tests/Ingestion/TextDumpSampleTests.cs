using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion;

/// <summary>The text dump of a scraped news page (seed 000), field by field.</summary>
public sealed class TextDumpSampleTests
{
    private static readonly ParsedArticle Article = TestData.ArticleOf(TestData.TextDumpSeed);

    private static string[] Paragraphs => Article.BodyText.Split("\n\n");

    [Fact]
    public void Is_read_by_the_text_dump_parser()
    {
        Assert.Equal(TextDumpParser.FormatName, TestData.ParseSeed(TestData.TextDumpSeed).Format);
    }

    [Fact]
    public void Reads_headline_after_the_time_line()
    {
        Assert.Equal("解局:中俄两军高层十天内会谈两次,释放了什么信号?", Article.Title);
    }

    [Fact]
    public void Reads_time_line_as_china_time()
    {
        Assert.Equal(new DateTimeOffset(2025, 5, 30, 17, 43, 44, TimeSpan.FromHours(8)), Article.PublishedAt);
        Assert.Equal(TimeSpan.FromHours(8), Article.PublishedAt!.Value.Offset);
        Assert.True(Article.PublishedZoneInferred);
    }

    [Fact]
    public void Body_starts_at_the_first_paragraph_after_the_headline()
    {
        Assert.StartsWith("据中国国防部官方公众号9日发布的消息", Article.BodyText);
        Assert.StartsWith("<p>据中国国防部官方公众号9日发布的消息", Article.BodyHtml);
    }

    [Fact]
    public void Body_ends_before_the_expand_button()
    {
        Assert.StartsWith("宋忠平表示", Paragraphs[^1]);
        Assert.EndsWith("才有能力来维护地区乃至世界的和平与稳定。”", Article.BodyText);
        Assert.Equal(13, Paragraphs.Length); // the thirteen indented lines between headline and button
    }

    [Fact]
    public void Reads_unindented_photo_caption_as_image_caption_not_body_text()
    {
        var image = Assert.Single(Article.Images);

        Assert.Null(image.Url);
        Assert.Null(image.ProxyUrl);
        Assert.Equal("当地时间11月8日,俄罗斯总统普京在莫斯科会见到访的中央军委副主席张又侠。图源:新华社", image.Caption);
        Assert.DoesNotContain("图源", Article.BodyText);
        Assert.DoesNotContain("当地时间11月8日", Article.BodyText);
        Assert.Contains("<figcaption>当地时间11月8日,", Article.BodyHtml);
    }

    [Theory]
    [InlineData("首页")]
    [InlineData("惠奈")]
    [InlineData("相关文章")]
    [InlineData("相关资讯")]
    [InlineData("热门资讯")]
    [InlineData("女王论坛")]
    [InlineData("展开全文")]
    [InlineData("麦迪观战中国女篮")]
    [InlineData("浏览量")]
    public void Keeps_page_furniture_out_of_the_body(string furniture)
    {
        Assert.DoesNotContain(furniture, Article.BodyText);
        Assert.DoesNotContain(furniture, Article.BodyHtml);
    }

    [Fact]
    public void Headline_in_author_field_gives_no_authors()
    {
        // The page's 作者: field holds "中方:坚决反对美方恶意封锁打压", a headline, not a name.
        Assert.Empty(Article.Authors);
    }

    [Fact]
    public void Reads_view_count_from_the_meta_line()
    {
        Assert.Equal(36876, Article.ViewCount);
    }

    [Fact]
    public void Keeps_site_teasers_apart_as_title_and_snippet_pairs()
    {
        // The dump's 相关文章 list has five headline lines, each followed by a longer snippet line.
        Assert.Equal(5, Article.SiteTeasers.Count);
        Assert.Equal("麦迪观战中国女篮", Article.SiteTeasers[0].Title);
        Assert.Equal("藏族青年:咖啡里的藏式风情将雪域百味与舌尖“碰撞”", Article.SiteTeasers[^1].Title);
        Assert.All(Article.SiteTeasers, t => Assert.False(string.IsNullOrWhiteSpace(t.Snippet), t.Title));
        Assert.All(Article.SiteTeasers, t => Assert.True(t.Snippet!.Length > t.Title.Length, t.Title));
        Assert.All(Article.SiteTeasers, t => Assert.Null(t.Url));
    }

    [Fact]
    public void Footer_line_under_the_last_heading_is_not_a_teaser()
    {
        Assert.DoesNotContain(Article.SiteTeasers, t => t.Title.Contains("女王论坛") || (t.Snippet ?? "").Contains("女王论坛"));
        Assert.DoesNotContain(Article.SiteTeasers, t => t.Title is "相关资讯" or "热门资讯");
    }

    [Fact]
    public void Guesses_simplified_chinese()
    {
        Assert.Equal("zh-Hans", Article.Language);
    }

    [Fact]
    public void Invents_no_url_or_outlet_the_page_does_not_state()
    {
        Assert.Null(Article.Url);
        Assert.Null(Article.CanonicalUrl);
        Assert.Null(Article.OutletName);
        Assert.Null(Article.CapturedAt);
    }

    [Fact]
    public void Takes_url_and_outlet_from_the_origin_when_the_operator_gives_them()
    {
        var origin = new InputOrigin("x.txt", "https://example.cn/a/1.html", "示例网", "example.cn");

        var article = ParserSelector.CreateDefault().Parse(TestData.Bytes("seeds", TestData.TextDumpSeed), origin).Article;

        Assert.NotNull(article);
        Assert.Equal("https://example.cn/a/1.html", article.Url);
        Assert.Equal("示例网", article.OutletName);
        Assert.Equal("example.cn", article.OutletHost);
    }

    [Fact]
    public void Summary_is_the_opening_of_the_first_paragraph()
    {
        Assert.StartsWith("据中国国防部官方公众号9日发布的消息", Article.Summary);
        Assert.True(Article.Summary.Length <= 161, Article.Summary);
    }
}
