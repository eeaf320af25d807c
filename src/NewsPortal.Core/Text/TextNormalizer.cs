using System.Buffers;
using System.Text;

namespace NewsPortal.Core.Text;

public static partial class TextNormalizer
{
    /// <summary>Collapses runs of whitespace (including ideographic and no-break spaces) to one space and trims.</summary>
    public static string CollapseWhitespace(string text)
    {
        // By hand rather than by regex: this runs on every line and text node of a page. char.IsWhiteSpace
        // is what the regex's \s means, and it already covers the ideographic and no-break spaces.
        if (text.AsSpan().ContainsAnyExcept(NfcStable)) text = text.Normalize(NormalizationForm.FormC);
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

    // Characters that are in NFC on their own and never combine with a neighbour: Latin below the
    // combining marks, CJK ideographs and punctuation, kana (not the combining voicing marks), Hangul
    // syllables, general punctuation and full-width forms. Text made only of these is already NFC, so
    // the normalizer (a call into ICU for every line of a page) can be skipped.
    private static readonly SearchValues<char> NfcStable = SearchValues.Create(Ranges(
        ('\0', '\u02FF'), ('\u2010', '\u2027'), ('\u2030', '\u205E'), ('\u3000', '\u3029'), ('\u3030', '\u303F'),
        ('\u3041', '\u3096'), ('\u309B', '\u30FF'), ('\u4E00', '\u9FFF'), ('\uAC00', '\uD7A3'), ('\uFF01', '\uFF60')));

    private static char[] Ranges(params (char First, char Last)[] ranges) =>
        [.. ranges.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1).Select(c => (char)c))];

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
