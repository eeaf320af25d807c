using AngleSharp.Html.Parser;
using NewsPortal.Core.Ingestion.Html;

namespace NewsPortal.Core.Tests.Ingestion.Html;

public sealed class PageTitleMetadataTests
{
    private static PageMetadata Read(string html, string? url = null) =>
        new HtmlMetadataReader().Read(new HtmlParser().ParseDocument(html), url is null ? null : new Uri(url));

    [Theory]
    [InlineData("工商部门初定SKII广告属于虚假宣传-搜狐财经", null, "工商部门初定SKII广告属于虚假宣传")]
    [InlineData("宇航员喝酒会怎么样 _探索者 _光明网", "光明网", "宇航员喝酒会怎么样")]
    [InlineData("Minecraft exploit makes it easy to crash servers | Ars Technica", "Ars Technica", "Minecraft exploit makes it easy to crash servers")]
    [InlineData("SK-II and COVID-19 in one headline", null, "SK-II and COVID-19 in one headline")]
    [InlineData("Biden - Xi meeting: what to expect - BBC News", "BBC News", "Biden - Xi meeting: what to expect")]
    [InlineData("Biden - Xi meeting: what to expect - BBC News", null, "Biden - Xi meeting: what to expect")]
    [InlineData("Messi - the greatest", null, "Messi - the greatest")]
    [InlineData("光明网 | 宇航员喝酒会怎么样", "光明网", "宇航员喝酒会怎么样")]
    [InlineData("脂溢性脱发：爱出油快秃顶？-报社新闻-查报纸网", null, "脂溢性脱发：爱出油快秃顶？")]
    [InlineData("新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::", "史蒂文的家_藍天", "新竹尖石_美樹營地賞楓 (2)")]
    [InlineData("A long trip report from the mountains @ My Blog", null, "A long trip report from the mountains")]
    [InlineData("Neue Brücke über den Fluss eröffnet » Tagesblatt Online", null, "Neue Brücke über den Fluss eröffnet")]
    [InlineData("Neue Brücke über den Fluss eröffnet › Lokales › TBO", null, "Neue Brücke über den Fluss eröffnet")]
    [InlineData("A long report on the floods / The Daily", "The Daily", "A long report on the floods")]
    [InlineData("Rain / snow mix expected across the region tonight", null, "Rain / snow mix expected across the region tonight")]
    [InlineData("Four Years Remaining » Blog Archive » Interning of Small Integers in Python", null, "Interning of Small Integers in Python")]
    [InlineData("Disfunctions.de » Blog Archiv » Podcasts in Plex einbinden", null, "Podcasts in Plex einbinden")]
    [InlineData("Blog Archive: what we kept from ten years of posts", null, "Blog Archive: what we kept from ten years of posts")]
    public void Title_tag_loses_its_site_name(string titleTag, string? siteName, string expected)
    {
        var og = siteName is null ? "" : $"<meta property=\"og:site_name\" content=\"{siteName}\">";
        Assert.Equal(expected, Read($"<html><head><title>{titleTag}</title>{og}</head><body></body></html>").Title);
    }

    [Fact]
    public void H1_vouched_for_by_the_title_tag_wins()
    {
        var page = Read("""
            <html><head><title>书记市长这一周 | 奋马扬鞭争春色_交汇点</title></head>
            <body><h1><a href="/">交汇点</a></h1><h1>书记市长这一周 | 奋马扬鞭争春色</h1></body></html>
            """);
        Assert.Equal("书记市长这一周 | 奋马扬鞭争春色", page.Title);
    }

    [Fact]
    public void A_site_logo_h1_is_not_the_headline()
    {
        var page = Read("""
            <html><head><meta property="og:site_name" content="史蒂文的家_藍天">
            <meta property="og:title" content="新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::"></head>
            <body><h1>痞客邦 PIXNET</h1><h1><a href="/blog">史蒂文的家_藍天</a></h1><h2>新竹尖石_美樹營地賞楓 (2)</h2></body></html>
            """);
        Assert.Equal("新竹尖石_美樹營地賞楓 (2)", page.Title);
    }

    [Fact]
    public void H1_marked_entry_title_wins_over_a_reworded_og_title()
    {
        // thepostpartumparty.com (trafilatura corpus): og:title and <title> carry an SEO wording.
        var page = Read("""
            <html><head><title>20 Clever Ideas for your Small Nursery - The Postpartum Party</title>
            <meta property="og:site_name" content="The Postpartum Party">
            <meta property="og:title" content="Clever Ideas to Set Up Baby&#039;s Nursery in A Small Space"></head>
            <body><h1 class="entry-title">20 Clever Small Nursery Ideas When You&#8217;re Tight On Space + Free Printable</h1></body></html>
            """);
        Assert.Equal("20 Clever Small Nursery Ideas When You\u2019re Tight On Space + Free Printable", page.Title);
    }

    [Fact]
    public void Post_title_marked_in_an_h3_under_the_sites_h1_is_the_headline_when_the_title_tag_opens_with_it()
    {
        // archiv.krimiblog.de (trafilatura corpus): the theme sets the blog's name in the h1 and the
        // post's title in h3.entry-title; the <title> joins them with " : ", which no rule may cut at.
        var page = Read("""
            <html><head><title>Das vermutlich schwulste Musikvideo der Welt :  Krimiblog-Archiv | Ermittlungen zum Verfall eines Genres | Gegründet 2005 | 6. Jahrgang </title></head>
            <body><h1 class="vcard author"><a href="http://archiv.krimiblog.de/" class="fn">Krimiblog-Archiv</a></h1>
            <div class="hentry"><h3 class="entry-title">Das vermutlich schwulste Musikvideo der Welt</h3><p>Text des Eintrags.</p></div></body></html>
            """);
        Assert.Equal("Das vermutlich schwulste Musikvideo der Welt", page.Title);
    }

    [Fact]
    public void Heading_marked_as_a_headline_below_the_h1_that_the_title_tag_does_not_open_with_is_not_the_headline()
    {
        // link.springer.com (trafilatura corpus): the h1's itemprop is "name headline"; an h2 of the
        // journal's collection is marked too.
        var page = Read("""
            <html><head><title>Drug Reaction with Eosinophilia and Systemic Symptoms (DRESS) Syndrome and the Rheumatologist | SpringerLink</title></head>
            <body><h1 itemprop="name headline">Drug Reaction with Eosinophilia and Systemic Symptoms (DRESS) Syndrome and the Rheumatologist</h1>
            <h2 itemprop="headline">Topical Collection on Orphan Diseases</h2><p>Text.</p></body></html>
            """);
        Assert.Equal("Drug Reaction with Eosinophilia and Systemic Symptoms (DRESS) Syndrome and the Rheumatologist", page.Title);
    }

    [Fact]
    public void Marked_h1_holding_the_tagged_headline_after_a_kicker_gives_way_to_the_tag()
    {
        // tegernseerstimme.de (trafilatura corpus): the kicker sits in a span inside the entry-title h1.
        var page = Read("""
            <html><head><meta property="og:site_name" content="Tegernseerstimme"><meta property="og:title" content="Klimavorreiter Oberland? - Tegernseerstimme"></head>
            <body><h1 class="entry-title"><span class='sub-heading'>Energiewende Oberland:</span></br> Klimavorreiter Oberland?</h1></body></html>
            """);
        Assert.Equal("Klimavorreiter Oberland?", page.Title);
    }

    [Fact]
    public void H1_that_goes_on_where_the_tagged_headline_stops_is_the_whole_headline()
    {
        // battery-news.de (trafilatura corpus): the tags hold a headline shortened for search results.
        var page = Read("""
            <html><head><title>Ultium Cells erhöht Gigafactory-Kapazität - Battery-News.de</title>
            <meta property="og:site_name" content="Battery-News.de">
            <meta property="og:title" content="Ultium Cells erhöht Gigafactory-Kapazität - Battery-News.de">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Ultium Cells erhöht Gigafactory-Kapazität"}</script></head>
            <body><h1 style="text-align: center;">Ultium Cells erhöht Gigafactory-Kapazität in Tennessee</h1></body></html>
            """);
        Assert.Equal("Ultium Cells erhöht Gigafactory-Kapazität in Tennessee", page.Title);
    }

    [Fact]
    public void Subtitle_set_inside_the_h1_is_not_part_of_the_headline()
    {
        // tofugu.com (trafilatura corpus).
        var page = Read("""
            <html><head><meta content='Dezuka Suisan: Deep-Fried Fish Cakes, Hot and Fresh' property='og:title'></head>
            <body><h1 class='article-title'> <span class='article-highlight'> Dezuka Suisan: Deep-Fried Fish Cakes, Hot <span class="conjunction">and</span> Fresh </span>
            <small class='article-subtitle'> <span class='article-highlight'> Welcome to the Flavor Capital of Northern Japan </span> </small> </h1></body></html>
            """);
        Assert.Equal("Dezuka Suisan: Deep-Fried Fish Cakes, Hot and Fresh", page.Title);
    }

    [Fact]
    public void Kicker_the_page_sets_apart_is_cut_from_a_title_that_joins_it()
    {
        // spektrum.de (trafilatura corpus): the tags and a breadcrumb h1 join kicker and headline with a colon.
        var page = Read("""
            <html><head><meta property="og:title" content="Covid-19: Lässt sich die Coronavirus-Ausbreitung in Deutschland kontrollieren?"></head>
            <body><ol><li><span class="show-for-sr">Aktuelle Seite: </span><h1 itemprop="name">Covid-19: Lässt sich die Coronavirus-Ausbreitung in Deutschland kontrollieren?</h1></li></ol>
            <header><h2> <span class="content__kicker">Covid-19</span><span class="sr-only">: </span> <span class="content__title">Lässt sich die Coronavirus-Ausbreitung in Deutschland kontrollieren?</span></h2></header></body></html>
            """);
        Assert.Equal("Lässt sich die Coronavirus-Ausbreitung in Deutschland kontrollieren?", page.Title);
        Assert.Equal("Covid-19", page.Kicker);
    }

    [Fact]
    public void Colon_in_a_title_without_a_kicker_element_stays()
    {
        var page = Read("""<html><head><meta property="og:title" content="Brexit: Nervenkrieg geht in nächste Runde"></head><body><p>Text</p></body></html>""");
        Assert.Equal("Brexit: Nervenkrieg geht in nächste Runde", page.Title);
    }

    [Fact]
    public void A_site_name_glued_to_the_headline_in_the_title_is_cut_and_its_home_linking_h1_is_no_headline()
    {
        // wir-empfehlen.info (trafilatura corpus): the theme prints the tagline straight after the post's title.
        var page = Read("""
            <html><head><title>Truckwash A31Das etwas andere Branchenbuch für mittelständige Firmen | Das etwas andere Branchenbuch für mittelständige Firmen</title>
            <meta property="og:site_name" content="WIRempfehlen - Die innovativsten Unternehmen im Mittelstand" /></head>
            <body><h1 class="site-title pull-left"><a href="http://wir-empfehlen.info/" title="Das etwas andere Branchenbuch für mittelständige Firmen" rel="home">Das etwas andere Branchenbuch für mittelständige Firmen</a></h1>
            <h1 class="page-title">Truckwash A31</h1><h1 class="screen-reader-text">Post navigation</h1></body></html>
            """, "http://wir-empfehlen.info/3289/");
        Assert.Equal("Truckwash A31", page.Title);
    }

    [Fact]
    public void A_marked_h1_that_links_to_another_site_is_an_aggregators_card()
    {
        // digg.com (scrapinghub corpus): every story card is an itemprop=headline h1 linking out.
        var page = Read("""
            <html><head><title>The Early Reviews For Google's Stadia Gaming Platform Are Here - Digg</title>
            <meta property="og:site_name" content="Digg"></head>
            <body><h1 itemprop="headline" class="headline"> <a href="https://delacortereview.org/2019/11/17/why-dont-you-go-fight-for-the-reindeer/" itemprop="url">
            'Why Don't You Go Fight For The Reindeer?' </a></h1></body></html>
            """, "https://digg.com/2019/google-stadia-reviews");
        Assert.Equal("The Early Reviews For Google's Stadia Gaming Platform Are Here", page.Title);
    }

    [Theory]
    [InlineData("拿起跨界指挥棒她跟学生较着劲儿成长", "拿起跨界指挥棒她跟学生较着劲儿成长 年过五十的她带领学校民乐团的孩子们一路快乐前行")]
    [InlineData("Ultium Cells erhöht Gigafactory-Kapazität", "Ultium Cells erhöht Gigafactory-Kapazität und das ist erst der Anfang einer langen Reihe")]
    public void An_h1_that_adds_a_subtitle_to_the_tagged_headline_does_not_replace_it(string tag, string h1)
    {
        var page = Read($"<html><head><meta property=\"og:title\" content=\"{tag}\"></head><body><h1>{h1}</h1></body></html>");
        Assert.Equal(tag, page.Title);
    }

    [Fact]
    public void Subtitle_under_the_headline_is_the_kicker()
    {
        var page = Read("""<html><body><h1>主标题在这里</h1><h2 class="article-subtitle">副标题说明一些事情</h2></body></html>""");
        Assert.Equal("主标题在这里", page.Title);
        Assert.Equal("副标题说明一些事情", page.Kicker);
    }

    [Theory]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-TW", "zh-Hant")]
    [InlineData("zh-HK", "zh-Hant")]
    [InlineData("zh-Hans-CN", "zh-Hans")]
    [InlineData("en-us", "en-US")]
    public void Html_lang_is_normalised(string lang, string expected) =>
        Assert.Equal(expected, Read($"<html lang=\"{lang}\"><body><p>x</p></body></html>").Language);

    [Fact]
    public void Language_is_guessed_from_text_without_lang()
    {
        Assert.Equal("zh-Hant", Read("<html><body><p>這是一個關於國際經濟的報導，們說時間過得很快。</p></body></html>").Language);
    }

    [Fact]
    public void Canonical_and_lead_image_are_absolute()
    {
        var page = Read("""
            <html><head><link rel="canonical" href="/news/2023/1.html"><meta property="og:image" content="//img.example.com/a.jpg"></head>
            <body></body></html>
            """, "https://www.example.com/news/2023/1.html?from=rss");
        Assert.Equal("https://www.example.com/news/2023/1.html", page.CanonicalUrl);
        Assert.Equal("https://img.example.com/a.jpg", page.LeadImage);
    }

    [Fact]
    public void Lead_image_resolves_against_og_url_without_a_page_url()
    {
        var page = Read("""
            <html><head><meta property="og:url" content="https://example.org/a/b.html"><meta property="og:image" content="img/c.png"></head>
            <body></body></html>
            """);
        Assert.Equal("https://example.org/a/img/c.png", page.LeadImage);
    }

    [Fact]
    public void Time_element_is_used_when_nothing_else_dates_the_page()
    {
        var page = Read("""<html lang="en"><body><article><header><time datetime="2023-06-07T20:54:26.829Z">June 7</time></header></article></body></html>""");
        // The fraction of a second is kept: the store keeps microseconds, and two items of a minute sort right.
        Assert.Equal(new DateTimeOffset(2023, 6, 7, 20, 54, 26, 829, TimeSpan.Zero), page.PublishedAt);
        Assert.Equal("time-element", page.PublishedSource);
    }

    [Fact]
    public void English_byline_loses_by_and_degrees()
    {
        var page = Read("""<html lang="en"><body><h1>Headline</h1><div class="article-byline">By Brenda Goodman, MA</div></body></html>""");
        Assert.Equal(["Brenda Goodman"], page.Authors);
    }

    [Fact]
    public void Subtitle_classes_away_from_the_headline_are_not_kickers()
    {
        var page = Read("""<html><body><h1>主标题在这里</h1><p>正文。</p><aside><h3 class="widget-subtitle">友情链接</h3></aside></body></html>""");
        Assert.Null(page.Kicker);
    }

    [Fact]
    public void Non_ascii_urls_are_kept_escaped()
    {
        var page = Read("""<html><head><link rel="canonical" href="https://www.rfi.fr/cn/专栏/20220206-会面"></head><body></body></html>""");
        Assert.Equal("https://www.rfi.fr/cn/%E4%B8%93%E6%A0%8F/20220206-%E4%BC%9A%E9%9D%A2", page.CanonicalUrl);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("http://[bad")]
    public void Lead_image_that_is_not_a_web_url_is_dropped(string image)
    {
        var page = Read($"<html><head><meta property=\"og:image\" content=\"{image}\"></head><body></body></html>", "https://example.com/a");
        Assert.Null(page.LeadImage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html></html>")]
    [InlineData("<script type=\"application/ld+json\">[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]</script>")]
    [InlineData("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":42,\"author\":[null,{\"name\":7}],\"image\":{}}</script>")]
    [InlineData("<script type=\"application/ld+json\"></script><meta name=\"pubdate\" content=\"2023-02-30 10:00\">")]
    public void Odd_pages_read_without_throwing(string html)
    {
        var page = Read(html);
        Assert.Null(page.PublishedAt);
        Assert.Empty(page.Authors);
    }

    [Theory]
    [InlineData("<span class=\"article-heading__kicker\">Klimaschutz</span><span class=\"visually-hidden\">: </span><span class=\"article-heading__title\">Bohren, bis es heiß wird</span>")]
    [InlineData("<span class=\"ts-overline\">Klimaschutz </span><span class=\"ts-colon\">: </span><span class=\"ts-headline\">Bohren, bis es heiß wird</span>")]
    [InlineData("<span class=\"ContentHead_titleheader__MSrlO\">Klimaschutz</span><span aria-hidden=\"true\"> – </span><span class=\"ContentHead_text__NId_w\">Bohren, bis es heiß wird</span>")]
    public void A_kicker_set_inside_the_h1_is_not_part_of_the_headline(string h1)
    {
        var page = Read($"<html><head><title>Klimaschutz: Bohren, bis es heiß wird | ZEIT ONLINE</title></head><body><h1>{h1}</h1><p>Text.</p></body></html>");
        Assert.Equal("Bohren, bis es heiß wird", page.Title);
    }

    [Theory]
    [InlineData("Siemens und die Kohlemine Adani: Kaeser verarscht Neubauer", "Kaeser verarscht Neubauer")]
    [InlineData("»frag.jetzt« – ARSnova", "»frag.jetzt«")]
    [InlineData("»Einfach kein Geld mehr, um die Miete zu zahlen« (neues deutschland)", "»Einfach kein Geld mehr, um die Miete zu zahlen«")]
    [InlineData("Ein Jahr voller Proteste · Global Voices auf Deutsch", "Ein Jahr voller Proteste")]
    public void An_h1_that_is_a_whole_part_of_the_title_is_the_headline(string titleTag, string h1)
    {
        var page = Read($"<html><head><title>{titleTag}</title></head><body><h1>{h1}</h1><p>Text.</p></body></html>");
        Assert.Equal(h1, page.Title);
    }

    [Fact]
    public void A_blog_name_before_a_colon_in_the_title_is_not_the_headline()
    {
        var page = Read("<html><head><title>privacy policy: SibenLab privacy policy</title></head><body><h1>privacy policy</h1><h3>SibenLab privacy policy</h3><p>Text.</p></body></html>");
        Assert.NotEqual("privacy policy", page.Title);
    }
}
