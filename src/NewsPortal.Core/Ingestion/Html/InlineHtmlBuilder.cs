using System.Net;
using System.Text;
using AngleSharp.Dom;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Collects one block's inline content as HTML and as plain text. Only markup that survives the
/// sanitizer anyway is written, and never deeper than a few levels: a page of ten thousand nested
/// spans must not become ten thousand nested tags for the recursive sanitizer.
/// </summary>
internal sealed class InlineHtmlBuilder
{
    private const int MaxOpenTags = 16;

    private static readonly HashSet<string> KeptTags = new(StringComparer.Ordinal)
    {
        "a", "strong", "b", "em", "i", "u", "sub", "sup", "code", "mark", "q", "cite", "small",
    };

    private readonly StringBuilder _html = new();
    private readonly StringBuilder _text = new();
    private readonly Stack<string?> _open = new();
    private int _written;

    public bool HasText
    {
        get
        {
            foreach (var chunk in _text.GetChunks())
            {
                foreach (var c in chunk.Span)
                {
                    if (!char.IsWhiteSpace(c)) return true;
                }
            }
            return false;
        }
    }

    public void Text(string data)
    {
        _text.Append(data);
        _html.Append(WebUtility.HtmlEncode(data));
    }

    public void Space() => Text(" ");

    /// <summary>Opens an inline element; <see cref="Close"/> must follow for the same element.</summary>
    public void Open(IElement element)
    {
        var name = element.LocalName;
        if (!KeptTags.Contains(name) || _written >= MaxOpenTags)
        {
            _open.Push(null);
            return;
        }
        _html.Append('<').Append(name);
        if (name == "a" && element.GetAttribute("href") is { Length: > 0 } href)
            _html.Append(" href=\"").Append(WebUtility.HtmlEncode(href)).Append('"');
        _html.Append('>');
        _open.Push(name);
        _written++;
    }

    public void Close()
    {
        if (_open.Count == 0) return;
        var name = _open.Pop();
        if (name is null) return;
        _html.Append("</").Append(name).Append('>');
        _written--;
    }

    /// <summary>The collected block as (html, text), then starts over; tags still open are closed in the output only.</summary>
    public (string Html, string Text) Take()
    {
        var html = new StringBuilder(_html.ToString());
        foreach (var name in _open)
        {
            if (name is not null) html.Append("</").Append(name).Append('>');
        }
        var text = TextNormalizer.CollapseWhitespace(_text.ToString());
        _html.Clear();
        _text.Clear();
        // Tags still open continue into the next block.
        foreach (var name in _open.Reverse())
        {
            if (name is not null) _html.Append('<').Append(name).Append('>');
        }
        return (html.ToString().Trim(), text);
    }

    /// <summary>Inline HTML and text of a whole element, block descendants read as spaces; iterative.</summary>
    public static (string Html, string Text) Of(IElement root, DomIndex dom)
    {
        var builder = new InlineHtmlBuilder();
        var stack = new Stack<(INode Node, bool Exit)>();
        for (var c = root.ChildNodes.Length - 1; c >= 0; c--) stack.Push((root.ChildNodes[c], false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IText text) { builder.Text(text.Data); continue; }
            if (node is not IElement element) continue;
            var i = dom.IndexOf(element);
            if (i >= 0 && dom.Excluded[i]) continue;
            var inline = BoilerplateMarkers.IsInline(element.LocalName);
            if (exit)
            {
                if (inline) builder.Close(); else builder.Space();
                continue;
            }
            if (inline) builder.Open(element); else builder.Space();
            stack.Push((element, true));
            for (var c = element.ChildNodes.Length - 1; c >= 0; c--) stack.Push((element.ChildNodes[c], false));
        }
        return builder.Take();
    }
}
