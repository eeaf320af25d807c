using System.Text;

namespace NewsPortal.Core.Text;

/// <summary>
/// The body-text metric of the evaluation corpus (docs/evaluation.md): scrapinghub's
/// article-extraction-benchmark shingle matching, with one change for CJK — every Han, kana or
/// hangul character is a token of its own, because <c>\w+</c> would make a whole Chinese sentence
/// one token. Tokens keep their case, as upstream does (its <c>re.IGNORECASE</c> does not change
/// what <c>\w+</c> matches); NFKC folds full-width letters and digits before tokenizing.
/// </summary>
public static class ShingleOverlap
{
    public const int ShingleSize = 4;

    /// <summary>Compares a reference text with a prediction; null or blank texts have no shingles.</summary>
    public static ShingleScore Compare(string? reference, string? prediction)
    {
        var expected = Shingles(reference);
        var predicted = Shingles(prediction);
        var overlap = 0;
        foreach (var (shingle, count) in predicted)
        {
            if (expected.TryGetValue(shingle, out var expectedCount)) overlap += Math.Min(count, expectedCount);
        }
        return new ShingleScore(overlap, predicted.Values.Sum(), expected.Values.Sum());
    }

    /// <summary>The multiset of shingles: each run of 4 consecutive tokens; fewer than 4 tokens make one shingle.</summary>
    public static Dictionary<string, int> Shingles(string? text)
    {
        var tokens = Tokenize(text);
        var shingles = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokens.Count == 0) return shingles;
        var windows = Math.Max(1, tokens.Count - ShingleSize + 1);
        for (var i = 0; i < windows; i++)
        {
            // U+001F cannot occur inside a token, so joined shingles never collide.
            var key = string.Join('\u001F', tokens.Skip(i).Take(ShingleSize));
            shingles[key] = shingles.GetValueOrDefault(key) + 1;
        }
        return shingles;
    }

    /// <summary>NFKC, then one token per CJK character and one per run of word characters.</summary>
    public static IReadOnlyList<string> Tokenize(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text)) return tokens;
        var word = new StringBuilder();
        foreach (var rune in text.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                Flush(word, tokens);
                tokens.Add(rune.ToString());
            }
            else if (IsWordCharacter(rune)) word.Append(rune.ToString());
            else Flush(word, tokens);
        }
        Flush(word, tokens);
        return tokens;
    }

    private static void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length == 0) return;
        tokens.Add(word.ToString());
        word.Clear();
    }

    // Python's \w (upstream) is letters, digits and numbers plus '_'; marks are kept in the word too,
    // so that Devanagari or Thai vowel signs do not split a word apart.
    internal static bool IsWordCharacter(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        System.Globalization.UnicodeCategory.UppercaseLetter or System.Globalization.UnicodeCategory.LowercaseLetter
            or System.Globalization.UnicodeCategory.TitlecaseLetter or System.Globalization.UnicodeCategory.ModifierLetter
            or System.Globalization.UnicodeCategory.OtherLetter or System.Globalization.UnicodeCategory.DecimalDigitNumber
            or System.Globalization.UnicodeCategory.LetterNumber or System.Globalization.UnicodeCategory.OtherNumber
            or System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark
            or System.Globalization.UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };

    internal static bool IsCjk(Rune rune) => rune.Value switch
    {
        0x30A0 or 0x30FB => false,         // ゠ and ・ are punctuation inside the kana block
        >= 0x3400 and <= 0x4DBF => true,   // CJK Extension A
        >= 0x4E00 and <= 0x9FFF => true,   // CJK Unified Ideographs
        >= 0xF900 and <= 0xFAFF => true,   // CJK Compatibility Ideographs
        >= 0x20000 and <= 0x3134F => true, // CJK Extensions B-G
        0x3005 or 0x3007 => true,          // 々 and 〇 stand for ideographs
        >= 0x3040 and <= 0x30FF => true,   // Hiragana and Katakana (with ー)
        >= 0x31F0 and <= 0x31FF => true,   // Katakana Phonetic Extensions
        >= 0x1100 and <= 0x11FF => true,   // Hangul Jamo
        >= 0x3130 and <= 0x318F => true,   // Hangul Compatibility Jamo
        >= 0xA960 and <= 0xA97F => true,   // Hangul Jamo Extended-A
        >= 0xAC00 and <= 0xD7FF => true,   // Hangul Syllables and Jamo Extended-B
        _ => false,
    };
}
