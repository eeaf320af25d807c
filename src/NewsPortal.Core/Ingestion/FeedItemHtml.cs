using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Turns a feed item's raw HTML into article blocks: the leading date line is read and removed,
/// <c>&lt;br&gt;&lt;br&gt;</c> runs become paragraph breaks, each image becomes a figure with the
/// <c>&lt;small&gt;</c> caption that follows it, proxied image URLs are unwrapped, empty anchors go.
/// </summary>
public sealed class FeedItemHtml
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
        "figure", "figcaption", "table", "pre", "center",
    };

    private readonly HtmlParser _parser = new();
    private readonly HtmlSanitizer _sanitizer = new();

    public sealed record Result(DateTimeOffset? Published, IReadOnlyList<string> Paragraphs, IReadOnlyList<ArticleImage> Images, string BodyHtml);

    public Result Read(string html, string? itemUrl)
    {
        var document = _parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        var body = document.Body!;
        var published = TakeDateLine(body);
        var walker = new Walker(itemUrl);
        walker.Walk(body);
        walker.Flush();
        var bodyHtml = _sanitizer.Sanitize(walker.Html.ToString(), itemUrl);
        return new Result(published, walker.Paragraphs, walker.Images, bodyHtml);
    }

    // Feed archivers put the item's pubDate first, as <div><i>Wed, 08 Nov 2023 18:25:56 GMT</i></div>.
    private static DateTimeOffset? TakeDateLine(IElement body)
    {
        foreach (var italic in body.QuerySelectorAll("div > i, div > em").Take(3))
        {
            if (DateTimeOffset.TryParse(italic.TextContent.Trim(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
            {
                italic.ParentElement!.Remove();
                return value.ToUniversalTime();
            }
        }
        return null;
    }

    private sealed class Walker(string? itemUrl)
    {
        private readonly StringBuilder _inlineHtml = new();
        private readonly StringBuilder _inlineText = new();
        private readonly Uri? _base = Uri.TryCreate(itemUrl, UriKind.Absolute, out var u) ? u : null;
        private ArticleImage? _awaitingCaption;
        private int _awaitingCaptionHtmlIndex;

        public StringBuilder Html { get; } = new();
        public List<string> Paragraphs { get; } = [];
        public List<ArticleImage> Images { get; } = [];

        public void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        AppendText(text.Data);
                        break;
                    case IElement { LocalName: "br" } br:
                        if (IsBreakRun(br)) Flush();
                        else if (_inlineText.Length > 0 && !IsBreakRun(br.PreviousSibling)) AppendBreak();
                        break;
                    case IElement { LocalName: "img" } img:
                        Flush();
                        AddImage(img);
                        break;
                    case IElement { LocalName: "small" } small when _awaitingCaption is not null:
                        AttachCaption(small.TextContent);
                        break;
                    case IElement { LocalName: "a" } a when a.TextContent.Trim().Length == 0 && a.QuerySelector("img") is null:
                        break; // empty anchors are leftovers of embedded widgets
                    case IElement { LocalName: "script" or "style" or "noscript" or "iframe" }:
                        break;
                    case IElement element when BlockElements.Contains(element.LocalName):
                        Flush();
                        Walk(element);
                        Flush();
                        break;
                    case IElement element:
                        AppendInline(element);
                        break;
                }
            }
        }

        private static bool IsBreakRun(INode? node)
        {
            if (node is not IElement { LocalName: "br" }) return false;
            // Two <br> with only whitespace between them end a paragraph.
            return IsBr(NextSignificant(node, n => n.NextSibling)) || IsBr(NextSignificant(node, n => n.PreviousSibling));
        }

        private static bool IsBr(INode? node) => node is IElement { LocalName: "br" };

        private static INode? NextSignificant(INode node, Func<INode, INode?> step)
        {
            var current = step(node);
            while (current is IText t && string.IsNullOrWhiteSpace(t.Data)) current = step(current);
            return current;
        }

        private void AppendText(string data)
        {
            if (_inlineText.Length == 0) data = data.TrimStart();
            if (data.Length == 0) return;
            _inlineText.Append(data);
            _inlineHtml.Append(WebUtility.HtmlEncode(data));
        }

        private void AppendBreak()
        {
            _inlineText.Append('\n');
            _inlineHtml.Append("<br>");
        }

        private void AppendInline(IElement element)
        {
            var text = element.TextContent;
            if (text.Trim().Length == 0) return;
            if (_inlineText.Length == 0) text = text.TrimStart();
            _inlineText.Append(text);
            // Inline markup (links, emphasis) is kept; the sanitizer decides what of it survives.
            _inlineHtml.Append(element.OuterHtml);
        }

        public void Flush()
        {
            var text = TextNormalizer.CollapseWhitespace(_inlineText.ToString());
            if (text.Length > 0)
            {
                Paragraphs.Add(text);
                _awaitingCaption = null; // a caption follows its image directly, not after more text
                Html.Append("<p>").Append(_inlineHtml.ToString().Trim()).Append("</p>");
            }
            _inlineHtml.Clear();
            _inlineText.Clear();
        }

        private void AddImage(IElement img)
        {
            var src = img.GetAttribute("data-src") ?? img.GetAttribute("src");
            if (string.IsNullOrWhiteSpace(src)) return;
            var proxy = HtmlSanitizer.SafeUrl(src, _base);
            if (proxy is null) return;
            var original = ImageProxy.Unwrap(proxy);
            var alt = img.GetAttribute("alt") is { Length: > 0 } a ? TextNormalizer.CollapseWhitespace(a) : null;
            var image = new ArticleImage(original ?? proxy, original is null ? null : proxy, null, alt);
            Images.Add(image);
            _awaitingCaption = image;
            _awaitingCaptionHtmlIndex = Html.Length;
            Html.Append(FigureMarkup.Of(image));
        }

        private void AttachCaption(string caption)
        {
            caption = TextNormalizer.CollapseWhitespace(caption);
            if (caption.Length == 0 || _awaitingCaption is null) return;
            var index = Images.IndexOf(_awaitingCaption);
            var captioned = _awaitingCaption with { Caption = caption };
            Images[index] = captioned;
            var oldFigure = FigureMarkup.Of(_awaitingCaption);
            Html.Remove(_awaitingCaptionHtmlIndex, oldFigure.Length).Insert(_awaitingCaptionHtmlIndex, FigureMarkup.Of(captioned));
            _awaitingCaption = null;
        }
    }
}
