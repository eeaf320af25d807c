using System.Diagnostics;
using AngleSharp.Html.Parser;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Ingestion.Html;
using Xunit.Abstractions;

namespace NewsPortal.Core.Tests.Ingestion.Html;

/// <summary>Real pages (testdata/pages, see its README): where the body starts and ends, and what furniture stays out.</summary>
public sealed class ArticleContentExtractorPageTests(ITestOutputHelper output)
{
    private static PageContent ExtractPage(string file, string? url = null, string? title = null)
    {
        Assert.True(InputDecoder.TryDecode(TestData.Bytes("pages", file), out var html, out var error), error);
        var document = new HtmlParser().ParseDocument(html);
        return new ArticleContentExtractor().Extract(document, url is null ? null : new Uri(url), title);
    }

    [Fact]
    public void Old_gbk_portal_page_gives_the_whole_story_and_no_furniture()
    {
        var content = ExtractPage("cwce-33a95b71-gbk.html");

        Assert.StartsWith("“使用4周后，肌肤年轻12年，细纹减少47%", content.BodyText);
        Assert.EndsWith("正上演激烈的“争夺赛”。", content.BodyText);
        Assert.DoesNotContain("版权所有", content.BodyText);
    }

    [Fact]
    public void Furigana_are_not_read_as_text()
    {
        // NHK News Web Easy writes every kanji word as <ruby>児童相談所<rt>じどうそうだんじょ</rt></ruby>.
        // The readings were read as text and each <ruby> as a block: one line per word, and the
        // sentences no longer said what the page says.
        var content = ExtractPage("trafilatura_nhk-easy-ruby.html", "https://www3.nhk.or.jp/news/easy/k10011965631000/k10011965631000.html");

        Assert.Contains("子どもへの虐待をなくすための法律ができて、親が子どもを教育するために、たたいたり蹴ったりする体罰を禁止することになりました。", content.BodyText);
        Assert.Contains("虐待したときに叱っていただけだと言う親がいます。新しい法律では", content.BodyText);
        Assert.DoesNotContain("じどうそうだんじょ", content.BodyText);
        Assert.DoesNotContain("ぎゃくたい", content.BodyHtml);
    }

    [Fact]
    public void Article_box_named_in_spanish_is_the_article_though_its_class_also_says_banner()
    {
        var content = ExtractPage("trafilatura_biobiochile-gremios.html",
            "https://www.biobiochile.cl/noticias/nacional/region-de-los-rios/2022/05/04/gremios-de-los-camioneros-no-descartan-nueva-movilizacion-realizaran-consulta-nacional.shtml");

        Assert.Contains("En este contexto, la tarde de este martes se reunieron el directorio", content.BodyText);
        Assert.EndsWith("para permitir que los camioneros puedan seguir abasteciendo al país.", content.BodyText);
        Assert.DoesNotContain("Camionero baleado en Ercilla", content.BodyText);
    }

    [Fact]
    public void Footer_classed_as_content_stays_out()
    {
        // autoindustriya.com: the page footer is <div id="footer" class="footer-content">. "content"
        // outweighed "footer", and the footer's blurb scored as a sibling of the article.
        var content = ExtractPage("scrapinghub_3cb5e2f46626.html",
            "https://www.autoindustriya.com/auto-industry-news/all-new-2020-sentra-is-what-we-really-want-from-nissan-ph.html");

        Assert.Contains("Crossovers may have become the vehicle of choice for most car buyers", content.BodyText);
        Assert.Contains("But will we still call it the Sylphy once it arrives here?", content.BodyText);
        Assert.DoesNotContain("AutoIndustriya.com is the leading automotive resource", content.BodyText);
        Assert.DoesNotContain("may not be reproduced, distributed, transmitted", content.BodyText);
    }

    [Fact]
    public void Wordpress_post_with_tag_classes_is_the_article()
    {
        // WordPress writes a `tag-…` class for each of the post's tags on the post's own <article>
        // ("hentry … tag-aktiv-lernen tag-bloggen"): read as a tag list, the post was set aside, and
        // the fallback kept one of its 142 comments instead.
        var content = ExtractPage("trafilatura_grossefragen-projekt.html", "https://grossefragen.wordpress.com/2019/03/13/wuerde-des-lebens-ein-projekt/");

        Assert.StartsWith("Dieses Thema eignet sich gut für hoch individualisiertes Lernen", content.BodyText);
        Assert.Contains("Dabei gelten ein paar wichtige Regeln", content.BodyText);
        Assert.DoesNotContain("Kann Würde von Menschen abgemessen werden?", content.BodyText);
    }

    [Fact]
    public void Teaser_list_beside_the_article_is_not_climbed_into()
    {
        // indiapost.com: a "Breaking News" list of ten teasers (a linked title and a line of
        // standfirst each, a quarter of it links) shares a column with the article. Read as added
        // prose, it drew the article's container up to the whole column.
        var content = ExtractPage("scrapinghub_5f9c5ed5d64d.html", "https://www.indiapost.com/with-shattered-dreams-deportees-return-home-from-us/",
            "With shattered dreams, deportees return home from US");

        Assert.StartsWith("NEW DELHI: Their American dream shattered and huge savings wasted", content.BodyText);
        Assert.EndsWith("were deported by Mexican immigration authorities for illegally entering the country to sneak into the US. PTI", content.BodyText);
        Assert.DoesNotContain("USCIRF expresses concern over NRC", content.BodyText);
    }

    [Fact]
    public void Privacy_consent_banner_stays_out()
    {
        // SB Nation (Vox Media): the cookie notice is <div class="m-privacy-consent" id="privacy-consent">,
        // a paragraph of prose that was read with the article.
        var content = ExtractPage("scrapinghub_6a72de37e8f9.html",
            "https://www.dawgsbynature.com/2019/11/18/20970600/browns-defensive-snap-counts-stats-and-notes-week-11",
            "Browns’ defensive snap counts, stats, and notes: Week 11");

        Assert.Contains("Below, we analyze the snap counts and stats on defense for the Cleveland Browns", content.BodyText);
        Assert.Contains("When Eric Murray returns from injury", content.BodyText);
        Assert.DoesNotContain("We use cookies and other tracking technologies", content.BodyText);
        Assert.DoesNotContain("you consent to our use of cookies", content.BodyText);
    }

    [Fact]
    public void Trending_rail_halfway_down_the_article_stays_out()
    {
        // thesun.co.uk: a "Most read in world news" rail (<div class="rail rail--trending …">) of kickers
        // and headlines sits inside the article's column, between two of its paragraphs.
        var content = ExtractPage("scrapinghub_8b1945303082.html",
            "https://www.thesun.co.uk/news/10371941/hunter-diagnosed-bubonic-plague-eating-rabbit-third-beijing-local-contract-medieval-disease/");

        Assert.StartsWith("A HUNTER who killed and ate a wild rabbit in China has been hit by the deadly bubonic plague.", content.BodyText);
        Assert.EndsWith("Nowadays, plague is easily treated with antibiotics.", content.BodyText);
        Assert.DoesNotContain("Most read in world news", content.BodyText);
        Assert.DoesNotContain("Conspiracy theorists say they've spotted Greta Thunberg", content.BodyText);
    }

    [Fact]
    public void Standfirst_in_a_box_of_its_own_opens_the_body()
    {
        // rt.com: the first sentence of the report stands in <div class="article__summary summary">
        // before <div class="article__text">; one sentence never scored as a sibling of the body.
        var content = ExtractPage("scrapinghub_4a44ab3e4c41.html", "https://www.rt.com/news/473849-3-morales-supporters-killed-bolivia/",
            "‘He died in my hands’: 3 pro-Morales demonstrators killed in clashes with Bolivia’s police & soldiers near barricaded fuel plant");

        Assert.StartsWith("Three people have died during protests in Bolivia against the self-declared “interim” government", content.BodyText);
        Assert.Contains("In addition to the three fatalities at a fuel plant on Tuesday", content.BodyText);
    }

    [Fact]
    public void Author_bio_box_under_the_post_stays_out()
    {
        // The Nervous Breakdown: <div class="author-bio-thing"> under the post, a paragraph about the
        // writer that read as the article's last one.
        var content = ExtractPage("trafilatura_thenervousbreakdown-loneliest.html",
            "http://thenervousbreakdown.com/tanderson/2011/07/the-loneliest-woman-in-the-world-an-appreciation-of-hearts-alone/");

        Assert.StartsWith("Fans of Heart, the rawk band led by sisters Ann and Nancy Wilson", content.BodyText);
        Assert.EndsWith("Poetic. Justice.", content.BodyText);
        Assert.DoesNotContain("TIM ANDERSON has done many amazing things in his short life.", content.BodyText);
    }

    [Fact]
    public void Author_box_classed_author_under_the_post_stays_out()
    {
        // thepostpartumparty.com: a plugin's author box (<section class="vcard author abh_about_tab">) inside
        // the post's entry-content; its "My blog is full of things…" read as the article's last paragraph.
        var content = ExtractPage("trafilatura_thepostpartumparty-nursery.html", "https://thepostpartumparty.com/how-to-set-up-a-baby-nursery-in-a-small-space");

        Assert.Contains("Pick products that can serve multiple purposes", content.BodyText);
        Assert.DoesNotContain("My blog is full of things to help you celebrate motherhood", content.BodyText);
    }

    [Fact]
    public void Author_box_under_a_wordpress_post_stays_out_though_the_page_is_classed_single_author()
    {
        // grossefragen.wordpress.com: the writer's bio under the post sits in <div id="entry-author-info">.
        // The <body> is classed "single-author" too: as furniture it is the page's wrapper, inside which
        // furniture is set aside as anywhere else, and the post (a tenth of the page's prose beside 142
        // comments) is still found.
        var content = ExtractPage("trafilatura_grossefragen-projekt.html", "https://grossefragen.wordpress.com/2019/03/13/wuerde-des-lebens-ein-projekt/");

        Assert.StartsWith("Dieses Thema eignet sich gut für hoch individualisiertes Lernen", content.BodyText);
        Assert.DoesNotContain("Supervisor / Coach für erfolgreiches Lernen", content.BodyText);
    }

    [Fact]
    public void Heading_over_a_closing_list_is_no_widget_label()
    {
        // pythonspeed.com: the post ends with <h2>The takeaway</h2>, a one-line lead-in and a list. Short
        // lines after the last paragraph of prose were taken for share-bar labels, and the heading went.
        var content = ExtractPage("trafilatura_pythonspeed-docker.html", "https://pythonspeed.com/articles/pipenv-docker/");

        Assert.Contains("The takeaway\n\nTo get fast, reproducible builds for your application:", content.BodyText);
        Assert.Contains("Install dependencies separately and earlier in your Dockerfile to ensure faster builds.", content.BodyText);
    }

    [Fact]
    public void German_update_line_is_a_dateline_not_text()
    {
        // Tages-Anzeiger: "Aktualisiert: 11.04.2020, 10:27" stands between the standfirst and the first
        // paragraph; only English "Updated" was read as a dateline word.
        var content = ExtractPage("trafilatura_tagesanzeiger-umweltzerstoerung.html",
            "https://www.tagesanzeiger.ch/wie-umweltzerstoerung-neue-epidemien-beguenstigt-633956751547",
            "Wie Umweltzerstörung neue Epidemien begünstigt");

        Assert.Contains("Dichter Rauch hing im Herbst des Jahres 1997 über Indonesien.", content.BodyText);
        Assert.DoesNotContain("Aktualisiert:", content.BodyText);
    }

    [Fact]
    public void Section_opening_with_the_table_of_contents_is_part_of_the_article()
    {
        // spektrum.de: the article's first section opens with its table of contents, thirteen links to
        // its own headings (href="#symptome"). Counted as links to other pages, the section read as a
        // teaser list and was left out with its first paragraphs.
        var content = ExtractPage("trafilatura_spektrum-coronavirus.html",
            "https://www.spektrum.de/wissen/laesst-sich-die-coronavirus-ausbreitung-in-deutschland-kontrollieren/1700384");

        Assert.Contains("Derzeit sind noch zahlreiche Fragen offen: Wie viele Kranke wird es in Deutschland geben?", content.BodyText);
        Assert.Contains("Viele Menschen haben nur eine leichte Erkältungssymptomatik", content.BodyText);
        Assert.Contains("Wie tödlich ist das Coronavirus?", content.BodyText);
        // The table of contents itself is a list of links, not text of the article.
        Assert.DoesNotContain("In diesem Artikel:", content.BodyText);
    }

    [Fact]
    public void Standfirst_in_the_articles_header_opens_the_body()
    {
        // tagesspiegel.de: <article><header> holds the date, the h1, <p class="ts-intro"> and the byline;
        // the header is set aside as a whole, and the standfirst went with it.
        var content = ExtractPage("trafilatura_tagesspiegel-abstandsregeln.html",
            "https://www.tagesspiegel.de/wirtschaft/abstandsregeln-und-fieberkontrollen-wie-firmen-ihre-beschaeftigten-vor-dem-coronavirus-schuetzen/25784520.html",
            "Wie Firmen ihre Beschäftigten vor dem Coronavirus schützen");

        Assert.StartsWith("Damit Mitarbeiter gesund bleiben, müssen sich Unternehmen einiges einfallen lassen. Die Ideen reichen vom Spuckschutz", content.BodyText);
        Assert.Contains("Hinein kommt nur, wer die richtigen Werte hat.", content.BodyText);
        // The rest of the header stays out: the date, the byline, the lead image's caption.
        Assert.DoesNotContain("15:59 Uhr", content.BodyText);
        Assert.DoesNotContain("Marie Rövekamp", content.BodyText);
        Assert.DoesNotContain("Wer bei VW nicht den Mindestabstand einhalten kann", content.BodyText);
    }

    [Fact]
    public void Sentence_after_the_headline_in_the_page_header_opens_the_body()
    {
        // pcmag.com: the header with the h1 and an unclassed <p> standfirst stands outside the <article>.
        var content = ExtractPage("trafilatura_pcmag-platters.html", "https://www.pcmag.com/news/next-gen-hamr-platters-promise-80tb-hard-drives",
            "Next-Gen HAMR Platters Promise 80TB Hard Drives");

        Assert.StartsWith("We're about to get 20 terabyte hard drives, but the path looks clear to scale up to 80TB.", content.BodyText);
        Assert.Contains("As the world's demand for storage continues to grow", content.BodyText);
    }

    [Fact]
    public void Tagline_under_the_sites_logo_is_no_standfirst()
    {
        // NHK News Web Easy: the page's <header> holds the logo as an h1 of images and a line about the site.
        var content = ExtractPage("trafilatura_nhk-easy-ruby.html", "https://www3.nhk.or.jp/news/easy/k10011965631000/k10011965631000.html");

        Assert.DoesNotContain("わかりやすいことばでニュース", content.BodyText);
        Assert.Contains("子どもへの虐待をなくすための法律ができて", content.BodyText);
    }

    [Fact]
    public void German_teaser_heading_ends_the_article()
    {
        // aerobuzz.de: "Schon gelesen?" ("Read already?") over an embedded link to another story
        // after the last paragraph; only English and Chinese teaser headings were known.
        var content = ExtractPage("trafilatura_aerobuzz.html", "https://aerobuzz.de/militar/cae-bildet-kuenftig-luftwaffen-piloten-in-bremen-aus/",
            "CAE bildet künftig Luftwaffen-Piloten in Bremen aus");

        Assert.Contains("Dan Gelston, der Vorsitzende des Geschäftsbereichs Defence & Security bei CAE", content.BodyText);
        Assert.DoesNotContain("Schon gelesen?", content.BodyText);
        Assert.DoesNotContain("Luftwaffe hat mit dem Training auf den H145 von NHV begonnen", content.BodyText);
    }

    [Fact]
    public void Page_wrapped_in_one_form_keeps_its_comment_list_out()
    {
        // An ASP.NET blog: the whole page sits in <form id="Form1"> (furniture by its tag), its 63
        // comments in <div id="comments">. With the form set aside nothing was left, and the
        // fallback kept the comments with the post.
        var content = ExtractPage("cwce_54e89e4e.html", "http://blog.joycode.com/lijianzhong/archive/2004/12/27/41810.aspx");

        Assert.StartsWith("承蒙开心就好的邀请，很高兴入住博客堂。", content.BodyText);
        Assert.Contains("希望以后和各位多多交流。", content.BodyText);
        Assert.DoesNotContain("又来了一位大哥", content.BodyText);
        Assert.DoesNotContain("re: 很高兴入住博客堂", content.BodyText);
    }

    [Fact]
    public void Posted_on_line_under_a_blog_post_is_no_text()
    {
        // joycode: "发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)" closes the post; 发表于 ("posted on") is
        // a dateline's word as 发布 is.
        var content = ExtractPage("cwce_54e89e4e.html", "http://blog.joycode.com/lijianzhong/archive/2004/12/27/41810.aspx");

        Assert.EndsWith("希望以后和各位多多交流。", content.BodyText);
        Assert.DoesNotContain("发表于 2004年12月27日", content.BodyText);
    }

    [Fact]
    public void Forum_rules_set_out_letter_by_letter_end_the_post()
    {
        // A 2005 forum post (netsh): under it the board's "郑 重 声 明" (solemn declaration, one space between
        // the characters) and its rules, then the replies' titles.
        var content = ExtractPage("cwce_9b1e5dcb-forum.html");

        Assert.Contains("所以爱是什么，爱是由接受的人决定的。", content.BodyText);
        Assert.Contains("所以你的内在一定会很辛苦。", content.BodyText);
        Assert.DoesNotContain("郑 重 声 明", content.BodyText);
        Assert.DoesNotContain("任何言论纯属作者个人观点", content.BodyText);
    }

    [Fact]
    public void Newspaper_byline_lines_are_no_text()
    {
        // Qianjiang Evening News, 2003: "本报实习生 刘国栋 周炜" and "本报记者 王燕平 方云凤 柏建斌" on lines of their own.
        var content = ExtractPage("cwce_ab65832c.html");

        Assert.Contains("为拆一幢房，断送了三条人命。", content.BodyText);
        Assert.DoesNotContain("本报记者 王燕平", content.BodyText);
        Assert.DoesNotContain("本报实习生 刘国栋", content.BodyText);
    }

    [Fact]
    public void Forum_post_after_an_unclosed_link_is_not_read_as_links()
    {
        // zol.com.cn, 2005: the poster's name ends in `<a>` where `</a>` was meant, and the HTML
        // parser reopens that link around every text run of the post. Counted as links, the post
        // read as a link list and the page failed with "no article text found".
        var content = ExtractPage("cwce_6dc2d508-forum.html");

        Assert.Contains("《太行山上》主要讲述八路军总司令朱德率领刚刚改编完的八路军三个主力师东渡黄河", content.BodyText);
        Assert.Contains("而200多人的动画设计队伍，也耗资200多万。", content.BodyText);
    }

    [Fact]
    public void Blog_repost_keeps_its_teaser_list_apart()
    {
        var content = ExtractPage("cwce-064b591b-blog.html", "http://blog.yesky.com/292/zboygirl/1195292.shtml");

        Assert.StartsWith("本报讯 （实习记者 樊亮 张明超 记者惠禾）13岁", content.BodyText);
        Assert.EndsWith("社会正确的引导就变得格外重要。", content.BodyText);
        Assert.DoesNotContain("发表评论", content.BodyText);
        Assert.DoesNotContain("相关内容", content.BodyText);
        Assert.Contains(content.Related, t => t.Title == "百度“反垃圾网站”的若干问答" && t.Url!.StartsWith("http://blog.yesky.com/", StringComparison.Ordinal));
    }

    [Fact]
    public void English_page_with_one_card_per_paragraph_is_read_whole()
    {
        var content = ExtractPage("hawaiinewsnow-cards.html", "https://www.hawaiinewsnow.com/2019/11/19/scientists-use-hawaii-telescope-spot-water-vapor-one-jupiters-moon/");

        Assert.StartsWith("HONOLULU, Hawaii (HawaiiNewsNow) - NASA scientists", content.BodyText);
        Assert.Contains("Europa ― located some 390 million miles away", content.BodyText);
        Assert.DoesNotContain("share story", content.BodyText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Gmw_news_page_gives_the_story_with_its_images()
    {
        var content = ExtractPage("gmw-zh.html", "http://tech.gmw.cn/scientist/2017-05/25/content_24596419.htm");

        Assert.StartsWith("翱翔于距地球数千公里的太空中", content.BodyText);
        Assert.NotEmpty(content.Images);
        Assert.All(content.Images, image => Assert.StartsWith("http", image.Url));
        Assert.DoesNotContain("责任编辑", content.BodyText);
    }

    [Fact]
    public void Xinhuanet_page_keeps_the_story_and_drops_site_furniture()
    {
        var content = ExtractPage("trafilatura_xinhuanet_c_1125597921.html", "http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm", "武汉的声音：有英勇的你，才有英雄的城！");

        output.WriteLine(content.BodyText);
        Assert.Contains("2月17日", content.BodyText);
        Assert.Contains("能过关。", content.BodyText);
        Assert.DoesNotContain("纠错", content.BodyText);
        Assert.DoesNotContain("关注新华网", content.BodyText);
        Assert.DoesNotContain("半月谈", content.BodyText);
    }

    [Fact]
    public void Ten_thousand_nested_divs_do_not_overflow_the_stack()
    {
        const int depth = 10_000;
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div class=\"w\">", depth))
            + "<p>深层嵌套的页面里也有正文，这一段文字应该被找到并且完整地输出出来，不会导致栈溢出。</p>"
            + string.Concat(Enumerable.Repeat("</div>", depth))
            + "<div><b>相关文章</b></div><div><a href=\"/a\">第一篇相关的文章</a><a href=\"/b\">第二篇相关的文章</a></div></body></html>";
        var document = new HtmlParser().ParseDocument(html);
        var content = new ArticleContentExtractor().Extract(document, new Uri("https://deep.example.com/a.html"), null);

        Assert.Equal("深层嵌套的页面里也有正文，这一段文字应该被找到并且完整地输出出来，不会导致栈溢出。", content.BodyText);
        Assert.Equal(["https://deep.example.com/a", "https://deep.example.com/b"], content.Related.Select(t => t.Url));
    }
}
