using AngleSharp.Html.Parser;
using NewsPortal.Core.Ingestion.Html;

namespace NewsPortal.Core.Tests.Ingestion.Html;

/// <summary>Who wrote and who edited: bylines, editors and what must never be taken for an author.</summary>
public sealed class PageAuthorMetadataTests
{
    private static PageMetadata Read(string html, string? url = null) =>
        new HtmlMetadataReader().Read(new HtmlParser().ParseDocument(html), url is null ? null : new Uri(url));

    [Theory]
    [InlineData("Veröffentlicht von Cem Basman", "Cem Basman")]
    [InlineData("Published by Jane Doe", "Jane Doe")]
    [InlineData("Publicado por Ana Pérez", "Ana Pérez")]
    public void A_published_by_line_gives_the_name_after_it(string byline, string name)
    {
        var page = Read($"""<html><body><h1>Titel</h1><div class="byline">{byline}</div><p>Text des Artikels.</p></body></html>""");

        Assert.Equal([name], page.Authors);
    }

    [Theory]
    [InlineData("Ein Beitrag von Jana Keller", "Jana Keller")]
    [InlineData("Gastbeitrag von Jana Keller", "Jana Keller")]
    [InlineData("Article by Jane Doe", "Jane Doe")]
    [InlineData("Story by Jane Doe", "Jane Doe")]
    [InlineData("Un article de Jeanne Martin", "Jeanne Martin")]
    [InlineData("By Conan O’Brien", "Conan O’Brien")]
    public void A_byline_phrased_as_a_piece_by_someone_gives_the_name(string byline, string name)
    {
        var page = Read($"""<html><body><h1>Titel des Artikels</h1><p>{byline}</p><p>Text des Artikels, lang genug für einen Absatz.</p></body></html>""");

        Assert.Equal([name], page.Authors);
    }

    [Fact]
    public void A_name_beside_the_date_under_the_headline_is_the_byline_but_a_name_like_line_alone_is_not()
    {
        var boxed = Read("""
            <html><body><h1>Council approves the new budget</h1>
            <div class="meta"><span>Jane Doe</span> | <span>March 12, 2020</span></div>
            <p>The council approved the budget on Tuesday after a long debate.</p></body></html>
            """);
        var kicker = Read("""
            <html><body><h1>Council approves the new budget</h1><div>Local Politics</div>
            <p>The council approved the budget on Tuesday after a long debate.</p></body></html>
            """);

        Assert.Equal(["Jane Doe"], boxed.Authors);
        Assert.Empty(kicker.Authors);
    }

    [Fact]
    public void An_agency_credit_is_the_author_as_the_page_prints_it()
    {
        var byline = Read("""<html><body><h1>Peking sucht den Superstar</h1><p>Von: det/dpa</p><p>Text des Artikels.</p></body></html>""");
        var dateline = Read("""
            <html><body><h1>Verhärtete Fronten nach Tumulten</h1>
            <p>Hamburg (dpa/lno) – Trotz eines Gespräches bleiben die Fronten an der Universität verhärtet, heißt es.</p></body></html>
            """);

        Assert.Equal(["det/dpa"], byline.Authors);
        Assert.Equal(["dpa/lno"], dateline.Authors);
    }

    [Fact]
    public void The_forum_footer_that_dates_a_post_names_its_poster()
    {
        // A 2005 BBS page (CWCE corpus): nothing under the headline names the writer; the footer after
        // the post, which dates it, does, well past the lines a meta line is looked for in.
        var post = string.Concat(Enumerable.Repeat("<p>你的内在一定会很辛苦。因为它是被社会、被道德、被舆论所要求之下去做的，所以你的内在一定会很辛苦，没有那颗心所发展出来的行为都会造成痛苦。</p>", 12));
        var page = Read($"""
            <html lang="zh-CN"><head><title>台湾著名教育家许宜铭先生“关于亲子”演讲精选2</title></head><body>
            <h1>台湾著名教育家许宜铭先生“关于亲子”演讲精选2</h1>{post}
            <p><center>本贴由<b>大卫</b>于2005年8月12日16:12:21在〖<a href="http://bj3.netsh.com/bbs/107245">心灵体操（在线心理咨询）</a>〗发表.</center>
            </body></html>
            """);
        Assert.Equal(["大卫"], page.Authors);
        Assert.Equal(new DateTime(2005, 8, 12, 16, 12, 21), page.PublishedAt!.Value.DateTime);
    }

    [Fact]
    public void The_publisher_a_template_copies_into_the_author_tag_is_no_author_and_citation_authors_names_the_writer()
    {
        // hanspub.org (CWCE corpus): <meta name="Author"> holds the publisher of citation_publisher; the
        // writer is in citation_authors, padded to the width of a three-character name.
        var page = Read("""
            <html><head><meta name="citation_publisher" content="中文学术期刊,汉斯出版社,Hans Publishers" />
            <meta name="citation_authors" content="赵  培" /><meta name="Author" content="中文学术期刊,汉斯出版社,Hans Publishers" /></head>
            <body><h1>淘宝网物流配送存在的问题及对策研究</h1><p>摘要：本文分析了淘宝网物流配送存在的问题。</p></body></html>
            """);
        Assert.Equal(["赵培"], page.Authors);
    }

    [Theory]
    [InlineData("赵  培", new[] { "赵培" })]
    [InlineData("王 小 明", new[] { "王小明" })]
    [InlineData("张三 李四", new[] { "张三", "李四" })]
    public void A_cjk_name_set_out_with_spaces_is_one_name(string value, string[] expected) =>
        Assert.Equal(expected, NewsPortal.Core.Text.AuthorNames.Parse(value));

    [Fact]
    public void A_templates_no_author_placeholder_names_no_one()
    {
        // japantimes.co.jp (trafilatura corpus): <meta name="author" content="No Author">; cutting the
        // trailing role word "Author" off it left "No" as the writer.
        var page = Read("""
            <html><head><meta name="author" content="No Author"></head><body><h1>Losing face</h1><p>Text of the article.</p></body></html>
            """);
        Assert.Empty(page.Authors);
    }

    [Fact]
    public void A_by_word_whose_name_is_elsewhere_is_no_author()
    {
        // The byline's "Por" in an author element of its own, the name in markup the reader does not join to it.
        var page = Read("""<html><body><h1>Título</h1><span class="author">Por</span><p>Texto del artículo.</p></body></html>""");

        Assert.Empty(page.Authors);
    }

    [Fact]
    public void A_teasers_author_element_before_the_byline_is_not_the_articles()
    {
        // furche.at (trafilatura corpus): an opinion slider's teasers come before the article's author box.
        var page = Read("""
            <html lang="de"><body>
            <article class="slider-teaser-opinion"><h2><a href="/x">Corona: Dumme Zuversicht</a></h2>
            <footer class="slider-teaser-opinion__footer"><span class="slider-teaser-opinion__author"> Manfred Prisching </span></footer></article>
            <h1>Achtsam</h1><div class="author-list"><div class="author"><a href="/autor/ursula-baatz-1270" rel="author" class="author__link">
            <div><h2 class="author__name"> Ursula Baatz </h2></div></a></div></div><p>Text.</p></body></html>
            """);
        Assert.Equal(["Ursula Baatz"], page.Authors);
    }

    [Fact]
    public void Teaser_byline_classes_in_the_articles_own_header_are_its_byline()
    {
        // tageswoche.ch (trafilatura corpus) reuses the teaser's byline classes under its h1.
        var page = Read("""
            <html lang="de"><body><header class="entry-header"><h1 class="entry-title">Wir sind dann mal weg</h1>
            <div class="entry-meta"><span class="byline"><ul class="teaser__author--list"><li class="teaser__author--item">
            <a href='../../author/ronja-beck/index.html' class='author vcard'>Ronja Beck</a></li></ul></span></div></header><p>Text.</p></body></html>
            """);
        Assert.Equal(["Ronja Beck"], page.Authors);
    }

    [Fact]
    public void Highwire_citation_authors_win_over_a_reference_lists_itemprop_author()
    {
        // link.springer.com (trafilatura corpus): the reference list's citations carry <meta itemprop="author">.
        var page = Read("""
            <html lang="en"><head><meta name="citation_author" content="Marwan H. Adwan"/>
            <meta name="citation_author_institution" content="Division of Rheumatology, The University of Jordan"/></head>
            <body><h1>Drug reaction with eosinophilia</h1><p>Text.</p>
            <ol><li itemprop="citation" itemscope="itemscope" itemtype="http://schema.org/ScholarlyArticle">
            <meta itemprop="author" content="NH. Shear, SP. Spielberg, " /><p>Shear NH, Spielberg SP. Anticonvulsant hypersensitivity syndrome.</p></li></ol></body></html>
            """);
        Assert.Equal(["Marwan H. Adwan"], page.Authors);
    }

    [Fact]
    public void Responsible_editor_is_never_an_author_and_search_button_is_ignored()
    {
        var page = Read("""
            <html><body><button>搜索</button><h1>标题在这里</h1><div>2023-11-08 08:00 责任编辑：李四</div>
            <p>正文。</p></body></html>
            """);
        Assert.Empty(page.Authors);
        Assert.Equal("李四", page.Editor);
    }

    [Fact]
    public void Reporter_line_and_closing_parenthesis_give_authors()
    {
        var roleLine = Read("<html><body><h1>标题在这里</h1><p>2023-11-08 新京报记者 彭冲 山东冠县报道</p><p>正文很长的一段。</p></body></html>");
        Assert.Equal(["彭冲"], roleLine.Authors);
        var closing = Read("<html><body><h1>标题在这里</h1><p>2023-11-08</p><p>他说这很好。（总台记者 张倩）</p></body></html>");
        Assert.Equal(["张倩"], closing.Authors);
    }

    [Fact]
    public void A_sentence_about_a_reporter_is_not_a_byline()
    {
        var page = Read("<html><body><h1>标题在这里</h1><p>据记者采访了解，项目即将展开。</p></body></html>");
        Assert.Empty(page.Authors);
    }

    [Fact]
    public void Reporters_on_consecutive_lines_add_up()
    {
        var page = Read("<html><body><h1>标题在这里</h1><p>本报实习生 刘国栋 周炜</p><p>本报记者 王燕平 方云凤</p><p>2003-7-24 钱江晚报</p></body></html>");
        Assert.Equal(["刘国栋", "周炜", "王燕平", "方云凤"], page.Authors);
    }

    [Fact]
    public void Column_byline_in_brackets_gives_the_author()
    {
        var page = Read("<html><body><h1>标题在这里</h1><p>2019-09-07 09:25:09 来源：观察者网</p><p>【文/观察者网专栏作者 王文】</p><p>正文。</p></body></html>");
        Assert.Equal(["王文"], page.Authors);
    }

    [Fact]
    public void The_word_author_alone_is_not_a_byline()
    {
        var page = Read("<html><body><h1>标题在这里</h1><p>2004-07-16 08:19</p><p>正文。</p><p>该作者文章</p></body></html>");
        Assert.Empty(page.Authors);
    }

    [Fact]
    public void Bracketed_editor_line_under_the_body_is_the_editor()
    {
        var page = Read("<html><body><h1>标题在这里</h1><p>2020-11-26 08:04</p><p>正文。</p><p>新京报记者 彭冲 山东冠县报道 【编辑:刘欢】</p></body></html>");
        Assert.Equal("刘欢", page.Editor);
        Assert.DoesNotContain("刘欢", page.Authors);
    }

    [Fact]
    public void Byline_in_the_text_beats_a_template_meta_author_on_chinese_pages()
    {
        var page = Read("""<html><head><meta name="Author" content="大汉网络"></head><body><h1>标题在这里</h1><p>2005-07-01</p><p>到头来，一位自甘穷酸的外科医生。</p><p>（袁源）</p></body></html>""");
        Assert.Equal(["袁源"], page.Authors);
    }

    [Fact]
    public void The_site_name_is_not_an_author()
    {
        var page = Read("""<html lang="en"><head><meta property="og:site_name" content="Sky News"><meta name="author" content="Sky News"></head><body><p>x</p></body></html>""");
        Assert.Empty(page.Authors);
    }

    [Theory]
    [InlineData("（未完待续）")]
    [InlineData("（图片）")]
    public void Closing_words_in_parentheses_are_not_authors(string closing)
    {
        var page = Read($"<html><body><h1>标题在这里</h1><p>2005-07-01</p><p>正文。</p><p>{closing}</p></body></html>");
        Assert.Empty(page.Authors);
    }

    [Fact]
    public void A_blog_user_name_after_the_author_label_is_the_author()
    {
        var page = Read("<html><body><h1>标题在这里</h1><p>正文很长的一段。</p><p>作者:zboygirl 阅读(1660) 评论(5) 编辑 发表于:2005-07-31 12:30</p></body></html>");
        Assert.Equal(["zboygirl"], page.Authors);
    }

    [Fact]
    public void A_lone_lower_case_word_outside_an_author_label_is_not_a_name()
    {
        var page = Read("""<html lang="en"><head><meta name="author" content="webdesk"></head><body><h1>A headline here</h1><p>Text.</p></body></html>""");
        Assert.Empty(page.Authors);
    }

    [Fact]
    public void A_bracketed_name_before_the_source_on_the_meta_line_is_the_author()
    {
        var page = Read("<html><body><h1>标题在这里</h1><p>BUSINESS.SOHU.COM 2004年7月16日08:19 [ 黄宇 ]  来源：[ 国际金融报 ]</p><p>正文。</p></body></html>");
        Assert.Equal(["黄宇"], page.Authors);
        Assert.Equal("国际金融报", page.OriginalOutlet);
    }

    [Fact]
    public void The_issuing_body_of_a_government_notice_is_its_author_and_the_signing_date_is_not_its_publication()
    {
        var page = Read("""
            <html><body><h1>关于禁止新增建设项目的通告</h1><table>
            <tr><td>发文机关：</td><td>吉林省人民政府</td><td>成文日期：</td><td>2022年01月27日</td></tr>
            <tr><td>发布日期：</td><td>2022年01月28日</td></tr></table><p>正文。</p></body></html>
            """);
        Assert.Equal(["吉林省人民政府"], page.Authors);
        Assert.Equal(new DateTimeOffset(2022, 1, 28, 0, 0, 0, TimeSpan.FromHours(8)), page.PublishedAt);
    }

    [Fact]
    public void Json_ld_wrapped_in_cdata_gives_the_author()
    {
        var page = Read("""
            <html lang="pt-BR"><head><script type="application/ld+json">
            <![CDATA[ {"@type": "NewsArticle", "headline": "Manchete", "author": [{"@type": "Person", "name": "Bruno Rodrigues"}]} ]]>
            </script></head><body><h1>Manchete</h1><p>Texto.</p></body></html>
            """);
        Assert.Equal(["Bruno Rodrigues"], page.Authors);
    }

    [Fact]
    public void A_french_byline_names_everyone_it_joins()
    {
        var page = Read("""
            <html lang="fr"><body><h1>Le titre</h1><p>Par <span itemprop="author"><a href="/journaliste/m/">Martin Untersinger</a> (avec Damien Leloup et Morgane Tual)</span></p><p>Texte.</p></body></html>
            """);
        Assert.Equal(["Martin Untersinger", "Damien Leloup", "Morgane Tual"], page.Authors);
    }

    [Fact]
    public void The_site_with_its_domain_is_not_an_author()
    {
        var page = Read("""<html lang="en"><head><meta property="og:site_name" content="cleveland"><meta name="author" content="Troy L. Smith, Cleveland.com"></head><body><p>x</p></body></html>""");
        Assert.Equal(["Troy L. Smith"], page.Authors);
    }

    [Fact]
    public void The_article_byline_beats_a_teaser_byline_earlier_in_the_page()
    {
        var page = Read("""
            <html lang="en"><body><div class="most-read"><a href="/a">Another story</a><span class="byline"><a href="/writer/j">Joanna Rothkopf</a></span></div>
            <h1>A headline here</h1><span class="byline"><a href="/writer/r" rel="author">Richard Eskow</a></span><p>Text.</p></body></html>
            """);
        Assert.Equal(["Richard Eskow"], page.Authors);
    }

    [Fact]
    public void A_byline_ends_at_its_line_break()
    {
        var page = Read("""<html lang="en"><body><h1>A headline here</h1><h3 class="byline">by Jeff Foust<br><span class="datetime">Monday, November 18, 2019</span></h3><p>Text.</p></body></html>""");
        Assert.Equal(["Jeff Foust"], page.Authors);
    }

    [Fact]
    public void A_meta_author_who_is_the_responsible_editor_is_not_an_author()
    {
        var page = Read("""<html><head><meta name="author" content="肖春芳"></head><body><h1>标题在这里</h1><p>2017-03-10 09:58:03来源：网易科学人作者：责任编辑：肖春芳</p><p>正文。</p></body></html>""");
        Assert.Empty(page.Authors);
        Assert.Equal("肖春芳", page.Editor);
    }

    [Theory]
    [InlineData("<p>By <a href='/a/evan'>Evan Symon</a>, August 14, 2020 2:30 pm</p>", "Evan Symon")]
    [InlineData("<p class='x'>Par    <a href='/a/b'>Barbara Stiegler</a></p>", "Barbara Stiegler")]
    [InlineData("<div>par <span>Didier Roy</span>, 21 juin 2018</div>", "Didier Roy")]
    [InlineData("<span>von Andreas Kürten</span>", "Andreas Kürten")]
    [InlineData("<h4>By Giovanni Gaggero | 12/10/2020</h4>", "Giovanni Gaggero")]
    [InlineData("<div>22. Januar 2020 @ 18:13 // Autor: <a href='/author/c1ph4/'>c1ph4</a></div>", "c1ph4")]
    public void A_byline_under_the_headline_in_the_pages_language_names_the_author(string byline, string author)
    {
        var page = Read($"<html><body><h1>A headline of some length</h1>{byline}<p>The article's first paragraph, which is long enough.</p></body></html>");
        Assert.Equal([author], page.Authors);
    }

    [Fact]
    public void A_by_word_alone_or_before_lower_case_words_is_no_byline()
    {
        var page = Read("<html><body><h1>A headline of some length</h1><p>By the numbers: what changed this year</p><p>Body text.</p></body></html>");
        Assert.Empty(page.Authors);
    }

    [Fact]
    public void Json_ld_graph_author_given_by_id_is_the_persons_name()
    {
        var page = Read("""
            <html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"Article","headline":"Headline","author":{"@id":"https://example.org/#/schema/person/1"},"publisher":{"@id":"https://example.org/#org"}},
              {"@type":"Organization","@id":"https://example.org/#org","name":"Example News"},
              {"@type":"Person","@id":"https://example.org/#/schema/person/1","name":"Giovanni Gaggero"}]}</script></head>
            <body><h1>Headline</h1><p>Body.</p></body></html>
            """);
        Assert.Equal(["Giovanni Gaggero"], page.Authors);
    }

    [Fact]
    public void Twitter_written_by_label_and_its_data_give_the_author()
    {
        var page = Read("""
            <html><head><meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Bob Fischer">
            <meta name="twitter:label2" content="Geschätzte Lesezeit"><meta name="twitter:data2" content="2 Minuten"></head>
            <body><h1>Überschrift</h1><p>Text.</p></body></html>
            """);
        Assert.Equal(["Bob Fischer"], page.Authors);
    }

    [Theory]
    [InlineData("Christoph von Eichhorn")]
    [InlineData("Ludwig van der Berg")]
    [InlineData("John v. Berenberg-Consbruch")]
    public void Surname_particles_stay_inside_a_name(string name)
    {
        var page = Read($$"""<html><head><meta name="author" content="{{name}}"></head><body><h1>Headline</h1><p>Text.</p></body></html>""");
        Assert.Equal([name], page.Authors);
    }

    [Fact]
    public void A_name_box_class_built_of_parts_is_a_byline_but_an_author_bio_or_comment_author_is_not()
    {
        var page = Read("""
            <html><body><div class="comment-author">Some Commenter</div><div class="author-bio">Jane Bio</div>
            <h1>Headline</h1><span class="Tech-Author">Alberto Ávila</span><p>Text of the article.</p></body></html>
            """);
        Assert.Equal(["Alberto Ávila"], page.Authors);
    }

    [Fact]
    public void A_name_alone_under_a_chinese_headline_is_the_author_only_when_it_reads_as_a_name()
    {
        var named = Read("<html><body><h1>比赛革命的革命</h1><p>胡平</p><p>——对文化革命的政治心理学分析</p><p>文化革命是一场有着极为广泛的群众参与的政治运动。</p></body></html>");
        Assert.Equal(["胡平"], named.Authors);
        var word = Read("<html><body><h1>比赛革命的革命</h1><p>显示</p><p>文化革命是一场有着极为广泛的群众参与的政治运动。</p></body></html>");
        Assert.Empty(word.Authors);
    }

    [Fact]
    public void Blog_and_forum_posters_are_authors()
    {
        var blog = Read("<html><body><h1>陈天华《警世钟》</h1><p>ggjjzhzz 发表于 2005-9-15 11:46:00</p><p>长梦千年何日醒，睡乡谁遣警钟鸣？</p></body></html>");
        Assert.Equal(["ggjjzhzz"], blog.Authors);
        var forum = Read("<html><body><h1>关于亲子的演讲</h1><p>正文很长的一段。</p><p>本贴由 大卫 于2005年8月12日16:12:21在〖 心灵体操 〗发表.</p></body></html>");
        Assert.Equal(["大卫"], forum.Authors);
    }

    [Theory]
    [InlineData("https://www.die-tagespost.de/a/1", "Die Tagespost")]
    [InlineData("https://wien.orf.at/stories/1", "ORF.at")]
    [InlineData("https://example.com/a", "Agencies")]
    public void The_outlet_or_a_credit_that_names_no_one_is_no_author(string url, string credit)
    {
        var page = Read($"""<html><head><meta name="author" content="{credit}"></head><body><h1>Eine Überschrift</h1><p>Text.</p></body></html>""", url);
        Assert.Empty(page.Authors);
    }

    [Fact]
    public void A_personal_sites_owner_is_its_author_though_the_site_bears_the_name()
    {
        var page = Read("""
            <html><head><meta property="og:site_name" content="Wolfgang Schmale"></head>
            <body><h1>Eine neue Studie von Heinz Duchhardt</h1><div>Von: Wolfgang Schmale</div><p>Text.</p></body></html>
            """, "https://wolfgangschmale.eu/duchhardt/");
        Assert.Equal(["Wolfgang Schmale"], page.Authors);
    }
}
