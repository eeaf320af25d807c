using System.Security;
using System.Text;
using System.Text.Json;

namespace NewsPortal.Core.Tests.Fuzzing;

/// <summary>
/// Inputs made from nothing: random markup (allowed and forbidden elements, event handlers, script
/// URLs, srcdoc, styles, Chinese and Latin text) wrapped as an HTML page, an RSS, Atom or JSON feed,
/// a markdown feed dump or a text dump. Deterministic for a given <see cref="Random"/> seed.
/// </summary>
public static class InputGenerator
{
    public static readonly string[] Families = ["html", "rss", "atom", "json-feed", "markdown-dump", "text-dump"];

    private static readonly string[] Tags =
    [
        "p", "div", "span", "a", "img", "b", "i", "em", "strong", "ul", "li", "ol", "table", "tr", "td", "blockquote", "figure",
        "figcaption", "h2", "h3", "pre", "code", "br", "hr", "script", "style", "iframe", "object", "embed", "svg", "math",
        "template", "noscript", "form", "input", "textarea", "select", "video", "audio", "base", "meta", "link", "frameset",
        "title", "xmp", "plaintext", "noembed", "option", "isindex", "marquee", "details", "dialog", "picture", "source",
    ];

    private static readonly string[] Attributes =
    [
        "href", "src", "srcset", "srcdoc", "style", "onclick", "onerror", "onload", "ONMOUSEOVER", "title", "alt", "class", "id",
        "action", "formaction", "xlink:href", "poster", "background", "data", "width", "colspan", "datetime", "lang",
    ];

    private static readonly string[] Values =
    [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)", " &#106;avascript:alert(1)", "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data:image/png;base64,iVBORw0KGgo=", "https://example.com/a.jpg",
        "/relative/path.html", "//cdn.example.com/x.png", "alert(1)", "<script>alert(1)</script>", "expression(alert(1))",
        "x\" onerror=\"alert(1)", "\u0000javascript:alert(1)", "mailto:a@example.com", "#top", "1", "",
    ];

    private static readonly string[] Words =
    [
        "新华社", "北京", "记者", "报道", "经济", "发展", "会议", "。", "，", "“", "”", "news", "report", "the", "and",
        "&amp;", "&lt;", "&#x4e2d;", "&nbsp;", "\u200b", "\ud83d\ude00", "\t", " ", "\r\n",
    ];

    public static (string Family, byte[] Bytes) Generate(Random random)
    {
        var family = Families[random.Next(Families.Length)];
        var title = Text(random, random.Next(1, 12));
        var body = Markup(random, random.Next(1, 6));
        var text = family switch
        {
            "html" => $"<!DOCTYPE html><html><head><title>{title}</title><meta property=\"og:title\" content=\"{title}\"></head><body><article><h1>{title}</h1>{body}</article></body></html>",
            "rss" => $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{SecurityElement.Escape(title)}</title><link>https://example.com/</link>{Items(random, "item", body)}</channel></rss>",
            "atom" => $"<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{SecurityElement.Escape(title)}</title>{Items(random, "entry", body)}</feed>",
            "json-feed" => JsonFeed(random, title, body),
            "markdown-dump" => $"## [{title}](https://example.com/news/{random.Next()}.html) ##\n\n{body}\n",
            _ => $"首页\n国内\n时间:2024-11-12 08:15:02 来源:{title}\n  {title}\n  {Text(random, 40)}\n{body}\n  {Text(random, 30)}\n",
        };
        return (family, Encoding.UTF8.GetBytes(text));
    }

    private static string Items(Random random, string element, string body)
    {
        var items = new StringBuilder();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var title = SecurityElement.Escape(Text(random, 6));
            var url = $"https://example.com/{random.Next()}.html";
            var content = random.Next(2) == 0 ? SecurityElement.Escape(body) : $"<![CDATA[{body.Replace("]]>", "", StringComparison.Ordinal)}]]>";
            items.Append(element == "item"
                ? $"<item><title>{title}</title><link>{url}</link><guid>{url}</guid><pubDate>Tue, 12 Nov 2024 08:15:02 +0800</pubDate><description>{content}</description></item>"
                : $"<entry><title>{title}</title><link href=\"{url}\"/><id>{url}</id><updated>2024-11-12T08:15:02+08:00</updated><content type=\"html\">{content}</content></entry>");
        }
        return items.ToString();
    }

    private static string JsonFeed(Random random, string title, string body) => JsonSerializer.Serialize(new
    {
        version = "https://jsonfeed.org/version/1.1",
        title,
        items = Enumerable.Range(0, random.Next(1, 4)).Select(i => new
        {
            id = $"https://example.com/{i}",
            url = $"https://example.com/{i}.html",
            title = Text(random, 6),
            content_html = body,
            date_published = "2024-11-09T08:12:00+08:00",
        }),
    });

    /// <summary>Random nested markup; <paramref name="depth"/> bounds the nesting.</summary>
    private static string Markup(Random random, int depth)
    {
        var html = new StringBuilder();
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            if (depth == 0 || random.Next(3) == 0)
            {
                html.Append(Text(random, random.Next(1, 20)));
                continue;
            }
            var tag = Tags[random.Next(Tags.Length)];
            html.Append('<').Append(random.Next(10) == 0 ? tag.ToUpperInvariant() : tag);
            for (var a = random.Next(0, 4); a > 0; a--)
            {
                var quote = random.Next(3) switch { 0 => "\"", 1 => "'", _ => "" };
                html.Append(' ').Append(Attributes[random.Next(Attributes.Length)]).Append('=').Append(quote).Append(Values[random.Next(Values.Length)]).Append(quote);
            }
            html.Append('>').Append(Markup(random, depth - 1));
            if (random.Next(5) != 0) html.Append("</").Append(tag).Append('>');
        }
        return html.ToString();
    }

    private static string Text(Random random, int words) =>
        string.Concat(Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
}
