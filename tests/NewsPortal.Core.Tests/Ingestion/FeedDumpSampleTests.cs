using System.Text.RegularExpressions;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion;

/// <summary>The markdown dump of an RSS item (seed 002), field by field.</summary>
public sealed class FeedDumpSampleTests
{
    private const string ItemUrl = "https://www.voachinese.com/a/putin-lauds-russia-s-high-tech-military-cooperation-with-china-20231108/7346943.html";

    private static readonly ParsedArticle Article = TestData.ArticleOf(TestData.FeedDumpSeed);

    [Fact]
    public void Is_read_by_the_markdown_feed_dump_parser()
    {
        Assert.Equal(MarkdownFeedDumpParser.FormatName, TestData.ParseSeed(TestData.FeedDumpSeed).Format);
    }

    [Fact]
    public void Reads_title_and_url_from_the_heading_link()
    {
        Assert.Equal("普京会见张又侠，盛赞中俄高科技军事合作", Article.Title);
        Assert.Equal(ItemUrl, Article.Url);
        Assert.Equal(ItemUrl, Article.CanonicalUrl);
    }

    [Fact]
    public void Reads_pub_date_line_as_utc()
    {
        Assert.Equal(new DateTimeOffset(2023, 11, 8, 18, 25, 56, TimeSpan.Zero), Article.PublishedAt);
        Assert.False(Article.PublishedZoneInferred);
    }

    [Fact]
    public void Reads_capture_time_from_the_epoch_milliseconds_comment()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1699468744000), Article.CapturedAt);
    }

    [Fact]
    public void Names_the_outlet_from_the_url_host()
    {
        Assert.Equal("美国之音", Article.OutletName);
        Assert.Equal("voachinese.com", Article.OutletHost);
    }

    [Fact]
    public void Stores_unproxied_image_urls_and_keeps_the_proxy_as_fallback()
    {
        Assert.Equal(2, Article.Images.Count);
        Assert.Equal("https://gdb.voanews.com/01000000-0a00-0242-1524-08dbe0853e12_cx5_cy8_cw93_r1_s_w900.jpg", Article.Images[0].Url);
        Assert.Equal("https://gdb.voanews.com/01000000-c0a8-0242-3605-08dbe0853df5_w900.jpg", Article.Images[1].Url);
        Assert.All(Article.Images, image =>
        {
            Assert.StartsWith("https://images.weserv.nl/?url=gdb.voanews.com/", image.ProxyUrl);
            Assert.Equal(image.Url, ImageProxy.Unwrap(image.ProxyUrl!));
        });
        Assert.DoesNotContain("weserv", Article.BodyHtml);
    }

    [Fact]
    public void Captions_each_image_with_the_small_text_that_follows_it()
    {
        Assert.Equal("俄罗斯总统普京在莫斯科会见中共中央军委副主席张又侠，俄罗斯国防部长绍伊古出席会谈。（2023年11月8日）", Article.Images[0].Caption);
        Assert.Equal("俄罗斯总统普京在莫斯科会见中共中央军委副主席张又侠。（2023年11月8日）", Article.Images[1].Caption);
        Assert.Null(Article.Images[0].Alt);
        Assert.Equal("俄罗斯总统普京在莫斯科会见中共中央军委副主席张又侠。（2023年11月8日）", Article.Images[1].Alt);
        Assert.DoesNotContain("绍伊古出席会谈", Article.BodyText);
    }

    [Fact]
    public void Splits_paragraphs_at_double_line_breaks()
    {
        var raw = TestData.Text("seeds", TestData.FeedDumpSeed);
        var chunks = Regex.Matches(raw, "<p>(.*?)</p>", RegexOptions.Singleline)
            .Sum(m => m.Groups[1].Value.Split("<br /><br />").Length);

        Assert.Equal(18, chunks);
        Assert.Equal(chunks, Article.BodyText.Split("\n\n").Length);
        Assert.Equal(chunks, Regex.Matches(Article.BodyHtml, "<p>").Count);
        Assert.DoesNotContain("<br", Article.BodyHtml);
        Assert.StartsWith("俄罗斯总统普京周三（11月8日）", Article.BodyText);
        Assert.EndsWith("“中方对此向您表示敬意”。", Article.BodyText);
    }

    [Fact]
    public void Drops_the_empty_anchor()
    {
        Assert.DoesNotContain("7317251", Article.BodyHtml);
        Assert.DoesNotContain("<a", Article.BodyHtml);
    }

    [Fact]
    public void Keeps_the_date_line_out_of_the_body()
    {
        Assert.DoesNotContain("GMT", Article.BodyText);
        Assert.DoesNotContain("08 Nov 2023", Article.BodyHtml);
    }

    [Fact]
    public void Places_figures_between_the_paragraphs_they_stood_between()
    {
        var first = Article.BodyHtml.IndexOf("<figure><img src=\"https://gdb.voanews.com/01000000-0a00", StringComparison.Ordinal);
        var second = Article.BodyHtml.IndexOf("<figure><img src=\"https://gdb.voanews.com/01000000-c0a8", StringComparison.Ordinal);
        var fourthParagraph = Article.BodyHtml.IndexOf("普京在谈到他与习近平的关系时说", StringComparison.Ordinal);
        var fifthParagraph = Article.BodyHtml.IndexOf("美国将中国视为最大的竞争对手", StringComparison.Ordinal);

        Assert.Equal(0, first);
        Assert.InRange(second, fourthParagraph, fifthParagraph);
    }

    [Fact]
    public void Guesses_simplified_chinese_and_names_no_authors()
    {
        Assert.Equal("zh-Hans", Article.Language);
        Assert.Empty(Article.Authors);
        Assert.Empty(Article.SiteTeasers);
        Assert.Null(Article.ViewCount);
    }
}
