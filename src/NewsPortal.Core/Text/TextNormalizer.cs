using System.Text;

namespace NewsPortal.Core.Text;

public static partial class TextNormalizer
{
    /// <summary>Collapses runs of whitespace (including ideographic and no-break spaces) to one space and trims.</summary>
    public static string CollapseWhitespace(string text)
    {
        // By hand rather than by regex: this runs on every line and text node of a page. char.IsWhiteSpace
        // is what the regex's \s means, and it already covers the ideographic and no-break spaces.
        text = text.Normalize(NormalizationForm.FormC);
        var start = 0;
        var end = text.Length;
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (!NeedsCollapse(text.AsSpan(start, end - start))) return start == 0 && end == text.Length ? text : text[start..end];
        var result = new StringBuilder(end - start);
        for (var i = start; i < end; i++)
        {
            if (!char.IsWhiteSpace(text[i])) result.Append(text[i]);
            else if (!char.IsWhiteSpace(text[i - 1])) result.Append(' ');
        }
        return result.ToString();
    }

    // A whitespace character other than a lone plain space.
    private static bool NeedsCollapse(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i])) continue;
            if (text[i] != ' ' || (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))) return true;
        }
        return false;
    }

    /// <summary>First <paramref name="maxChars"/> characters, cut at a sentence end where one is near.</summary>
    public static string Excerpt(string text, int maxChars)
    {
        text = CollapseWhitespace(text);
        if (text.Length <= maxChars) return text;
        var cut = text[..maxChars];
        var end = cut.LastIndexOfAny(['。', '！', '？', '.', '!', '?']);
        return end >= maxChars / 2 ? cut[..(end + 1)] : cut.TrimEnd() + "…";
    }
}
