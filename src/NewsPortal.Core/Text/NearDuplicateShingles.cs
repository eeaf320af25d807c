using System.Globalization;
using System.Text;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Ingestion.Html;

namespace NewsPortal.Core.Text;

/// <summary>
/// The shingles a near-duplicate signature is taken over: the body text without the lines a
/// reposting site adds or drops (来源/责任编辑/原标题 lines, datelines, 展开全文 buttons, a trailing
/// disclaimer), tokenized as the extraction metric does (NFKC; each CJK character a token, each
/// run of letters and digits a lower-cased word; whitespace and punctuation dropped), then every
/// run of <see cref="CjkShingleTokens"/> (CJK text) or <see cref="WordShingleTokens"/> tokens
/// (other scripts), hashed to 64 bits.
/// </summary>
public static class NearDuplicateShingles
{
    /// <summary>Five Chinese characters carry about as much as three words: two or three words of their own.</summary>
    public const int CjkShingleTokens = 5;
    public const int WordShingleTokens = 3;

    /// <summary>The distinct shingle hashes in the order they first occur, and the letters and digits the text has.</summary>
    public static (ulong[] Shingles, int Letters) Of(string bodyText, BoilerplatePhrases? phrases = null)
    {
        var tokens = new TokenHashes();
        TokenHashesOf(bodyText, phrases ?? BoilerplatePhrases.Default, ref tokens);
        var hashes = tokens.Hashes;
        var count = tokens.Count;
        // One shingle length per text, chosen by its main script; a copy of it has the same mix.
        var size = tokens.Cjk * 2 >= count ? CjkShingleTokens : WordShingleTokens;
        var seen = new HashSet<ulong>(count);
        var ordered = new List<ulong>(count);
        // A text shorter than one shingle is one shingle of all its tokens.
        var windows = count == 0 ? 0 : Math.Max(1, count - size + 1);
        for (var start = 0; start < windows; start++)
        {
            var shingle = 0x9E3779B97F4A7C15UL;
            for (var j = start; j < Math.Min(start + size, count); j++) shingle = Mix(shingle ^ hashes[j]);
            if (seen.Add(shingle)) ordered.Add(shingle);
        }
        return ([.. ordered], tokens.Letters);
    }

    // The tokens' hashes, and what the shingle length and the letter count need to know of them.
    private struct TokenHashes()
    {
        public ulong[] Hashes = new ulong[256];
        public int Count;
        public int Letters;
        public int Cjk;

        public void Add(ReadOnlySpan<char> lowerCased)
        {
            if (Count == Hashes.Length) Array.Resize(ref Hashes, Count * 2);
            Hashes[Count++] = Hash(lowerCased);
            Letters += lowerCased.Length;
            if (lowerCased.Length <= 2 && TextMeasure.IsCjk(lowerCased[0])) Cjk++;
        }
    }

    /// <summary>
    /// The trimmed lines of the body a signature is taken over: without blank lines, 来源/责任编辑/
    /// 原标题 and similar lines, and anything from a disclaimer on (one standing first is only dropped).
    /// </summary>
    internal static IEnumerable<string> KeptLines(string bodyText, BoilerplatePhrases phrases)
    {
        var sawText = false;
        foreach (var rawLine in bodyText.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0) continue;
            if (phrases.IsDisclaimer(line))
            {
                if (sawText) yield break;
                continue;
            }
            if (phrases.IsEditorLine(line) || phrases.IsDropLine(line) || phrases.IsMetaLine(line)) continue;
            sawText = true;
            yield return line;
        }
    }

    /// <summary>
    /// The tokens of <see cref="ShingleOverlap.Tokenize"/> over the <see cref="KeptLines"/>, lower-cased
    /// by <see cref="LowerCase"/>, hashed as they are found: no string per token. With one string per
    /// CJK character, making the tokens was most of the signature's cost.
    /// </summary>
    private static void TokenHashesOf(string bodyText, BoilerplatePhrases phrases, ref TokenHashes tokens)
    {
        var word = new char[64];
        var lower = new char[64];
        Span<char> units = stackalloc char[2];
        foreach (var line in KeptLines(bodyText, phrases))
        {
            var length = 0;
            foreach (var rune in line.Normalize(NormalizationForm.FormKC).EnumerateRunes())
            {
                if (ShingleOverlap.IsCjk(rune))
                {
                    AddWord(word, length, ref lower, ref tokens);
                    length = 0;
                    var n = rune.EncodeToUtf16(units);
                    AddWord(units, n, ref lower, ref tokens);
                }
                else if (ShingleOverlap.IsWordCharacter(rune))
                {
                    if (length + 2 > word.Length) Array.Resize(ref word, word.Length * 2);
                    length += rune.EncodeToUtf16(word.AsSpan(length));
                }
                else
                {
                    AddWord(word, length, ref lower, ref tokens);
                    length = 0;
                }
            }
            AddWord(word, length, ref lower, ref tokens);
        }
    }

    private static void AddWord(ReadOnlySpan<char> buffer, int length, ref char[] lower, ref TokenHashes tokens)
    {
        if (length == 0) return;
        var token = buffer[..length];
        if (!NeedsLowerCasing(token))
        {
            tokens.Add(token);
            return;
        }
        if (lower.Length < length) lower = new char[Math.Max(length, lower.Length * 2)];
        // The invariant culture maps every UTF-16 unit to one: the length does not change.
        var written = token.ToLowerInvariant(lower);
        tokens.Add(lower.AsSpan(0, written));
    }

    /// <summary>
    /// <see cref="string.ToLowerInvariant()"/>, without its call into ICU and its new string for a
    /// token that is already lower case: caseless letters (Han, kana, hangul: every CJK token),
    /// digits and lower-case letters map to themselves. That call was 3% of the ingestion service's
    /// CPU, one per CJK character.
    /// </summary>
    internal static string LowerCase(string token) => NeedsLowerCasing(token) ? token.ToLowerInvariant() : token;

    private static bool NeedsLowerCasing(ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            if (char.GetUnicodeCategory(c) is not (UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LowercaseLetter))
                return true;
        }
        return false;
    }

    // FNV-1a over UTF-16 code units, then a finalizer: stable across processes, unlike string.GetHashCode.
    internal static ulong Hash(ReadOnlySpan<char> token)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in token) hash = (hash ^ c) * 1099511628211UL;
        return Mix(hash);
    }

    /// <summary>The splitmix64 finalizer: every input bit reaches every output bit.</summary>
    internal static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
