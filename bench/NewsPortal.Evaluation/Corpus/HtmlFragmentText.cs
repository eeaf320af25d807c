using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsPortal.Evaluation.Corpus;

/// <summary>
/// The visible text of an HTML fragment, with a line break at every block boundary so that words
/// in adjacent paragraphs do not run together into one token.
/// </summary>
public static class HtmlFragmentText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
        "section", "table", "td", "th", "tr", "ul",
    };

    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template",
    };

    public static string Extract(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var text = new StringBuilder();
        if (document.Body is { } body) Append(body, text);
        return text.ToString().Trim();
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data);
                    break;
                case IElement e when Invisible.Contains(e.LocalName):
                    break;
                case IElement e:
                    var block = Blocks.Contains(e.LocalName);
                    if (block) text.Append('\n');
                    Append(e, text);
                    if (block) text.Append('\n');
                    break;
            }
        }
    }
}
