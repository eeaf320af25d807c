using NewsPortal.Core.Articles;
using AngleSharp.Html.Parser;
using NewsPortal.Core.Ingestion.Html;

namespace NewsPortal.Core.Tests.Ingestion.Html;

public sealed class HtmlMetadataReaderTests
{
    private static readonly TimeSpan Plus8 = TimeSpan.FromHours(8);

    private static PageMetadata Read(string html, string? url = null) =>
        new HtmlMetadataReader().Read(new HtmlParser().ParseDocument(html), url is null ? null : new Uri(url));

    [Fact]
    public void Reads_json_ld_article_inside_a_graph()
    {
        var page = Read("""
            <html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Example"},
              {"@type":["NewsArticle"],"headline":"Headline from LD","datePublished":"2023-11-08T08:00:00+08:00",
               "dateModified":"2023-11-09T10:00:00Z","author":[{"@type":"Person","name":"Jane Doe"},"John Smith"],
               "publisher":{"@type":"Organization","name":"Example News"},"image":[{"url":"/img/lead.jpg"}]}]}</script></head>
            <body><p>text</p></body></html>
            """, "https://example.com/news/1");
        Assert.Equal("Headline from LD", page.Title);
        Assert.Equal(new DateTimeOffset(2023, 11, 8, 8, 0, 0, Plus8), page.PublishedAt);
        Assert.False(page.PublishedZoneInferred);
        Assert.Equal(new DateTimeOffset(2023, 11, 9, 10, 0, 0, TimeSpan.Zero), page.UpdatedAt);
        Assert.Equal(["Jane Doe", "John Smith"], page.Authors);
        Assert.Equal("Example News", page.SiteName);
        Assert.Equal("https://example.com/img/lead.jpg", page.LeadImage);
    }

    [Fact]
    public void Malformed_json_ld_is_skipped_and_meta_tags_still_count()
    {
        var page = Read("""
            <html lang="en"><head><script type="application/ld+json">{"@type":"NewsArticle", "headline": </script>
            <meta property="og:title" content="OG headline"><meta property="article:published_time" content="2021-11-01T10:52:50+0100">
            <meta name="author" content="Aleš Vávra"><meta name="description" content="  A summary. "></head><body></body></html>
            """);
        Assert.Equal("OG headline", page.Title);
        Assert.Equal(new DateTimeOffset(2021, 11, 1, 10, 52, 50, TimeSpan.FromHours(1)), page.PublishedAt);
        Assert.Equal(["Aleš Vávra"], page.Authors);
        Assert.Equal("A summary.", page.Description);
        Assert.Equal("en", page.Language);
    }

    [Fact]
    public void Zone_less_meta_time_is_china_time_on_a_chinese_page()
    {
        var page = Read("""<html lang="zh-CN"><head><meta name="PubDate" content="2022-01-28 09:30:00"></head><body><p>正文</p></body></html>""");
        Assert.Equal(new DateTimeOffset(2022, 1, 28, 9, 30, 0, Plus8), page.PublishedAt);
        Assert.True(page.PublishedZoneInferred);
        Assert.Equal("zh-Hans", page.Language);
    }

    [Fact]
    public void Zone_less_meta_time_is_utc_on_other_pages()
    {
        var page = Read("""<html lang="de"><head><meta name="date" content="2019-04-28 06:01:07"></head><body><p>Text</p></body></html>""",
            "https://example.com/a");
        Assert.Equal(new DateTimeOffset(2019, 4, 28, 6, 1, 7, TimeSpan.Zero), page.PublishedAt);
        Assert.True(page.PublishedZoneInferred);
    }

    [Fact]
    public void Zone_less_time_on_a_country_host_is_that_country_s_time()
    {
        var summer = Read("""<html lang="de"><head><meta name="date" content="2019-04-28 06:01:07"></head><body><p>Text</p></body></html>""",
            "https://www.example.de/a");
        var winter = Read("""<html lang="de"><head><meta name="date" content="2019-12-28 06:01:07"></head><body><p>Text</p></body></html>""",
            "https://www.example.de/a");

        Assert.Equal(new DateTimeOffset(2019, 4, 28, 6, 1, 7, TimeSpan.FromHours(2)), summer.PublishedAt);
        Assert.Equal(TimeSpan.FromHours(2), summer.PublishedAt!.Value.Offset);
        Assert.Equal(TimeSpan.FromHours(1), winter.PublishedAt!.Value.Offset);
        Assert.True(summer.PublishedZoneInferred);
    }

    [Fact]
    public void Stated_utc_on_a_country_host_keeps_its_instant_in_that_country_s_time()
    {
        // 02:30 UTC on 10 March is the evening of the 9th in Santiago, the day its readers were shown.
        var page = Read("""<html lang="es"><head><meta property="article:published_time" content="2020-03-10T02:30:00Z"></head><body><p>Texto</p></body></html>""",
            "https://www.example.cl/a");

        Assert.Equal(new DateTimeOffset(2020, 3, 10, 2, 30, 0, TimeSpan.Zero), page.PublishedAt);
        Assert.Equal(TimeSpan.FromHours(-3), page.PublishedAt!.Value.Offset);
        Assert.Equal(9, page.PublishedAt.Value.Day);
        Assert.False(page.PublishedZoneInferred);
    }

    [Theory]
    [InlineData("https://www.example.com/2019/10/20/a-story/", "2019-10-20")]
    [InlineData("http://www.example.com/world/2019-10/20/c_1125131.htm", "2019-10-20")]
    [InlineData("http://www.example.gov.cn/zwgk/t20191020_123.html", "2019-10-20")]
    [InlineData("https://www.example.com/news/2019-10-20-a-story", "2019-10-20")]
    public void A_page_dated_nowhere_else_takes_the_day_in_its_address(string url, string day)
    {
        var page = Read("<html><head><title>A story</title></head><body><h1>A story</h1><p>Text of the story.</p></body></html>", url);

        Assert.Equal(day, page.PublishedAt!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(PublishedSources.Url, page.PublishedSource);
        Assert.True(page.PublishedZoneInferred);
    }

    [Theory]
    [InlineData("https://www.example.com/article/201910201/")]
    [InlineData("https://www.example.com/2019/02/30/no-such-day/")]
    [InlineData("https://www.example.com/2019/10-20/mixed/")]
    public void An_address_without_a_real_day_dates_nothing(string url)
    {
        var page = Read("<html><head><title>A story</title></head><body><h1>A story</h1><p>Text of the story.</p></body></html>", url);

        Assert.Null(page.PublishedAt);
    }

    [Fact]
    public void The_address_gives_way_to_any_date_the_page_states()
    {
        var page = Read("""<html><head><meta property="article:published_time" content="2019-10-21T08:00:00Z"></head><body><p>Text</p></body></html>""",
            "https://www.example.com/2019/10/20/a-story/");

        Assert.Equal(new DateTimeOffset(2019, 10, 21, 8, 0, 0, TimeSpan.Zero), page.PublishedAt);
    }

    [Fact]
    public void A_stated_offset_other_than_utc_is_kept()
    {
        var page = Read("""<html lang="de"><head><meta property="article:published_time" content="2020-03-10T02:30:00+05:00"></head><body><p>Text</p></body></html>""",
            "https://www.example.de/a");

        Assert.Equal(TimeSpan.FromHours(5), page.PublishedAt!.Value.Offset);
    }

    [Fact]
    public void Cn_host_makes_a_page_chinese_without_lang()
    {
        var page = Read("""<html><head><meta name="pubdate" content="2020-02-19 10:00"></head><body><p>Hello</p></body></html>""",
            "http://www.example.com.cn/a.htm");
        Assert.Equal(Plus8, page.PublishedAt!.Value.Offset);
    }

    [Fact]
    public void Parses_meta_line_under_the_headline_as_china_time()
    {
        var page = Read("""
            <html><head><title>中方回应美方制裁_国际新闻_环球网</title><meta property="og:site_name" content="环球网"></head><body>
            <ul><li><a href="/1">另一条新闻 2023-11-01 09:00</a></li></ul>
            <h1>中方回应美方制裁</h1>
            <div class="info"><span>时间：2023-11-08 08:00</span> <span>来源：环球时报</span> <span>作者：张三 李四</span> <span>阅读：1,234</span></div>
            <p>外交部发言人8日表示，中方坚决反对。</p>
            <p>责任编辑：王五</p>
            <div class="footer">2000-2023 版权所有 2023-12-01 10:00</div></body></html>
            """);
        Assert.Equal("中方回应美方制裁", page.Title);
        Assert.Equal(new DateTimeOffset(2023, 11, 8, 8, 0, 0, Plus8), page.PublishedAt);
        Assert.True(page.PublishedZoneInferred);
        Assert.Equal(["张三", "李四"], page.Authors);
        Assert.Equal("王五", page.Editor);
        Assert.Equal("环球时报", page.OriginalOutlet);
        Assert.Equal(1234, page.ViewCount);
    }

    [Theory]
    [InlineData("2023年11月8日 08:00", 8, 0)]
    [InlineData("发布时间：2023-11-08 08:00:12", 8, 0)]
    [InlineData("2023.11.08 08:00", 8, 0)]
    [InlineData("11-08 08:00", 8, 0)]
    public void Reads_shown_date_styles_near_the_headline(string shown, int hour, int minute)
    {
        var page = Read($"<html><body><h1>标题在这里</h1><div>{shown}</div><p>正文。</p></body></html>",
            "https://news.example.com/2023-11/08/c_1.htm");
        Assert.Equal(new DateTimeOffset(2023, 11, 8, hour, minute, 0, Plus8), page.PublishedAt!.Value.AddSeconds(-page.PublishedAt.Value.Second));
    }

    [Fact]
    public void Month_day_time_without_a_year_anywhere_is_not_a_date()
    {
        var page = Read("<html><body><h1>标题在这里</h1><div>11-08 08:00</div><p>正文。</p></body></html>", "https://example.com/a");
        Assert.Null(page.PublishedAt);
    }

    [Fact]
    public void Reported_by_agency_is_the_original_outlet()
    {
        var page = Read("<html><body><h1>标题在这里</h1><p>2023-11-08</p><p>据新华社报道，会议今天召开。</p></body></html>");
        Assert.Equal("新华社", page.OriginalOutlet);
    }

    [Fact]
    public void Chinese_text_under_an_english_lang_attribute_is_chinese()
    {
        var page = Read("<html lang=\"en\"><body><h1>刺死辱母者于欢的罪与悔</h1><p>2020-11-26 08:04 来源:中国新闻网</p><p>这是一段很长的中文正文，说明这个页面其实是中文的。</p></body></html>");
        Assert.Equal("zh-Hans", page.Language);
        Assert.Equal(new DateTimeOffset(2020, 11, 26, 8, 4, 0, Plus8), page.PublishedAt);
    }

    [Fact]
    public void Deeply_nested_broken_markup_does_not_overflow()
    {
        var html = "<html><body><h1>标题在这里</h1>" + string.Concat(Enumerable.Repeat("<div><font>", 5000)) + "深处</body></html>";
        Assert.Equal("标题在这里", Read(html).Title);
    }

    [Fact]
    public void A_date_in_the_headline_is_not_the_publish_time()
    {
        var page = Read("<html><body><h1>2023年11月1日国务院常务会议召开</h1><div>2023-11-08 08:00</div><p>正文。</p></body></html>");
        Assert.Equal(new DateTimeOffset(2023, 11, 8, 8, 0, 0, Plus8), page.PublishedAt);
    }

    [Fact]
    public void Labelled_publish_time_below_the_body_is_used_when_the_headline_has_none()
    {
        var lines = string.Concat(Enumerable.Range(1, 20).Select(i => $"<p>第{i}段正文，内容很长很长很长很长很长很长很长很长很长很长很长很长很长。</p>"));
        var page = Read($"<html><body><h1>标题在这里</h1>{lines}<p>发布时间：2023-11-08 08:00</p></body></html>");
        Assert.Equal(new DateTimeOffset(2023, 11, 8, 8, 0, 0, Plus8), page.PublishedAt);
    }

    private const string Cambrian = """
        <script type="application/ld+json">{"@context":"https://ziyuan.baidu.com/contexts/cambrian.jsonld","@id":"https://www.guancha.cn/a.shtml",
        "title":"我国集成电路进口突破3000亿美元","images":["https://i.guancha.cn/1.jpg"],"pubDate":"2019-09-07T15:14:21"}</script>
        """;

    [Fact]
    public void Baidu_cambrian_json_ld_dates_a_page_that_shows_no_time()
    {
        var page = Read($"<html><head>{Cambrian}</head><body><p>正文。</p></body></html>");
        Assert.Equal("我国集成电路进口突破3000亿美元", page.Title);
        Assert.Equal(new DateTimeOffset(2019, 9, 7, 15, 14, 21, Plus8), page.PublishedAt);
        Assert.Equal("https://i.guancha.cn/1.jpg", page.LeadImage);
    }

    [Fact]
    public void Shown_time_beats_the_baidu_push_time()
    {
        var page = Read($"<html><head>{Cambrian}</head><body><h1>我国集成电路进口突破3000亿美元</h1><div>2019-09-07 15:10:53 来源：EETOP</div></body></html>");
        Assert.Equal(new DateTimeOffset(2019, 9, 7, 15, 10, 53, Plus8), page.PublishedAt);
    }

    [Fact]
    public void Chinese_platform_meta_tags_date_the_page()
    {
        var page = Read("""<html><head><meta property="og:release_date" content="2020-11-26 08:04"/><meta name="ContentSource" content="吉林日报"></head><body><p>正文</p></body></html>""");
        Assert.Equal(new DateTimeOffset(2020, 11, 26, 8, 4, 0, Plus8), page.PublishedAt);
        Assert.Equal("吉林日报", page.OriginalOutlet);
    }

    [Fact]
    public void Year_split_from_month_and_day_on_the_same_line_dates_the_page()
    {
        var page = Read("""
            <html><body><h1>标题在这里</h1><div class="header-time"><span class="year"><em> 2023</em></span>
            <span class="day"><em> 11</em>/<em>08</em></span><span class="time"> 08:19:12</span></div><p>正文。</p></body></html>
            """);
        Assert.Equal(new DateTimeOffset(2023, 11, 8, 8, 19, 0, Plus8), page.PublishedAt);
    }

    [Fact]
    public void Meta_line_above_the_headline_beats_a_dated_lead_paragraph()
    {
        var page = Read("""
            <html><body><div>2023-11-08 08:00 来源：新华网</div><h1>国务院常务会议召开</h1>
            <p>2023年11月1日，国务院总理主持召开国务院常务会议，研究部署有关工作。</p></body></html>
            """);
        Assert.Equal(new DateTimeOffset(2023, 11, 8, 8, 0, 0, Plus8), page.PublishedAt);
    }

    [Fact]
    public void A_modified_time_equal_to_the_publication_is_not_the_update()
    {
        var page = new HtmlMetadataReader().Read(new HtmlParser().ParseDocument("""
            <html lang="cs"><head><meta property="article:modified_time" content="2021-11-01T12:34:23+01:00">
            <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-11-01T10:52:50+0100", "dateModified": "2021-11-01T10:52:50+0100"}</script>
            </head><body><p>x</p></body></html>
            """), null);
        Assert.Equal(new DateTimeOffset(2021, 11, 1, 12, 34, 23, TimeSpan.FromHours(1)), page.UpdatedAt);
    }

    [Fact]
    public void Html_entities_in_json_ld_text_are_decoded()
    {
        var page = new HtmlMetadataReader().Read(new HtmlParser().ParseDocument("""
            <html lang="en"><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Lynn&#8217;s team", "alternativeHeadline": "It&#8217;s slim &amp; none"}</script>
            </head><body><p>x</p></body></html>
            """), null);
        Assert.Equal("Lynn’s team", page.Title);
        Assert.Equal("It’s slim & none", page.Kicker);
    }

    [Theory]
    [InlineData("Published 2:16 AM EST Nov 20, 2019", 2019, 11, 20, 2, 16, -5, false)]
    [InlineData("Sunday, Feb 1, 2015 11:57 AM UTC", 2015, 2, 1, 11, 57, 0, false)]
    [InlineData("April 28, 2019 at 6:01 pm", 2019, 4, 28, 18, 1, 0, true)]
    [InlineData("Monday, November 18, 2019", 2019, 11, 18, 0, 0, 0, true)]
    [InlineData("18 November 2019", 2019, 11, 18, 0, 0, 0, true)]
    public void Reads_english_shown_dates_near_the_headline(string shown, int y, int mo, int d, int h, int mi, int zone, bool inferred)
    {
        var page = Read($"""<html lang="en"><body><h1>A headline here</h1><div>{shown}</div><p>Text of the story.</p></body></html>""");
        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, 0, TimeSpan.FromHours(zone)), page.PublishedAt);
        Assert.Equal(TimeSpan.FromHours(zone), page.PublishedAt!.Value.Offset);
        Assert.Equal(inferred, page.PublishedZoneInferred);
    }

    [Fact]
    public void The_date_after_an_update_label_is_the_update_and_the_one_before_it_the_publication()
    {
        var page = Read("""<html lang="en"><body><h1>A headline here</h1><div>November 18, 2019 at 2:26 PM HST - Updated November 19, 2019 at 4:46 PM</div><p>Text.</p></body></html>""");
        Assert.Equal(new DateTimeOffset(2019, 11, 18, 14, 26, 0, TimeSpan.FromHours(-10)), page.PublishedAt);
        // The update names no zone of its own: it is read like any zone-less time (UTC on an English page).
        Assert.Equal(new DateTimeOffset(2019, 11, 19, 16, 46, 0, TimeSpan.Zero), page.UpdatedAt);
    }

    [Fact]
    public void The_shown_time_refines_a_date_only_tag_and_wins_over_one_of_another_day()
    {
        var page = Read("""<html><head><meta name="publishdate" content="2017-03-10"></head><body><h1>标题在这里</h1><p>2017-03-10 09:58 来源：光明网</p><p>正文。</p></body></html>""");
        Assert.Equal(new DateTimeOffset(2017, 3, 10, 9, 58, 0, Plus8), page.PublishedAt);
        var otherDay = Read("""<html><head><meta name="publishdate" content="2017-03-10"></head><body><h1>标题在这里</h1><p>2017-03-11 09:58 来源：光明网</p><p>正文。</p></body></html>""");
        // The tag then names another day of the article's life (a print issue's): the page shows this one.
        Assert.Equal(new DateTimeOffset(2017, 3, 11, 9, 58, 0, Plus8), otherDay.PublishedAt);
    }

    [Theory]
    [InlineData("Published: 23. Juli 2017", 2017, 7, 23, 0, 0)]
    [InlineData("mardi 5 juin 2018", 2018, 6, 5, 0, 0)]
    [InlineData("27 de agosto de 2019", 2019, 8, 27, 0, 0)]
    [InlineData("10.12.2022 07:00 | Druckvorschau", 2022, 12, 10, 7, 0)]
    [InlineData("Redaktion 1. November 2023 10:29", 2023, 11, 1, 10, 29)]
    [InlineData("19. Oktober 2019 um 15:07 Uhr", 2019, 10, 19, 15, 7)]
    public void Reads_continental_european_shown_dates(string shown, int year, int month, int day, int hour, int minute)
    {
        var page = Read($"<html lang=\"de\"><body><h1>Eine Überschrift hier</h1><p>{shown}</p><p>Der Text des Artikels, lang genug.</p></body></html>");
        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero), page.PublishedAt);
        Assert.True(page.PublishedZoneInferred);
    }
}
