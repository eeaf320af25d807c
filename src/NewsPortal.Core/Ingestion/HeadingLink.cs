using System.Net;
using System.Text.RegularExpressions;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// The <c>[title](url)</c> a feed dump's heading holds, read by hand rather than by Markdig's inline
/// parser: archivers write the feed's title as it is, so it may hold an unbalanced <c>]</c> or
/// <c>(</c>, or <c>*</c> and <c>_</c> that are not emphasis. The destination is the last <c>](</c>
/// whose rest is a CommonMark link destination (plain with balanced parentheses, or <c>&lt;…&gt;</c>,
/// optionally followed by a link title) closing at the end of the heading.
/// </summary>
internal static partial class HeadingLink
{
    public static bool TryParse(string content, out string title, out string url)
    {
        title = url = "";
        content = content.Trim();
        if (content.Length < 4 || content[0] != '[' || content[^1] != ')') return false;
        for (var split = content.Length - 3; split > 0; split--)
        {
            if (content[split] != ']' || content[split + 1] != '(' || IsEscaped(content, split)) continue;
            if (!TryDestination(content[(split + 2)..^1], out var destination)) continue;
            title = Unescape(content[1..split]);
            url = destination;
            return true;
        }
        return false;
    }

    private static bool TryDestination(string inner, out string destination)
    {
        destination = "";
        var text = inner.Trim();
        int end;
        if (text.StartsWith('<'))
        {
            end = 1;
            while (end < text.Length && text[end] != '>' && text[end] != '<' && text[end] != '\n')
                end += text[end] == '\\' && end + 1 < text.Length ? 2 : 1;
            if (end >= text.Length || text[end] != '>') return false;
            destination = text[1..end];
            end++;
        }
        else
        {
            var depth = 0;
            end = 0;
            for (; end < text.Length && !char.IsWhiteSpace(text[end]); end++)
            {
                if (text[end] == '\\' && end + 1 < text.Length) end++;
                else if (text[end] == '(') depth++;
                else if (text[end] == ')' && --depth < 0) return false;
            }
            if (depth != 0) return false;
            destination = text[..end];
        }
        if (!IsLinkTitle(text[end..].Trim())) return false;
        destination = Unescape(destination);
        return destination.Length > 0;
    }

    // [title](url "tooltip"): the tooltip is allowed and ignored.
    private static bool IsLinkTitle(string rest) =>
        rest.Length == 0 || (rest.Length >= 2 && ((rest[0] == '"' && rest[^1] == '"') || (rest[0] == '\'' && rest[^1] == '\'') || (rest[0] == '(' && rest[^1] == ')')));

    private static bool IsEscaped(string text, int index)
    {
        var backslashes = 0;
        for (var i = index - 1; i >= 0 && text[i] == '\\'; i--) backslashes++;
        return backslashes % 2 == 1;
    }

    // CommonMark: a backslash before ASCII punctuation stands for that character; entities are decoded.
    private static string Unescape(string text) =>
        EscapeOrEntity().Replace(text, m => m.Groups[1].Success ? m.Groups[1].Value : WebUtility.HtmlDecode(m.Value));

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex EscapeOrEntity();
}
