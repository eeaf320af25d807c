using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion;

public sealed class ArticleIdentityTests
{
    private static ParsedArticle Article(string? url = null, string? canonical = null, string title = "普京会见张又侠", string body = "正文。") =>
        new() { Title = title, Url = url, CanonicalUrl = canonical, BodyHtml = $"<p>{body}</p>", BodyText = body };

    [Fact]
    public void Key_is_the_url_when_the_article_has_one()
    {
        Assert.Equal("url:https://www.voachinese.com/a/7346943.html", ArticleIdentity.KeyOf(Article("https://www.voachinese.com/a/7346943.html")));
    }

    [Fact]
    public void Key_prefers_the_canonical_url()
    {
        var article = Article("https://m.example.com/a/1.html?utm_source=rss", "https://www.example.com/a/1.html");

        Assert.Equal("url:https://www.example.com/a/1.html", ArticleIdentity.KeyOf(article));
    }

    [Fact]
    public void Key_normalises_host_case_and_drops_the_fragment()
    {
        var a = ArticleIdentity.KeyOf(Article("https://WWW.VOAChinese.com/a/7346943.html#comments"));
        var b = ArticleIdentity.KeyOf(Article("https://www.voachinese.com/a/7346943.html"));

        Assert.Equal(b, a);
    }

    [Theory]
    [InlineData("HTTP://WWW.Example.COM:80/A/b.html?x=1#top", "https://www.example.com/A/b.html?x=1")]
    [InlineData("https://www.example.com:443/a", "https://www.example.com/a")]
    [InlineData("https://www.example.com:8443/a", "https://www.example.com:8443/a")]
    [InlineData("https://www.example.com/a?id=7&utm_source=rss&utm_medium=feed", "https://www.example.com/a?id=7")]
    [InlineData("https://www.example.com/a?utm_campaign=x&fbclid=abc", "https://www.example.com/a")]
    [InlineData("https://m.sohu.com/a/123_456", "https://www.sohu.com/a/123_456")]
    [InlineData("http://wap.example.cn/n/1.html?from=timeline", "https://www.example.cn/n/1.html")]
    [InlineData("https://m.example/a", "https://m.example/a")]
    [InlineData("ftp://www.example.com/a", null)]
    [InlineData("/a/1.html", null)]
    [InlineData(null, null)]
    public void Normalises_one_spelling_per_page(string? url, string? expected)
    {
        Assert.Equal(expected, ArticleIdentity.NormalizeUrl(url));
    }

    [Fact]
    public void Path_and_query_keep_their_case()
    {
        Assert.NotEqual(ArticleIdentity.KeyOf(Article("https://example.com/A?id=X")), ArticleIdentity.KeyOf(Article("https://example.com/a?id=x")));
    }

    [Fact]
    public void Key_is_a_hash_of_title_and_text_without_a_url()
    {
        var key = ArticleIdentity.KeyOf(Article());

        Assert.Matches("^sha256:[0-9a-f]{64}$", key);
        Assert.Equal(key, ArticleIdentity.KeyOf(Article()));
        Assert.NotEqual(key, ArticleIdentity.KeyOf(Article(body: "另一篇正文。")));
        Assert.NotEqual(key, ArticleIdentity.KeyOf(Article(title: "另一个标题")));
    }

    [Fact]
    public void A_non_web_url_falls_back_to_the_hash_key()
    {
        Assert.StartsWith("sha256:", ArticleIdentity.KeyOf(Article("ftp://example.com/a.txt")));
    }

    [Fact]
    public void Content_hash_is_stable_for_the_same_content()
    {
        Assert.Equal(ArticleIdentity.ContentHashOf(TestData.ArticleOf(TestData.FeedDumpSeed)),
            ArticleIdentity.ContentHashOf(TestData.ArticleOf(TestData.FeedDumpSeed)));
    }

    [Fact]
    public void Content_hash_changes_when_the_title_changes()
    {
        var article = TestData.ArticleOf(TestData.FeedDumpSeed);

        Assert.NotEqual(ArticleIdentity.ContentHashOf(article), ArticleIdentity.ContentHashOf(article with { Title = article.Title + "（更新）" }));
    }

    [Fact]
    public void Content_hash_ignores_a_moving_view_counter()
    {
        var article = TestData.ArticleOf(TestData.TextDumpSeed);

        Assert.Equal(ArticleIdentity.ContentHashOf(article), ArticleIdentity.ContentHashOf(article with { ViewCount = article.ViewCount + 100 }));
    }

    [Fact]
    public void Content_hash_changes_with_body_images_and_publish_time_but_not_the_key()
    {
        var article = TestData.ArticleOf(TestData.FeedDumpSeed);
        var edited = new[]
        {
            article with { BodyHtml = article.BodyHtml + "<p>更正</p>" },
            article with { Images = article.Images.Take(1).ToList() },
            article with { PublishedAt = article.PublishedAt!.Value.AddMinutes(5) },
        };

        Assert.All(edited, e => Assert.NotEqual(ArticleIdentity.ContentHashOf(article), ArticleIdentity.ContentHashOf(e)));
        Assert.All(edited, e => Assert.Equal(ArticleIdentity.KeyOf(article), ArticleIdentity.KeyOf(e)));
    }
}
