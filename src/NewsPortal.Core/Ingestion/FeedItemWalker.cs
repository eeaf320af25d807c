using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Walks a feed item's DOM in document order and writes paragraphs and figures: block elements and
/// <c>&lt;br&gt;&lt;br&gt;</c> runs end a paragraph, a single <c>&lt;br&gt;</c> is a line break within
/// one, and an image takes the <c>&lt;small&gt;</c> or <c>&lt;figcaption&gt;</c> that follows it as its caption.
/// </summary>
internal sealed partial class FeedItemWalker(string? itemUrl, bool blankLinesBreakParagraphs)
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
        "figure", "figcaption", "table", "pre", "center",
    };

    // Marks a single <br> in the paragraph's text until Flush turns it into a newline.
    private const char LineBreak = '\n';

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
                    else if (_inlineText.Length > 0) AppendBreak();
                    break;
                case IElement { LocalName: "img" } img:
                    Flush();
                    AddImage(img);
                    break;
                case IElement { LocalName: "small" or "figcaption" } caption when _awaitingCaption is not null:
                    AttachCaption(caption.TextContent);
                    break;
                case IElement { LocalName: "script" or "style" or "noscript" or "iframe" or "rt" or "rp" }:
                    break;
                case IElement element when BlockElements.Contains(element.LocalName):
                    Flush();
                    Walk(element);
                    Flush();
                    break;
                case IElement element when HoldsImageOrBreakRun(element):
                    // <a><img></a>, <span>para<br><br>para</span>: the wrapper goes, what it holds is read as above.
                    Walk(element);
                    break;
                case IElement element:
                    AppendInline(element);
                    break;
            }
        }
    }

    private static bool HoldsImageOrBreakRun(IElement element) =>
        element.QuerySelector("img") is not null || element.QuerySelectorAll("br").Any(IsBreakRun);

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
        if (!blankLinesBreakParagraphs)
        {
            AppendTextRun(data);
            return;
        }
        var runs = BlankLine().Split(data);
        for (var i = 0; i < runs.Length; i++)
        {
            if (i > 0) Flush();
            AppendTextRun(runs[i]);
        }
    }

    private void AppendTextRun(string data)
    {
        data = data.Replace(LineBreak, ' ');
        if (_inlineText.Length == 0 || _inlineText[^1] == LineBreak) data = data.TrimStart();
        if (data.Length == 0) return;
        _inlineText.Append(data);
        _inlineHtml.Append(WebUtility.HtmlEncode(data));
    }

    private void AppendBreak()
    {
        _inlineText.Append(LineBreak);
        _inlineHtml.Append("<br>");
    }

    private void AppendInline(IElement element)
    {
        var text = TextOf(element).Replace(LineBreak, ' ');
        if (text.Trim().Length == 0) return;
        if (_inlineText.Length == 0 || _inlineText[^1] == LineBreak) text = text.TrimStart();
        _inlineText.Append(text);
        // Inline markup (links, emphasis) is kept; the sanitizer decides what of it survives.
        _inlineHtml.Append(element.OuterHtml);
    }

    // An element's text without its ruby annotations (<rt>, <rp>: the reading of the characters, which
    // the sanitizer drops from the HTML too).
    private static string TextOf(IElement element)
    {
        if (element.QuerySelector("rt, rp") is null) return element.TextContent;
        var text = new StringBuilder();
        void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
                if (child is IText t) text.Append(t.Data);
                else if (child is IElement { LocalName: not ("rt" or "rp") } e) Walk(e);
        }
        Walk(element);
        return text.ToString();
    }

    public void Flush()
    {
        var lines = _inlineText.ToString().Split(LineBreak).Select(TextNormalizer.CollapseWhitespace).Where(l => l.Length > 0);
        var text = string.Join(LineBreak, lines);
        if (text.Length > 0)
        {
            Paragraphs.Add(text);
            _awaitingCaption = null; // a caption follows its image directly, not after more text
            var html = _inlineHtml.ToString().Trim();
            while (html.EndsWith("<br>", StringComparison.Ordinal)) html = html[..^4].TrimEnd();
            Html.Append("<p>").Append(html).Append("</p>");
        }
        _inlineHtml.Clear();
        _inlineText.Clear();
    }

    private void AddImage(IElement img)
    {
        var src = img.GetAttribute("data-src") ?? img.GetAttribute("src");
        if (string.IsNullOrWhiteSpace(src)) return;
        var proxy = HtmlSanitizer.SafeUrl(ImageProxy.WithScheme(src), _base);
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

    [GeneratedRegex(@"\r?\n[ \t]*\r?\n")]
    private static partial Regex BlankLine();
}
