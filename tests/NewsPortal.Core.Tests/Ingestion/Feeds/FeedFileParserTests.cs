using System.Text;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion.Feeds;

public sealed class FeedFileParserTests
{
    private static readonly ParserSelector Parsers = ParserSelector.CreateDefault();

    static FeedFileParserTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static ParseResult Parse(string feed, Encoding? encoding = null) =>
        Parsers.Parse((encoding ?? Encoding.UTF8).GetBytes(feed), new InputOrigin("feed.xml"));

    private static ParsedArticle Single(ParseResult result)
    {
        Assert.True(result.Succeeded, result.Error);
        var item = Assert.Single(result.Items);
        Assert.Null(item.Error);
        return item.Article!;
    }

    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
        <channel><title>美国之音中文网</title><link>https://www.voachinese.com/</link><language>zh-cn</language>
        <item>
          <title>普京会见张又侠</title>
          <link>https://www.voachinese.com/a/7346943.html</link>
          <guid isPermaLink="false">voa-7346943</guid>
          <pubDate>Wed, 08 Nov 2023 18:25:56 GMT</pubDate>
          <dc:creator>李四</dc:creator>
          <category>中俄关系</category><category>军事</category>
          <description>摘要而已</description>
          <content:encoded><![CDATA[<p>第一段。<br /><br />第二段。</p><img src="https://images.weserv.nl/?url=gdb.voanews.com/a.jpg"><div><small>图片说明</small></div><a href="/a/1.html">相关</a>]]></content:encoded>
          <enclosure url="https://gdb.voanews.com/b.jpg" type="image/jpeg" length="1" />
          <media:content url="https://gdb.voanews.com/c.jpg" medium="image"><media:description>媒体图说</media:description></media:content>
        </item>
        </channel></rss>
        """;

    [Fact]
    public void A_date_opening_the_content_is_not_the_summary()
    {
        // RFI's feed opens each item's content with its time in a block of its own.
        var feed = Rss.Replace("<p>第一段。<br /><br />第二段。</p>", "<div><div>08/11/2023 - 19:25</div><p>第一段。</p></div>");

        var article = Single(Parse(feed));

        Assert.Equal("第一段。", article.Summary);
        Assert.Equal(new DateTimeOffset(2023, 11, 8, 18, 25, 56, TimeSpan.Zero), article.PublishedAt);
    }

    [Fact]
    public void Reads_an_rss_item_preferring_full_content_over_the_description()
    {
        var article = Single(Parse(Rss));

        Assert.Equal("普京会见张又侠", article.Title);
        Assert.Equal("voa-7346943", article.Guid);
        Assert.Equal("https://www.voachinese.com/a/7346943.html", article.Url);
        Assert.Equal(new DateTimeOffset(2023, 11, 8, 18, 25, 56, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal(["李四"], article.Authors);
        Assert.Equal(["中俄关系", "军事"], article.Tags);
        Assert.Equal("第一段。\n\n第二段。\n\n相关", article.BodyText);
        Assert.Equal("美国之音", article.OutletName);
        Assert.Equal("美国之音中文网", article.SiteName);
        Assert.Equal("zh-Hans", article.Language);
        Assert.Contains("href=\"https://www.voachinese.com/a/1.html\"", article.BodyHtml);
    }

    [Fact]
    public void Collects_body_enclosure_and_media_images_with_original_urls_and_captions()
    {
        var images = Single(Parse(Rss)).Images;

        Assert.Equal(["https://gdb.voanews.com/a.jpg", "https://gdb.voanews.com/b.jpg", "https://gdb.voanews.com/c.jpg"], images.Select(i => i.Url));
        Assert.Equal("图片说明", images[0].Caption);
        Assert.StartsWith("https://images.weserv.nl/", images[0].ProxyUrl);
        Assert.Equal("媒体图说", images[2].Caption);
    }

    [Fact]
    public void Reads_a_gbk_feed_as_declared()
    {
        var gbk = Encoding.GetEncoding("GB18030");
        var article = Single(Parse(Rss.Replace("encoding=\"utf-8\"", "encoding=\"gbk\""), gbk));

        Assert.Equal("普京会见张又侠", article.Title);
    }

    [Fact]
    public void Reads_atom_entries()
    {
        const string atom = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-TW"><title>新聞網</title><link href="https://news.example.tw/"/>
            <entry><id>tag:news.example.tw,2023:1</id><title type="html">&lt;b&gt;台灣&lt;/b&gt; 新聞</title>
              <link rel="alternate" href="/a/1"/><published>2023-11-08T20:00:00+08:00</published><updated>2023-11-09T08:00:00+08:00</updated>
              <author><name>王小明</name></author><category term="politics" label="政治"/>
              <content type="html">&lt;p&gt;內文第一段。&lt;/p&gt;</content></entry>
            </feed>
            """;

        var article = Single(Parse(atom));

        Assert.Equal("台灣 新聞", article.Title);
        Assert.Equal("https://news.example.tw/a/1", article.Url);
        Assert.Equal(new DateTimeOffset(2023, 11, 8, 20, 0, 0, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal(new DateTimeOffset(2023, 11, 9, 8, 0, 0, TimeSpan.FromHours(8)), article.UpdatedAt);
        Assert.Equal(["王小明"], article.Authors);
        Assert.Equal(["政治"], article.Tags);
        Assert.Equal("zh-Hant", article.Language);
        Assert.Equal("內文第一段。", article.BodyText);
    }

    [Fact]
    public void Reads_rss_1_rdf_items()
    {
        const string rdf = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel rdf:about="https://example.org/"><title>Example</title><link>https://example.org/</link></channel>
            <item rdf:about="https://example.org/1"><title>First</title><link>https://example.org/1</link>
              <description>Some text here.</description><dc:date>2023-11-08T10:00:00Z</dc:date><dc:creator>Jane Doe</dc:creator></item>
            </rdf:RDF>
            """;

        var article = Single(Parse(rdf));

        Assert.Equal(("https://example.org/1", "First", "Some text here."), (article.Guid, article.Title, article.BodyText));
        Assert.Equal(["Jane Doe"], article.Authors);
        Assert.Equal(new DateTimeOffset(2023, 11, 8, 10, 0, 0, TimeSpan.Zero), article.PublishedAt);
    }

    [Fact]
    public void A_json_feed_item_of_the_wrong_type_fails_alone()
    {
        const string json = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "Feed", "language": "en",
             "items": [
               {"id": 1, "url": "https://example.org/1", "title": "One", "content_html": "<p>Body one.</p>", "tags": ["a", 2], "date_published": "2023-11-08T10:00:00Z", "authors": [{"name": "Ann Lee"}]},
               "not an item",
               {"id": "3", "title": 42, "content_text": "Only text.\n\nSecond paragraph."}
             ]}
            """;

        var result = Parse(json);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(3, result.Items.Count);
        Assert.Equal("One", result.Items[0].Article!.Title);
        Assert.Equal("1", result.Items[0].Article!.Guid);
        Assert.Equal(["a"], result.Items[0].Article!.Tags);
        Assert.Equal(["Ann Lee"], result.Items[0].Article!.Authors);
        Assert.Contains("not an object", result.Items[1].Error);
        Assert.Equal("Only text.\n\nSecond paragraph.", result.Items[2].Article!.BodyText);
    }

    [Theory]
    [InlineData("Wed, 08 Nov 2023 18:25:56 +0000", "2023-11-08T18:25:56+00:00", false)]
    [InlineData("8 Nov 2023 18:25 GMT", "2023-11-08T18:25:00+00:00", false)]
    [InlineData("Thu, 09 Nov 2023 02:25:56 CST", "2023-11-09T02:25:56+08:00", false)] // China Standard Time in a Chinese feed
    [InlineData("2023-11-09 02:25:56", "2023-11-09T02:25:56+08:00", true)] // no zone in a Chinese feed: China time, inferred
    [InlineData("Thu, 09 Nov 2023 02:25:56", "2023-11-09T02:25:56+08:00", true)]
    [InlineData("2023-11-08T18:25:56Z", "2023-11-08T18:25:56+00:00", false)]
    [InlineData("2023-11-09T02:25:56+08:00", "2023-11-09T02:25:56+08:00", false)]
    public void Reads_the_dates_feeds_really_write(string pubDate, string expected, bool inferred)
    {
        var article = Single(Parse(Rss.Replace("Wed, 08 Nov 2023 18:25:56 GMT", pubDate)));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), article.PublishedAt);
        Assert.Equal(inferred, article.PublishedZoneInferred);
    }

    [Fact]
    public void Mends_html_entities_and_bare_ampersands_instead_of_refusing_the_feed()
    {
        var article = Single(Parse(Rss.Replace("<title>普京会见张又侠</title>", "<title>普京&nbsp;会见 AT&T 张又侠&hellip;</title>")));

        Assert.Equal("普京 会见 AT&T 张又侠…", article.Title);
    }

    [Fact]
    public void Malformed_xml_fails_the_file_with_the_reason()
    {
        var result = Parse("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>x</item></channel></rss>");

        Assert.False(result.Succeeded);
        Assert.StartsWith("malformed XML", result.Error);
    }

    [Fact]
    public void External_entities_are_never_resolved()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "TOP-SECRET");
        try
        {
            var xxe = $"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]><rss version="2.0"><channel><title>t</title><item><title>&xxe; title</title><description>body</description></item></channel></rss>""";

            var result = Parse(xxe);

            Assert.DoesNotContain(result.Items, i => i.Article?.Title.Contains("TOP-SECRET") == true || i.Article?.BodyText.Contains("TOP-SECRET") == true);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Entity_expansion_bombs_are_refused_quickly()
    {
        var bomb = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><rss version="2.0"><channel><item><title>&lol4;</title></item></channel></rss>""";

        var result = Parse(bomb);

        Assert.DoesNotContain(result.Items, i => i.Article?.Title.Contains("lollollol") == true);
    }

    [Fact]
    public void Markdown_dumps_and_html_pages_are_not_taken_for_feeds()
    {
        var parser = new NewsPortal.Core.Ingestion.Feeds.FeedFileParser();

        Assert.False(parser.CanParse("<!--1699468744000-->\n[标题](https://example.org/a)\n------\n<div><i>Wed, 08 Nov 2023 18:25:56 GMT</i></div>"));
        Assert.False(parser.CanParse("<!DOCTYPE html><html><body><p>rss feed</p></body></html>"));
        Assert.True(parser.CanParse("<?xml version=\"1.0\"?>\n<!-- generator -->\n<rss version=\"2.0\"><channel/></rss>"));
    }

    [Fact]
    public async Task A_page_opening_with_many_comments_is_told_from_a_feed_at_once()
    {
        // Found by the parser fuzzing: a page whose theme wrote 26 debug comments before <!DOCTYPE>
        // took half a minute to be told from a feed (2^n ways to split n comments), and format
        // detection runs before the per-input time limit can stop anything.
        var parser = new NewsPortal.Core.Ingestion.Feeds.FeedFileParser();
        var comments = string.Concat(Enumerable.Range(0, 60).Select(i => $"<!-- THEME DEBUG {i} -->\n"));
        var page = comments + "<!DOCTYPE html><html><body><p>第一段。</p></body></html>";
        var feed = comments + "<rss version=\"2.0\"><channel/></rss>";

        var detection = Task.Run(() => (Page: parser.CanParse(page), Feed: parser.CanParse(feed)));

        var (isPage, isFeed) = await detection.WaitAsync(TimeSpan.FromSeconds(30)); // TimeoutException: it hangs again

        Assert.False(isPage);
        Assert.True(isFeed);
    }

    [Fact]
    public void A_guid_shared_by_different_items_is_dropped_so_no_item_is_lost()
    {
        const string json = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "Feed",
             "items": [
               {"id": "same", "title": "Alpha", "content_text": "First story."},
               {"id": "same", "title": "Beta", "content_text": "Second story."},
               {"id": "own", "title": "Gamma", "content_text": "Third story."}
             ]}
            """;

        var articles = Parse(json).Items.Select(i => i.Article!).ToList();

        Assert.Equal([null, null, "own"], articles.Select(a => a.Guid));
        Assert.Equal(3, articles.Select(ArticleIdentity.KeyOf).Distinct().Count());
        Assert.StartsWith("guid:", ArticleIdentity.KeyOf(articles[2]));
    }

    [Fact]
    public void An_items_title_loses_the_name_its_feed_gives_itself_and_keeps_the_rest()
    {
        var article = Single(Parse("""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Tageblatt Online</title><link>https://www.tageblatt.example/</link>
            <item><title>Stadtrat beschließt neuen Radweg – Verkehr - Tageblatt Online</title><link>https://www.tageblatt.example/a/1</link>
            <description>Der Stadtrat hat am Montag den Bau beschlossen.</description></item>
            </channel></rss>
            """));
        // The section before the feed's name is no name of it: only the name and what follows it go.
        Assert.Equal("Stadtrat beschließt neuen Radweg – Verkehr", article.Title);
    }

    [Fact]
    public void An_item_whose_description_is_its_title_has_no_body()
    {
        var article = Single(Parse("""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>美国之音中文网</title><link>https://www.voachinese.com/</link>
            <item><title>德克萨斯一县至今无新冠确诊病例</title><link>https://www.voachinese.com/a/5537000.html</link>
            <description>德克萨斯一县至今无新冠确诊病例</description></item>
            </channel></rss>
            """));
        Assert.Equal("德克萨斯一县至今无新冠确诊病例", article.Title);
        Assert.Equal("", article.BodyText);
    }
}
