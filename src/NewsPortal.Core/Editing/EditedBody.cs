using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Editing;

/// <summary>
/// An editor's body: sanitized with the ingest sanitizer (an editor's paste is no more trusted than a
/// feed's), with the plain text search, similarity and revision diffs read.
/// </summary>
public sealed partial record EditedBody(string Html, string Text)
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figure", "figcaption", "pre", "tr", "table", "ul", "ol", "hr",
    };

    public static EditedBody FromEditor(string html)
    {
        // The sanitizer keeps a parser and is not shared between threads: one per body.
        var clean = new HtmlSanitizer().Sanitize(html ?? "").Trim();
        return new EditedBody(clean, TextOf(clean));
    }

    /// <summary>The paragraphs of a body's HTML as text, a blank line between them, as ingestion writes body_text.</summary>
    public static string TextOf(string html)
    {
        var root = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>").Body!;
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        Walk(root, paragraphs, current);
        End(paragraphs, current);
        return string.Join("\n\n", paragraphs);
    }

    private static void Walk(INode node, List<string> paragraphs, StringBuilder current)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                current.Append(text.Data.Replace('\n', ' '));
                continue;
            }
            if (child is not IElement element) continue;
            if (element.LocalName == "br")
            {
                current.Append('\n');
                continue;
            }
            var block = Blocks.Contains(element.LocalName);
            if (block) End(paragraphs, current);
            Walk(element, paragraphs, current);
            if (block) End(paragraphs, current);
        }
    }

    private static void End(List<string> paragraphs, StringBuilder current)
    {
        var lines = Spaces().Replace(current.ToString(), " ").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
        var text = string.Join("\n", lines);
        current.Clear();
        if (text.Length > 0) paragraphs.Add(text);
    }

    // Runs of white space other than a line break become one space; a <br> inside a paragraph stays a line break.
    [GeneratedRegex(@"[^\S\n]+")]
    private static partial Regex Spaces();
}
