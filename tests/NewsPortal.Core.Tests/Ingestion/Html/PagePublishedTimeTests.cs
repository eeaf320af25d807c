using AngleSharp.Html.Parser;
using NewsPortal.Core.Ingestion.Html;

namespace NewsPortal.Core.Tests.Ingestion.Html;

/// <summary>Where a page's publication time is found when no tag gives it.</summary>
public sealed class PagePublishedTimeTests
{
    private static readonly TimeSpan Plus8 = TimeSpan.FromHours(8);

    private static PageMetadata Read(string html) => new HtmlMetadataReader().Read(new HtmlParser().ParseDocument(html), null);

    [Fact]
    public void A_blog_post_is_dated_by_a_date_on_a_line_of_its_own()
    {
        // The page's title names the blog; the post's own title sits in a table cell beside its date.
        var page = Read("""
            <html><head><title>海姑娘 | blog.example.com</title></head><body>
            <div>海姑娘 | blog.example.com</div><ul><li><a href="/a">首页</a></li><li><a href="/b">目录</a></li></ul>
            <table><tr><td class="post-title">湘菜粤菜 兵分两路</td><td class="post-title"><nobr>2005-06-14 03:25:55</nobr></td></tr>
            <tr><td>湘菜粤菜兵分两路，新鲜的是，湘菜浓妆淡抹，粤菜却是明艳照人。虽然湖南人喜欢吃辣，但碍于广东的炎热气候。</td></tr></table>
            <table><tr><td>澳坛真的累了</td><td>2005-06-13 15:00:14</td></tr></table>
            </body></html>
            """);
        Assert.Equal(new DateTimeOffset(2005, 6, 14, 3, 25, 55, Plus8), page.PublishedAt);
        Assert.True(page.PublishedZoneInferred);
    }

    [Theory]
    [InlineData("发布日期： 7/5/2005 9:23:57 PM", 2005, 7, 5, 21, 23)]
    [InlineData("Posted 12/1/2019 12:05 AM", 2019, 12, 1, 0, 5)]
    [InlineData("Posted 12/1/2019 12:05 p.m.", 2019, 12, 1, 12, 5)]
    public void Us_date_time_in_a_line(string line, int y, int m, int d, int hour, int minute)
    {
        Assert.True(PageTime.TryFind(line, chinese: false, yearHint: null, out var value, out _));
        Assert.Equal(new DateTime(y, m, d, hour, minute, 0), value.DateTime.AddSeconds(-value.Second));
    }

    [Fact]
    public void A_day_first_date_with_a_twenty_four_hour_clock_is_not_read_as_us()
    {
        Assert.False(PageTime.TryFind("13/5/2005 21:23", chinese: false, yearHint: null, out _, out _));
    }

    [Fact]
    public void A_date_rendered_from_an_attribute_in_the_article_header_dates_an_undated_page()
    {
        // furche.at (trafilatura corpus): the header's timeline shows the date from data-date by script.
        var page = Read("""
            <html lang="de"><head><title>Achtsam</title></head><body>
            <div class="article-header__content"><a href="#timeline"><div class="timeline-visual article-header__timeline"><div class="html-timeline">
            <div data-date="18. März 2020" class="timeline__arrow"></div></div></div></a><h1>Achtsam</h1></div>
            <p>Ein Absatz des Artikels, lang genug, um ein Absatz zu sein, und ohne ein Datum darin.</p></body></html>
            """);
        Assert.Equal(new DateTimeOffset(2020, 3, 18, 0, 0, 0, TimeSpan.Zero), page.PublishedAt);
        Assert.Equal("data-date", page.PublishedSource);
    }

    [Fact]
    public void The_first_element_classed_as_the_posts_date_dates_a_page_nothing_else_dates()
    {
        // bayrische-bembel.de (trafilatura corpus): an old CMS prints the date in itemPostDate only, and
        // no headline on the page anchors the meta line reader.
        var page = Read("""
            <html lang="de"><head><title>EFC Bayrische Bembel Regensburg - Eintracht Frankfurt stellt Weichen für die Zukunft - Eintracht Presse - News</title></head><body>
            <td class="itemInfo"><span class="itemPoster">Geschrieben von <a href="/userinfo.php?uid=6">Cooper</a></span> <span class="itemPostDate">am 25.08.2015 22:30</span></td>
            <p>Ein Absatz des Artikels, lang genug, um ein Absatz zu sein, und ohne ein Datum darin.</p></body></html>
            """);
        Assert.Equal(new DateTime(2015, 8, 25, 22, 30, 0), page.PublishedAt!.Value.DateTime);
        Assert.Equal("date-element", page.PublishedSource);
    }

    [Fact]
    public void Only_the_first_date_classed_element_counts_and_only_with_a_year()
    {
        // The first is the post's, and it shows no year; the next one is a comment's.
        var page = Read("""
            <html><head><title>Post</title></head><body><h1>Post</h1><span class="entry-date">Tuesday</span>
            <p>Ein Absatz des Artikels, lang genug, um ein Absatz zu sein, und ohne ein Datum darin.</p>
            <div class="comment"><span class="post-date">12.03.2016 10:00</span></div></body></html>
            """);
        Assert.Null(page.PublishedAt);
    }

    [Fact]
    public void A_data_date_outside_the_article_header_does_not_date_the_page()
    {
        var page = Read("""
            <html lang="de"><head><title>Achtsam</title></head><body><h1>Achtsam</h1>
            <p>Ein Absatz des Artikels, lang genug, um ein Absatz zu sein, und ohne ein Datum darin.</p>
            <aside class="calendar"><td data-date="2020-03-18">18</td></aside></body></html>
            """);
        Assert.Null(page.PublishedAt);
    }

    [Fact]
    public void A_date_inside_a_sentence_of_the_body_does_not_date_the_page()
    {
        var page = Read("""
            <html lang="en"><head><title>Maudlin</title></head><body><h1>Something else</h1>
            <p>On Apr 7, 2009 the committee met again, and nobody came.</p></body></html>
            """);
        Assert.Null(page.PublishedAt);
    }

    [Fact]
    public void A_blog_post_dated_in_its_footer_takes_the_footer_time_not_a_comment_time()
    {
        var page = Read("""
            <html><head><title>李建忠</title></head><body><h1><a href="/">李建忠</a></h1>
            <div class="post"><h2><a href="/p/1.aspx">很高兴入住博客堂</a></h2>
            <p>承蒙开心就好的邀请，很高兴入住博客堂。作为微软技术的知名社区，博客堂是一个做技术博客的好地方。</p>
            <p class="postfoot">发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)</p></div>
            <div class="comments"><h4># re: 很高兴入住博客堂 2004-12-27 12:46 flyingbirds</h4><p>呵呵</p>
            <h4>发表于 2004-12-27 12:53 寒星</h4></div>
            </body></html>
            """);
        Assert.Equal(new DateTimeOffset(2004, 12, 27, 12, 40, 0, Plus8), page.PublishedAt);
    }

    [Fact]
    public void An_update_labelled_in_german_under_the_headline_is_the_update_not_the_publication()
    {
        var page = Read("""
            <html lang="de"><head><title>Wie Umweltzerstörung neue Epidemien begünstigt</title>
            <meta property="article:published_time" content="2020-04-03T10:35:41Z"></head><body>
            <h1>Wie Umweltzerstörung neue Epidemien begünstigt</h1><div>Christoph von Eichhorn</div>
            <time datetime="2020-04-11T08:27:52Z">Aktualisiert: 11.04.2020, 10:27</time>
            <p>Dichter Rauch hing im Herbst des Jahres 1997 über Indonesien. Brände vernichteten fünf Millionen Hektar.</p>
            </body></html>
            """);
        Assert.Equal(new DateTimeOffset(2020, 4, 3, 10, 35, 41, TimeSpan.Zero), page.PublishedAt);
        Assert.Equal(new DateTimeOffset(2020, 4, 11, 10, 27, 0, TimeSpan.Zero), page.UpdatedAt);
    }

    [Fact]
    public void Structured_data_with_raw_line_breaks_in_a_string_is_still_read()
    {
        // Templates paste a multi-line description into the JSON as it is; JSON forbids the raw breaks.
        var page = Read("<html lang=\"pt\"><head><title>Chuva forte</title>\n"
            + "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Chuva forte\",\n"
            + "\"description\":\"Primeira linha\n\tsegunda linha \\\"citada\\\"\",\"datePublished\":\"2021-03-04T08:15:00-03:00\"}</script>\n"
            + "</head><body><h1>Chuva forte</h1><p>A chuva atingiu a cidade durante a noite.</p></body></html>");
        Assert.Equal(new DateTimeOffset(2021, 3, 4, 8, 15, 0, TimeSpan.FromHours(-3)), page.PublishedAt);
    }

    [Fact]
    public void A_time_shown_under_the_headline_on_another_day_than_the_tag_wins()
    {
        var page = Read("""
            <html lang="es"><head><title>Operación Orión</title>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Operación Orión","datePublished":"2022-05-05T21:00:00-05:00"}</script>
            </head><body><div class="Datetime">6 May 2022 - 2:00 a. m.</div><h1>Operación Orión</h1>
            <p>La JEP abrirá tres macrocasos.</p></body></html>
            """);
        Assert.Equal(new DateTimeOffset(2022, 5, 6, 2, 0, 0, TimeSpan.Zero), page.PublishedAt);
        Assert.True(page.PublishedZoneInferred);
    }

    [Fact]
    public void A_day_shown_without_a_time_does_not_overrule_the_tag()
    {
        var page = Read("""
            <html lang="en"><head><title>Meet the artist</title>
            <meta property="article:published_time" content="2023-11-06T10:00:09-08:00"></head><body>
            <h1>Meet the artist</h1><div>By Shana Nys Dambrot | October 27, 2023</div><p>Cultivation is more than a metaphor.</p></body></html>
            """);
        Assert.Equal(new DateTimeOffset(2023, 11, 6, 10, 0, 9, TimeSpan.FromHours(-8)), page.PublishedAt);
    }
}
