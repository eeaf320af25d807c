using System.Text;
using System.Text.RegularExpressions;

namespace NewsPortal.Core.Text;

public static partial class TextNormalizer
{
    /// <summary>Collapses runs of whitespace (including ideographic and no-break spaces) to one space and trims.</summary>
    public static string CollapseWhitespace(string text) =>
        WhitespaceRun().Replace(text.Normalize(NormalizationForm.FormC), " ").Trim();

    /// <summary>First <paramref name="maxChars"/> characters, cut at a sentence end where one is near.</summary>
    public static string Excerpt(string text, int maxChars)
    {
        text = CollapseWhitespace(text);
        if (text.Length <= maxChars) return text;
        var cut = text[..maxChars];
        var end = cut.LastIndexOfAny(['。', '！', '？', '.', '!', '?']);
        return end >= maxChars / 2 ? cut[..(end + 1)] : cut.TrimEnd() + "…";
    }

    [GeneratedRegex(@"[\s\u3000\u00a0]+")]
    private static partial Regex WhitespaceRun();
}
