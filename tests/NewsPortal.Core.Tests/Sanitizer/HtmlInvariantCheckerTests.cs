namespace NewsPortal.Core.Tests.Sanitizer;

/// <summary>
/// The checker that judges the sanitizer must itself be right: it flags each kind of active
/// content, and leaves harmless HTML (including text that merely mentions script) alone.
/// </summary>
public sealed class HtmlInvariantCheckerTests
{
    private readonly HtmlInvariantChecker _checker = new();

    [Theory]
    [InlineData("<script>alert(1)</script>", "element <script>")]
    [InlineData("<p>a<SCRIPT SRC=//x.js></SCRIPT></p>", "element <script>")]
    [InlineData("<iframe src=\"https://example.com/\"></iframe>", "element <iframe>")]
    [InlineData("<svg><circle r=1 /></svg>", "element <svg>")]
    [InlineData("<math><mi>x</mi></math>", "element <math>")]
    [InlineData("<base href=\"https://evil.example/\">", "element <base>")]
    [InlineData("<form><input></form>", "element <form>")]
    [InlineData("<template><p>x</p></template>", "element <template>")]
    [InlineData("<img src=x onerror=alert(1)>", "event handler img@onerror")]
    [InlineData("<p ONMOUSEOVER=\"alert(1)\">x</p>", "event handler p@onmouseover")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "script URL a@href")]
    [InlineData("<a href=\" JaVaScRiPt:alert(1)\">x</a>", "script URL a@href")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "script URL a@href")]
    [InlineData("<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)\">x</a>", "script URL a@href")]
    [InlineData("<a href=\"java&amp;#115;cript:alert(1)\">x</a>", "script URL a@href")]
    [InlineData("<img src=\"vbscript:msgbox(1)\">", "script URL img@src")]
    [InlineData("<img srcset=\"a.png 1x, javascript:alert(1) 2x\">", "script URL img@srcset")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", "script URL a@href")]
    [InlineData("<table background=\"javascript:alert(1)\"></table>", "script URL table@background")]
    [InlineData("<blockquote cite=\"javascript:alert(1)\">q</blockquote>", "script URL blockquote@cite")]
    [InlineData("<button formaction=\"javascript:alert(1)\">b</button>", "script URL button@formaction")]
    [InlineData("<video poster=\"javascript:alert(1)\"></video>", "script URL video@poster")]
    [InlineData("<div style=\"width: expression(alert(1))\">x</div>", "script in style div@style")]
    [InlineData("<div style=\"width: exp/**/ression(alert(1))\">x</div>", "script in style div@style")]
    [InlineData("<div style=\"background:url(\\6a avascript:alert(1))\">x</div>", "script in style div@style")]
    [InlineData("<div style=\"-moz-binding: url(x.xml#xss)\">x</div>", "script in style div@style")]
    [InlineData("<div style=\"top: ｅｘｐｒｅｓｓｉｏｎ(alert(1))\">x</div>", "script in style div@style")]
    [InlineData("<div style=\"a:'*//*';b:ex/*c*//*/*/pression(alert(1))\">x</div>", "script in style div@style")]
    [InlineData("<div style=\"behavior: url(x.htc)\">x</div>", "script in style div@style")]
    [InlineData("<img ping=\"https://a.example/ javascript:alert(1)\">", "script URL img@ping")]
    public void Flags_active_content(string html, string expected)
    {
        var violations = _checker.Check(html);

        Assert.Contains(violations, v => v.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<p>Hello <a href=\"https://example.com/a?b=javascript:\">link</a></p>")]
    [InlineData("<figure><img src=\"https://gdb.voanews.com/a.jpg\" alt=\"javascript: a word\"><figcaption>x</figcaption></figure>")]
    [InlineData("<p>javascript:alert(1) onerror=alert(1) &lt;script&gt;</p>")]
    [InlineData("<p title=\"&lt;script&gt;alert(1)&lt;/script&gt;\">x</p>")]
    [InlineData("<a href=\"mailto:editor@example.com\">mail</a>")]
    [InlineData("<div style=\"color: red; margin: 10px\">x</div>")]
    [InlineData("<table><tr><td colspan=\"2\">x</td></tr></table>")]
    [InlineData("")]
    public void Leaves_harmless_html_alone(string html)
    {
        Assert.Empty(_checker.Check(html));
    }

    [Fact]
    public void Parses_noscript_as_a_browser_with_scripting_does()
    {
        // With scripting off the <img> would sit inside a title attribute; a browser ends the
        // noscript's raw text at </noscript> and creates the <img> with its handler.
        var violations = _checker.Check("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>");

        Assert.Contains("element <noscript>", violations);
        Assert.Contains("event handler img@onerror", violations);
    }

    [Theory]
    [InlineData("javascript:alert(1)", true)]
    [InlineData("\u0001java\u0000script:alert(1)", true)]
    [InlineData("java\u200Bscript:alert(1)", true)]
    [InlineData("DATA:image/png;base64,AAAA", true)]
    [InlineData("https://example.com/javascript:", false)]
    [InlineData("/relative/path", false)]
    public void Reads_a_url_scheme_after_stripping_invisible_characters(string url, bool dangerous)
    {
        Assert.Equal(dangerous, HtmlInvariantChecker.HasDangerousScheme(url));
    }
}
