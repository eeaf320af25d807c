using System.Text;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion;

/// <summary>Every parser says where the publication time came from, and keeps its fraction of a second.</summary>
public sealed class PublishedSourceTests
{
    private static ParsedArticle Parse(string text)
    {
        var result = ParserSelector.CreateDefault().Parse(Encoding.UTF8.GetBytes(text), new InputOrigin("input"));
        Assert.True(result.Succeeded, result.Error);
        return result.Items[0].Article!;
    }

    private const string Body = "<p>The council voted on Tuesday to close the old bridge to cars for good, after two years of repairs that never ended and a long public debate.</p>";

    private static string Page(string head, string body = "") =>
        $"<!DOCTYPE html><html lang=\"en\"><head><title>Bridge closes</title>{head}</head><body><article><h1>Bridge closes</h1>{body}{Body}{Body}</article></body></html>";

    [Fact]
    public void Json_ld_with_milliseconds()
    {
        var article = Parse(Page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Bridge closes\",\"datePublished\":\"2024-03-05T09:15:30.123+01:00\"}</script>"));

        Assert.Equal(new DateTimeOffset(2024, 3, 5, 9, 15, 30, 123, TimeSpan.FromHours(1)), article.PublishedAt);
        Assert.Equal("json-ld", article.PublishedSource);
    }

    [Fact]
    public void Meta_tag_names_its_key()
    {
        var article = Parse(Page("<meta property=\"article:published_time\" content=\"2024-03-05T09:15:30.5Z\">"));

        Assert.Equal(new DateTimeOffset(2024, 3, 5, 9, 15, 30, 500, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal("meta:article:published_time", article.PublishedSource);
    }

    [Fact]
    public void Time_element()
    {
        var article = Parse(Page("", "<time datetime=\"2024-03-05T09:15:30+01:00\" pubdate>5 March</time>"));

        Assert.Equal("time-element", article.PublishedSource);
    }

    [Fact]
    public void Date_shown_near_the_headline()
    {
        var article = Parse(Page("", "<p class=\"byline\">Published March 5, 2024 9:15 AM EST</p>"));

        Assert.Equal("byline-text", article.PublishedSource);
    }

    [Fact]
    public void Feed_element()
    {
        var article = Parse("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>a</title><link>https://example.org/a</link>" +
            "<pubDate>Tue, 05 Mar 2024 09:15:30 GMT</pubDate><description>text</description></item></channel></rss>");

        Assert.Equal("feed:pubDate", article.PublishedSource);
    }

    [Fact]
    public void Atom_entry_with_milliseconds()
    {
        var article = Parse("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry><title>a</title><id>x</id>" +
            "<link href=\"https://example.org/a\"/><updated>2024-03-05T09:15:30.250Z</updated><content type=\"html\">text</content></entry></feed>");

        Assert.Equal(new DateTimeOffset(2024, 3, 5, 9, 15, 30, 250, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal("feed:updated", article.PublishedSource);
    }

    [Fact]
    public void Text_dump_meta_line()
    {
        var article = TestData.ArticleOf(TestData.TextDumpSeed);

        Assert.Equal("dump-meta-line", article.PublishedSource);
    }

    [Fact]
    public void Markdown_dump_date_line()
    {
        var article = TestData.ArticleOf(TestData.FeedDumpSeed);

        Assert.Equal("dump-date-line", article.PublishedSource);
    }
}
