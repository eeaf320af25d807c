using System.Globalization;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Search;

/// <summary>
/// How text is cut into search keys. Chinese has no spaces and most words are two characters, so a
/// Han run gives every character (a one-character query such as 雪 finds it) and every pair of
/// neighbours (a longer query needs all its pairs, then the exact string is checked); Latin, Greek,
/// Cyrillic and digit runs give whole words. Everything is first normalised one character for one
/// character (Traditional to Simplified, full-width to ASCII, lower case), so an offset in the
/// normalised text is the same offset in the original: matches highlight where they were found.
/// Keys are 32-bit hashes, kind-tagged so that the character 中 and the word "中" never meet; a rare
/// collision only adds a candidate, which the exact check removes.
/// </summary>
public static class SearchText
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>Traditional folded to Simplified, full-width to ASCII, lower-cased: the same length as <paramref name="text"/>.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (destination, source) =>
        {
            ChineseFold.Fold(source, destination);
            for (var i = 0; i < destination.Length; i++)
            {
                var c = destination[i];
                // Char.ToLowerInvariant maps one UTF-16 unit to one: lengths and offsets are kept.
                if (c < 128 ? c is >= 'A' and <= 'Z' : char.IsUpper(c)) destination[i] = char.ToLowerInvariant(c);
            }
        });
    }

    /// <summary>A character of Chinese (or Japanese kana, Korean) writing, keyed by characters and pairs.</summary>
    public static bool IsIdeographic(char c) =>
        c is >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff' or >= '\u3040' and <= '\u30ff' or >= '\uac00' and <= '\ud7af';

    /// <summary>A character of a word in a spaced script (letters with their marks, digits).</summary>
    public static bool IsWordChar(char c) =>
        !IsIdeographic(c) && (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark);

    /// <summary>
    /// The distinct keys of an article's normalised texts, sorted; with <paramref name="month"/>, as
    /// stored for that month (<see cref="InBucket(int, int)"/>). What the indexer writes and tests compare.
    /// </summary>
    public static int[] Keys(int? month, params string[] normalized)
    {
        var keys = new HashSet<int>();
        foreach (var text in normalized) AddKeys(text, keys);
        var result = month is { } m ? InBucket([.. keys], m) : [.. keys];
        Array.Sort(result);
        return result;
    }

    /// <summary>Adds the keys of normalised text: each ideograph, each adjacent ideograph pair, each word.</summary>
    public static void AddKeys(ReadOnlySpan<char> normalized, HashSet<int> keys)
    {
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (IsIdeographic(c))
            {
                keys.Add(CharKey(c));
                if (i + 1 < normalized.Length && IsIdeographic(normalized[i + 1])) keys.Add(PairKey(c, normalized[i + 1]));
                i++;
            }
            else if (IsWordChar(c))
            {
                var start = i;
                while (i < normalized.Length && IsWordChar(normalized[i])) i++;
                keys.Add(WordKey(normalized[start..i]));
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>
    /// The month (UTC) an article is listed in, counted from 2000: its keys are stored per month, so a
    /// search walks months newest first and stops when it has enough, and a rare word's look-up in one
    /// month reads only that month's postings.
    /// </summary>
    public static int BucketOf(DateTimeOffset listedAt)
    {
        var t = listedAt.UtcDateTime;
        return (t.Year - 2000) * 12 + t.Month - 1;
    }

    /// <summary>The first instant of a bucket (UTC).</summary>
    public static DateTimeOffset BucketStart(int bucket) =>
        new(2000 + Math.DivRem(bucket, 12, out var month) - (month < 0 ? 1 : 0), (month + 12) % 12 + 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A key as stored for one month: the same key in two months are two keys. The key's hash fills
    /// the high 26 bits and the month (modulo 64) the low 6, so one key's months sit side by side in
    /// the GIN index's key order: a search walking 60 months of a rare word reads one or two index
    /// leaf pages for all of them, not one page a month scattered over a 2.6 GB index (what made a
    /// search on a cold cache read ~1,000 pages). Months 64 apart share a key; a search checks each
    /// row's time against the month, so that costs only candidates, as a hash collision does.
    /// </summary>
    public static int InBucket(int key, int bucket) => (int)((Mix(Mix((uint)key, 'b'), 'm') & ~MonthMask) | ((uint)bucket & MonthMask));

    // The low bits of a stored key that hold its month.
    private const uint MonthMask = 0x3f;

    public static int[] InBucket(int[] keys, int bucket)
    {
        var result = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++) result[i] = InBucket(keys[i], bucket);
        return result;
    }

    public static int CharKey(char c) => (int)Mix(Mix(OffsetBasis, 'c'), c);

    public static int PairKey(char a, char b) => (int)Mix(Mix(Mix(OffsetBasis, 'p'), a), b);

    public static int WordKey(ReadOnlySpan<char> word)
    {
        var h = Mix(OffsetBasis, 'w');
        foreach (var c in word) h = Mix(h, c);
        return (int)h;
    }

    // FNV-1a over UTF-16 units: stable across processes and versions (string.GetHashCode is not).
    private static uint Mix(uint h, char c) => ((h ^ (byte)c) * Prime ^ (byte)(c >> 8)) * Prime;
}
