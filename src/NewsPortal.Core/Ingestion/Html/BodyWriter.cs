using System.Net;
using System.Text;
using AngleSharp.Dom;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Flattens the chosen containers into article blocks: paragraphs (a <c>&lt;br&gt;</c> ends one, as
/// old Chinese pages separate paragraphs that way), headings, lists, quotes, preformatted text, data
/// tables and figures. Link-heavy containers inside the article are left out, as readability does.
/// The walk uses an explicit stack.
/// </summary>
internal sealed class BodyWriter(DomIndex dom, Uri? pageUrl, BoilerplatePhrases phrases)
{
    private readonly List<BodyBlock> _blocks = [];
    private readonly InlineHtmlBuilder _paragraph = new();
    private IElement? _paragraphHome;
    private int _quoteDepth;
    private bool _wroteText;

    public IReadOnlyList<BodyBlock> Write(IReadOnlyList<int> roots, CancellationToken cancellationToken = default)
    {
        foreach (var root in roots) Walk(dom.Elements[root], cancellationToken);
        return _blocks;
    }

    private void Walk(IElement root, CancellationToken cancellationToken)
    {
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (node, exit) = stack.Pop();
            if (node is IText text)
            {
                if (!_paragraph.HasText && string.IsNullOrWhiteSpace(text.Data)) continue;
                if (!_paragraph.HasText) _paragraphHome = text.ParentElement;
                _paragraph.Text(text.Data);
                continue;
            }
            if (node is not IElement element) continue;
            var name = element.LocalName;
            var inline = BoilerplateMarkers.IsInline(name);
            if (exit)
            {
                if (inline) _paragraph.Close();
                else
                {
                    Flush();
                    if (name == "blockquote") _quoteDepth--;
                }
                continue;
            }
            var i = dom.IndexOf(element);
            if (i < 0 || dom.Excluded[i]) continue;
            if (element != root && !inline && IsLinkFarm(i)) continue;
            if (!Enter(element, i, inline)) continue;
            stack.Push((element, true));
            var children = element.ChildNodes;
            for (var c = children.Length - 1; c >= 0; c--) stack.Push((children[c], false));
        }
        Flush();
    }

    /// <summary>Handles an element on the way in; false when it was written whole (or dropped) and its children are done.</summary>
    private bool Enter(IElement element, int i, bool inline)
    {
        switch (element.LocalName)
        {
            case "br":
                Flush();
                return false;
            case "img":
                Flush();
                if (ImageReader.Read(element, pageUrl) is { } image) _blocks.Add(BodyBlock.Figure(image, element));
                return false;
            case "figure":
                Flush();
                WriteFigure(element, i);
                return false;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                Flush();
                // An h1 before any text is the headline; later ones are section headings of pages that misuse h1.
                if (element.LocalName == "h1" && !_wroteText) return false;
                var tag = element.LocalName == "h1" ? "h2" : element.LocalName;
                var (headingHtml, headingText) = InlineHtmlBuilder.Of(element, dom);
                if (headingText.Length > 0)
                    Add(new BodyBlock(BlockKind.Heading, $"<{tag}>{headingHtml}</{tag}>", headingText, element));
                return false;
            case "ul" or "ol" when dom.LongestParagraph[i] <= 60 || dom.Elements[i].Children.Length == 0:
                Flush();
                WriteList(element);
                return false;
            case "table" when TableKind.IsDataTable(dom, i):
                Flush();
                Add(TableKind.Block(dom, i));
                return false;
            case "pre":
                Flush();
                var code = TextNormalizer.CollapseWhitespace(element.TextContent);
                if (code.Length > 0)
                    Add(new BodyBlock(BlockKind.Preformatted, "<pre>" + WebUtility.HtmlEncode(element.TextContent.Trim('\n', '\r')) + "</pre>", code, element));
                return false;
            case "blockquote":
                Flush();
                _quoteDepth++;
                return true;
        }
        if (inline) _paragraph.Open(element);
        else Flush();
        return true;
    }

    // Readability's conditional clean: a block inside the article that is mostly links is a teaser or a tag list.
    // Links within the page count whole here: a table of contents or an "up next" anchor is no paragraph.
    private bool IsLinkFarm(int i)
    {
        var total = dom.Total[i].Tokens;
        if (total == 0) return false;
        var density = (double)dom.LinkTokens[i] / total;
        var prose = total - dom.LinkTokens[i];
        return dom.Elements[i].LocalName == "p" ? density > 0.7 && prose < 20 : density > 0.5 && prose < 100;
    }

    private void WriteList(IElement list)
    {
        var html = new StringBuilder("<").Append(list.LocalName).Append('>');
        var lines = new List<string>();
        foreach (var item in list.Children.Where(c => c.LocalName == "li"))
        {
            var index = dom.IndexOf(item);
            if (index < 0 || dom.Excluded[index]) continue;
            var (itemHtml, itemText) = InlineHtmlBuilder.Of(item, dom);
            if (itemText.Length == 0 || phrases.IsEditorLine(itemText) || phrases.IsMetaLine(itemText) || phrases.IsDropLine(itemText)) continue;
            html.Append("<li>").Append(itemHtml).Append("</li>");
            lines.Add(itemText);
        }
        if (lines.Count > 0) Add(new BodyBlock(BlockKind.List, html.Append("</").Append(list.LocalName).Append('>').ToString(), string.Join("\n", lines), list));
    }

    private void WriteFigure(IElement figure, int i)
    {
        string? caption = null;
        for (var j = i + 1; j < dom.End[i]; j++)
        {
            if (dom.Elements[j].LocalName == "figcaption" && !dom.Excluded[j])
                caption = TextNormalizer.CollapseWhitespace(dom.Elements[j].TextContent);
        }
        for (var j = i + 1; j < dom.End[i]; j++)
        {
            if (dom.Elements[j].LocalName != "img" || dom.Excluded[j]) continue;
            if (ImageReader.Read(dom.Elements[j], pageUrl) is not { } image) continue;
            _blocks.Add(BodyBlock.Figure(image with { Caption = caption is { Length: > 0 } ? caption : null }, figure));
            caption = null; // one caption, on the first image
        }
    }

    private void Add(BodyBlock block)
    {
        _blocks.Add(block);
        _wroteText = true;
    }

    private void Flush()
    {
        if (!_paragraph.HasText)
        {
            _paragraph.Take();
            return;
        }
        var (html, text) = _paragraph.Take();
        if (text.Length == 0) return;
        var kind = _quoteDepth > 0 ? BlockKind.Quote : BlockKind.Paragraph;
        Add(new BodyBlock(kind, "<p>" + html + "</p>", text, _paragraphHome));
        _paragraphHome = null;
    }
}

internal enum BlockKind { Paragraph, Heading, List, Quote, Figure, Preformatted, Table }

/// <summary>One block of the article body: its HTML, its plain text and the element it came from.</summary>
internal sealed record BodyBlock(BlockKind Kind, string Html, string Text, IElement? Home, ArticleImage? Image = null)
{
    public static BodyBlock Figure(ArticleImage image, IElement home) => new(BlockKind.Figure, "", "", home, image);
}
