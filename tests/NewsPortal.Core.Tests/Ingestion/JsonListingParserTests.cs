using System.Text;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion;

/// <summary>A scraper's own JSON listing, edge by edge; the whole layouts are the golden examples listing.json and listing.jsonl.</summary>
public sealed class JsonListingParserTests
{
    private static ParseResult Parse(string json) =>
        ParserSelector.CreateDefault().Parse(Encoding.UTF8.GetBytes(json), new InputOrigin("listing.json"));

    private static ParsedArticle Single(string json)
    {
        var result = Parse(json);
        Assert.Equal(JsonListingParser.FormatName, result.Format);
        Assert.True(result.Succeeded, result.Error);
        var item = Assert.Single(result.Items);
        Assert.True(item.Article is not null, item.Error);
        return item.Article;
    }

    [Fact]
    public void A_generalnewsextractor_output_is_one_article()
    {
        var result = ParserSelector.CreateDefault().Parse(TestData.Bytes("listings", "guancha.gne_output_2019.json"), new InputOrigin("guancha.gne_output_2019.json"));

        var article = Assert.Single(result.Items).Article!;
        Assert.Equal("王文：中美贸易“持久战”，中国人的斗志被激发", article.Title);
        Assert.Equal(["王文"], article.Authors);
        Assert.Equal(new DateTimeOffset(2019, 9, 7, 9, 25, 9, TimeSpan.FromHours(8)), article.PublishedAt);
        Assert.Equal("listing:publish_time", article.PublishedSource);
        Assert.StartsWith("【文/观察者网专栏作者王文】\n\n“中美贸易战正在变成一场持久战", article.BodyText);
        Golden.GoldenFile.AssertMatches(Path.Combine("listings", "guancha.gne_output_2019.expected.json"), Golden.GoldenFile.Serialize(result));
    }

    [Fact]
    public void A_lone_object_without_a_body_or_link_is_not_a_listing()
    {
        Assert.False(new JsonListingParser().CanParse("""{"title": "普京会见张又侠", "byline": "x", "readerable": true}"""));
    }

    [Fact]
    public void An_empty_array_is_a_listing_of_nothing()
    {
        var result = Parse("[]");

        Assert.Equal(JsonListingParser.FormatName, result.Format);
        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(result.Items);
    }

    [Fact]
    public void A_broken_line_of_json_lines_fails_alone()
    {
        var result = Parse("{\"title\": \"第一条\", \"url\": \"https://example.org/1\"}\n{\"title\": \"断了\n{\"title\": \"第三条\", \"url\": \"https://example.org/3\"}\n");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(3, result.Items.Count);
        Assert.Equal("第一条", result.Items[0].Article!.Title);
        Assert.StartsWith("item 1 (line 2): malformed JSON", result.Items[1].Error);
        Assert.Equal("第三条", result.Items[2].Article!.Title);
    }

    [Theory]
    [InlineData("1699468756", "2023-11-08T18:39:16+00:00")]
    [InlineData("1699468756123", "2023-11-08T18:39:16.123+00:00")]
    [InlineData("\"1699468756\"", "2023-11-08T18:39:16+00:00")]
    [InlineData("1699468756.5", "2023-11-08T18:39:16.5+00:00")]
    public void Reads_epoch_dates_in_seconds_or_milliseconds(string value, string expected)
    {
        var article = Single($$"""[{"title": "t", "url": "https://example.org/a", "time": {{value}}}]""");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), article.PublishedAt);
        Assert.False(article.PublishedZoneInferred);
        Assert.Equal("listing:time", article.PublishedSource);
    }

    [Fact]
    public void Reads_authors_as_an_object_a_list_of_objects_or_a_string()
    {
        Assert.Equal(["Jane Doe"], Single("""[{"title": "t", "author": {"name": "Jane Doe", "id": 7}}]""").Authors);
        Assert.Equal(["Jane Doe", "John Roe"], Single("""[{"title": "t", "authors": [{"name": "Jane Doe"}, {"name": "John Roe"}]}]""").Authors);
        Assert.Equal(["张三", "李四"], Single("""[{"title": "t", "byline": "张三 李四"}]""").Authors);
    }

    [Fact]
    public void Ignores_keys_it_does_not_know()
    {
        var article = Single("""{"data": [{"title": "t", "link": "https://example.org/a", "score": 3, "meta": {"x": [1, 2]}, "flags": null}]}""");

        Assert.Equal("t", article.Title);
        Assert.Equal("https://example.org/a", article.Url);
    }

    [Fact]
    public void A_listing_with_no_title_or_link_field_fails_saying_so()
    {
        var result = Parse("""[{"headline_text": "t", "address": "https://example.org/a"}, {"headline_text": "u"}]""");

        Assert.Equal(JsonListingParser.FormatName, result.Format);
        Assert.False(result.Succeeded);
        Assert.StartsWith("a JSON listing without a title or link field in any item", result.Error);
        Assert.Contains("keys headline_text, address", result.Error);
    }

    [Fact]
    public void An_object_without_a_list_of_items_of_its_own_fails_saying_so()
    {
        var result = Parse("""{"meta": {"items": []}, "status": "ok"}""");

        Assert.Equal(JsonListingParser.FormatName, result.Format);
        Assert.StartsWith("a JSON object with no list of items", result.Error);
    }

    [Fact]
    public void A_lone_object_is_no_listing()
    {
        Assert.False(new JsonListingParser().CanParse("""{"status": "ok", "count": 0}"""));
    }

    [Fact]
    public void An_item_that_is_not_an_object_fails_alone_by_its_index()
    {
        var result = Parse("""[{"title": "t"}, "just a string", {"title": "u"}]""");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("item 1: a JSON string, not an object", result.Items[1].Error);
        Assert.NotNull(result.Items[2].Article);
    }

    [Fact]
    public void An_item_with_neither_title_nor_content_fails_alone()
    {
        var result = Parse("""[{"title": "t"}, {"url": "https://example.org/b"}]""");

        Assert.Equal("item 1: neither a title nor content", result.Items[1].Error);
    }

    [Fact]
    public void Html_content_is_sanitized_and_plain_text_becomes_paragraphs()
    {
        var html = Single("""[{"title": "t", "url": "https://example.org/a/", "content": "<p onclick=\"x()\">一段<a href=\"/b\">链接</a></p><script>alert(1)</script>"}]""");
        var plain = Single("""[{"title": "t", "text": "第一段 <3\n\n第二段"}]""");

        Assert.DoesNotContain("script", html.BodyHtml);
        Assert.DoesNotContain("onclick", html.BodyHtml);
        Assert.Contains("href=\"https://example.org/b\"", html.BodyHtml);
        Assert.Equal("<p>第一段 &lt;3</p><p>第二段</p>", plain.BodyHtml);
        Assert.Equal("第一段 <3\n\n第二段", plain.BodyText);
    }

    [Fact]
    public void Reads_wordpress_rendered_fields()
    {
        var article = Single("""[{"id": 42, "link": "https://example.org/?p=42", "date_gmt": "x", "date": "2024-05-27T09:00:00", "title": {"rendered": "Hello &amp; welcome"}, "content": {"rendered": "<p>Body.</p>", "protected": false}}]""");

        Assert.Equal("Hello & welcome", article.Title);
        Assert.Equal("Body.", article.BodyText);
        Assert.Equal("42", article.Guid);
    }

    [Theory]
    [InlineData("[首页] [新闻]\n时间:2025-05-30 17:43:44 作者:惠奈\n标题\n  正文。")]
    [InlineData("{广告}\n时间:2025-05-30 17:43:44 作者:惠奈\n标题\n  正文。")]
    public void Text_that_starts_with_a_bracket_is_not_json(string text)
    {
        Assert.False(new JsonListingParser().CanParse(text));
    }

    [Fact]
    public void A_json_feed_stays_a_feed()
    {
        var result = Parse("""{"version": "https://jsonfeed.org/version/1.1", "title": "f", "items": [{"id": "1", "title": "t", "url": "https://example.org/a"}]}""");

        Assert.Equal(NewsPortal.Core.Ingestion.Feeds.FeedFileParser.FormatName, result.Format);
    }
}
