using System.Globalization;
using System.Text;

namespace NewsPortal.Core.Text;

/// <summary>
/// A diff of two texts for people to read: Chinese, Japanese and Korean are compared character by
/// character (they have no spaces to find words by), other scripts word by word, each space run and
/// punctuation mark on its own. Longest common subsequence over those tokens after the shared start
/// and end are set aside.
/// </summary>
public static class TextDiff
{
    // Past this many cells of the LCS table (about 16 MB of ints) the changed middle is shown as one
    // deletion and one insertion: a rewrite that large reads no better token by token.
    private const long MaxCells = 4_000_000;

    public static IReadOnlyList<DiffSegment> Compute(string before, string after)
    {
        var a = Tokenize(before);
        var b = Tokenize(after);
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;

        var segments = new List<DiffSegment>();
        Add(segments, DiffKind.Same, a.Take(prefix));
        var oldMiddle = a.Skip(prefix).Take(a.Count - prefix - suffix).ToList();
        var newMiddle = b.Skip(prefix).Take(b.Count - prefix - suffix).ToList();
        if ((long)oldMiddle.Count * newMiddle.Count > MaxCells)
        {
            Add(segments, DiffKind.Deleted, oldMiddle);
            Add(segments, DiffKind.Inserted, newMiddle);
        }
        else
        {
            Lcs(oldMiddle, newMiddle, segments);
        }
        Add(segments, DiffKind.Same, a.Skip(a.Count - suffix));
        return segments;
    }

    private static void Lcs(List<string> a, List<string> b, List<DiffSegment> segments)
    {
        int n = a.Count, m = b.Count;
        // lengths[i, j]: the LCS of a[i..] and b[j..], in one flat array.
        var lengths = new int[(n + 1) * (m + 1)];
        for (var i = n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                lengths[i * (m + 1) + j] = a[i] == b[j]
                    ? lengths[(i + 1) * (m + 1) + j + 1] + 1
                    : Math.Max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1]);
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[x] == b[y])
            {
                Add(segments, DiffKind.Same, [a[x++]]);
                y++;
            }
            // On a tie the deletion goes first: a replaced word reads as [-old][+new].
            else if (x < n && (y == m || lengths[(x + 1) * (m + 1) + y] >= lengths[x * (m + 1) + y + 1]))
            {
                Add(segments, DiffKind.Deleted, [a[x++]]);
            }
            else
            {
                Add(segments, DiffKind.Inserted, [b[y++]]);
            }
        }
    }

    // Adjacent tokens of one kind become one segment.
    private static void Add(List<DiffSegment> segments, DiffKind kind, IEnumerable<string> tokens)
    {
        var text = string.Concat(tokens);
        if (text.Length == 0) return;
        if (segments.Count > 0 && segments[^1].Kind == kind) segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
        else segments.Add(new DiffSegment(kind, text));
    }

    /// <summary>Words of letters and digits, single CJK characters, space runs and single marks.</summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        var space = new StringBuilder();
        void Flush()
        {
            if (word.Length > 0) tokens.Add(word.ToString());
            if (space.Length > 0) tokens.Add(space.ToString());
            word.Clear();
            space.Clear();
        }
        foreach (var rune in text.EnumerateRunes())
        {
            var s = rune.ToString();
            if (Rune.IsWhiteSpace(rune))
            {
                if (word.Length > 0) Flush();
                space.Append(s);
            }
            else if ((!IsCjk(rune) && Rune.IsLetterOrDigit(rune)) || (word.Length > 0 && IsWordJoiner(rune)))
            {
                if (space.Length > 0) Flush();
                word.Append(s);
            }
            else
            {
                Flush();
                tokens.Add(s);
            }
        }
        Flush();
        return tokens;
    }

    // Apostrophes and combining marks stay in their word (don't, café written with a combining accent).
    private static bool IsWordJoiner(Rune rune) => rune.Value is '\'' or '\u2019'
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x1100 and <= 0x11FF => true,   // Hangul Jamo
        >= 0x2E80 and <= 0x9FFF => true,   // CJK radicals, punctuation, kana, unified ideographs
        >= 0xAC00 and <= 0xD7AF => true,   // Hangul syllables
        >= 0xF900 and <= 0xFAFF => true,   // compatibility ideographs
        >= 0xFF00 and <= 0xFFEF => true,   // full-width forms
        >= 0x20000 and <= 0x3FFFF => true, // supplementary ideographs
        _ => false,
    };
}
