using System.Buffers;
using System.Text;
using AngleSharp.Dom;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>One line of a page's visible text, as a browser would break it at block elements.</summary>
/// <param name="Heading">1 for text inside an <c>h1</c>, 2 for <c>h2</c>…; 0 outside headings.</param>
/// <param name="LinkOnly">Nearly all of the text is link text: a menu, a teaser, a breadcrumb.</param>
/// <param name="Boilerplate">Inside a footer, comment or copyright block, where dates are not the article's.</param>
internal sealed record PageTextLine(string Text, int Heading, bool LinkOnly, bool Boilerplate);

/// <summary>The body text of a page as lines, the unit the visible-metadata rules look at.</summary>
internal sealed class PageTextLines
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "br", "center", "dd", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
        "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul",
    };

    private static readonly HashSet<string> SkippedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "select", "option", "textarea", "button", "head",
    };

    // Words in class/id that mark blocks whose dates and names belong to someone else.
    private static readonly SearchValues<string> Hints =
        SearchValues.Create(["footer", "comment", "copyright", "reply", "foot"], StringComparison.OrdinalIgnoreCase);

    private const int MaxDepth = 400;

    private readonly List<PageTextLine> _lines = [];
    private readonly StringBuilder _text = new();
    private int _linkChars;
    private int _heading;
    private int _boilerplate;
    private int _inLink;

    private PageTextLines() { }

    public static IReadOnlyList<PageTextLine> Read(IDocument document)
    {
        var reader = new PageTextLines();
        if (document.Body is { } body) reader.Walk(body, 0);
        reader.Flush();
        return reader._lines;
    }

    private void Walk(INode node, int depth)
    {
        // Broken pages nest unclosed tags thousands deep; past this depth nothing is a headline or a meta
        // line, and recursing further would risk the stack.
        if (depth > MaxDepth) return;
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                _text.Append(text.Data);
                if (_inLink > 0) _linkChars += text.Data.AsSpan().Trim().Length;
                continue;
            }
            if (child is not IElement element || SkippedTags.Contains(element.LocalName)) continue;
            var block = BlockTags.Contains(element.LocalName);
            var heading = element.LocalName is ['h', >= '1' and <= '6'] ? element.LocalName[1] - '0' : 0;
            var boiler = IsBoilerplate(element);
            var link = DomIndex.IsHyperlink(element);
            if (block) Flush();
            var savedHeading = _heading;
            if (heading > 0) _heading = heading;
            if (boiler) _boilerplate++;
            if (link) _inLink++;
            var start = _text.Length;
            Walk(element, depth + 1);
            // "By" set in an element of its own, the name in the next (`<span>By</span><a>Alex
            // Bozarjian</a>`): the page's style puts the space there, and read as "ByAlex Bozarjian"
            // the line was no byline.
            if (!block && IsByWordAlone(start)) _text.Append(' ');
            if (block) Flush();
            if (link) _inLink--;
            if (boiler) _boilerplate--;
            _heading = savedHeading;
        }
    }

    // Runs after every inline element of the page: the cheap tests go first, and the line before
    // the element is scanned only up to its first character (a mid-line element stops at once).
    private bool IsByWordAlone(int start)
    {
        var length = _text.Length - start;
        if (length is < 2 or > 12) return false;
        for (var i = 0; i < start; i++)
            if (!char.IsWhiteSpace(_text[i])) return false;
        return BylineReader.IsByWord(_text.ToString(start, length).Trim());
    }

    private static bool IsBoilerplate(IElement element)
    {
        if (element.LocalName == "footer") return true;
        // No hint holds a space, so class and id can be searched apart without joining them.
        return HasHint(element.ClassName) || HasHint(element.Id);
    }

    private static bool HasHint(string? marks) => !string.IsNullOrEmpty(marks) && marks.AsSpan().ContainsAny(Hints);

    private void Flush()
    {
        if (_text.Length == 0) return;
        var text = TextNormalizer.CollapseWhitespace(_text.ToString());
        var compact = text.Length - text.AsSpan().Count(' ');
        if (text.Length > 0)
            _lines.Add(new PageTextLine(text, _heading, compact > 0 && _linkChars >= compact * 0.9, _boilerplate > 0));
        _text.Clear();
        _linkChars = 0;
    }
}
