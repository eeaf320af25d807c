using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Sanitizer;

/// <summary>
/// What the allowlist keeps and how it rewrites it, plus attacks the upstream vectors only carry in
/// escaped form (their extractor kept C# escapes such as <c>\0</c> and <c>\t</c> as literal text).
/// </summary>
public sealed class HtmlSanitizerTests
{
    private readonly HtmlSanitizer _sanitizer = new();
    private readonly HtmlInvariantChecker _checker = new();

    [Theory]
    [InlineData("<img src=\"java\0script:alert(1)\">")]
    [InlineData("<a href=\"java\0script:alert(1)\">x</a>")]
    [InlineData("<img src=\"jav\tascript:alert(1)\">")]
    [InlineData("<a href=\"\u0001\u0002javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"java\u200Bscript:alert(1)\">x</a>")]
    [InlineData("<scr\0ipt>alert(1)</scr\0ipt><p>after</p>")]
    [InlineData("<a href=\"https:javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"  DATA:text/html,<script>alert(1)</script>\">x</a>")]
    [InlineData("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">")]
    public void Removes_script_urls_hidden_by_control_characters(string html)
    {
        var output = _sanitizer.Sanitize(html, "https://example.com/");

        Assert.Empty(_checker.Check(output));
        Assert.Equal(output, _sanitizer.Sanitize(output, "https://example.com/"));
    }

    [Theory]
    [InlineData("https://example.com/2020/08/%e5%85%88%%e5%a4%b4%e6%9d%a1/")] // a bare "%" before an escape (a share link of 中国数字时代)
    [InlineData("https://example.com/2020/08/%e5%85%88%25%e5%a4%b4%e6%9d%a1/")]
    public void A_link_is_written_the_same_when_sanitized_again(string href)
    {
        var once = _sanitizer.Sanitize($"<p><a href=\"{href}\">x</a></p>");

        Assert.Equal(once, _sanitizer.Sanitize(once));
    }

    [Fact]
    public void Ruby_keeps_its_base_text_and_drops_the_reading()
    {
        const string html = "<p><ruby>子<rt>こ</rt></ruby>どもを<ruby>守<rp>(</rp><rt>まも</rt><rp>)</rp></ruby>る</p>";

        Assert.Equal("<p>子どもを守る</p>", _sanitizer.Sanitize(html));
    }

    [Fact]
    public void Keeps_article_markup_and_text()
    {
        const string html = "<h2>小标题</h2><p>普京<strong>会见</strong>张又侠<br>第二行</p><blockquote><p>引语</p></blockquote>"
                            + "<ul><li>一</li><li>二</li></ul><figure><img src=\"https://a.example/p.jpg\" alt=\"图\"><figcaption>说明</figcaption></figure>";

        Assert.Equal(html, _sanitizer.Sanitize(html));
    }

    [Fact]
    public void Unwraps_unknown_elements_but_keeps_their_text()
    {
        Assert.Equal("<p>a b c</p>", _sanitizer.Sanitize("<div><p>a <span class=\"x\">b</span> <font color=red>c</font></p></div>"));
    }

    [Fact]
    public void Drops_active_and_hidden_content_with_what_is_inside()
    {
        var output = _sanitizer.Sanitize("<p>a</p><script>alert(1)</script><style>p{}</style><iframe src=\"https://x/\">f</iframe><textarea>t</textarea><p>b</p>");

        Assert.Equal("<p>a</p><p>b</p>", output);
    }

    [Fact]
    public void Resolves_relative_links_against_the_base_url_and_marks_them_nofollow()
    {
        var output = _sanitizer.Sanitize("<a href=\"/a/7317251.html\" onclick=\"x()\">链接</a>", "https://www.voachinese.com/a/1.html");

        Assert.Equal("<a href=\"https://www.voachinese.com/a/7317251.html\" rel=\"nofollow noopener\">链接</a>", output);
    }

    [Fact]
    public void Drops_relative_urls_when_there_is_no_base_url()
    {
        Assert.Equal("<a>x</a>", _sanitizer.Sanitize("<a href=\"/a/1.html\">x</a>"));
        Assert.Equal("", _sanitizer.Sanitize("<img src=\"p.jpg\">"));
    }

    [Fact]
    public void Keeps_mailto_links_but_not_mailto_images()
    {
        Assert.Contains("href=\"mailto:editor@example.com\"", _sanitizer.Sanitize("<a href=\"mailto:editor@example.com\">m</a>"));
        Assert.Equal("", _sanitizer.Sanitize("<img src=\"mailto:editor@example.com\">"));
    }

    [Fact]
    public void Keeps_only_numeric_sizes()
    {
        var output = _sanitizer.Sanitize("<img src=\"https://a.example/p.jpg\" width=\"100%\" height=\"200\" style=\"x\">");

        Assert.Equal("<img src=\"https://a.example/p.jpg\" height=\"200\">", output);
    }

    [Fact]
    public void Removes_comments_and_conditional_comments()
    {
        Assert.Equal("<p>a</p>", _sanitizer.Sanitize("<!--[if gte IE 4]><script>alert(1)</script><![endif]--><p>a<!-- c --></p>"));
    }

    [Fact]
    public void Finishes_deeply_nested_input_within_the_time_limit()
    {
        // AngleSharp's tree builder is quadratic in the nesting depth of block elements (10,000
        // levels take seconds); a thousand, far beyond any real article, must stay quick.
        // Past a few hundred levels the parser stops nesting (as browsers do), so only the element
        // count and stability are asserted, not the shape.
        var html = string.Concat(Enumerable.Repeat("<blockquote>", 1000)) + "x";

        var (output, failure) = SanitizerVectorRun.SanitizeWithin(html, null);

        Assert.Null(failure);
        Assert.Equal(1000, output!.Split("<blockquote>").Length - 1);
        Assert.Contains(">x<", output);
        Assert.Equal(output, SanitizerVectorRun.SanitizeWithin(output, null).Output);
    }

    [Theory]
    [InlineData("他说：\"今天 & 明天\" 'ok' <b>不是标签</b> 😀")]
    [InlineData("a\u00A0b\r\nc\rd\0e")]
    [InlineData("plain text")]
    public void Text_escaped_for_a_body_reads_the_same_after_sanitizing(string text)
    {
        var html = $"<p>{NewsPortal.Core.Ingestion.HtmlSanitizer.EscapeText(text)}</p>";
        Assert.Equal(html, _sanitizer.Sanitize(html));
    }
}
