using System.Globalization;
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
        var tokens = TokensOf(bodyText, phrases ?? BoilerplatePhrases.Default);
        var letters = 0;
        var cjk = 0;
        foreach (var token in tokens)
        {
            letters += token.Length;
            if (token.Length <= 2 && TextMeasure.IsCjk(token[0])) cjk++;
        }
        // One shingle length per text, chosen by its main script; a copy of it has the same mix.
        var size = cjk * 2 >= tokens.Count ? CjkShingleTokens : WordShingleTokens;
        var hashes = new ulong[tokens.Count];
        for (var i = 0; i < tokens.Count; i++) hashes[i] = Hash(tokens[i]);
        var seen = new HashSet<ulong>();
        var ordered = new List<ulong>();
        // A text shorter than one shingle is one shingle of all its tokens.
        var windows = hashes.Length == 0 ? 0 : Math.Max(1, hashes.Length - size + 1);
        for (var start = 0; start < windows; start++)
        {
            var shingle = 0x9E3779B97F4A7C15UL;
            for (var j = start; j < Math.Min(start + size, hashes.Length); j++) shingle = Mix(shingle ^ hashes[j]);
            if (seen.Add(shingle)) ordered.Add(shingle);
        }
        return ([.. ordered], letters);
    }

    private static List<string> TokensOf(string bodyText, BoilerplatePhrases phrases)
    {
        var tokens = new List<string>();
        var sawText = false;
        foreach (var rawLine in bodyText.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0) continue;
            // A disclaimer after some text ends the article; one standing first is only dropped.
            if (phrases.IsDisclaimer(line))
            {
                if (sawText) break;
                continue;
            }
            if (phrases.IsEditorLine(line) || phrases.IsDropLine(line) || phrases.IsMetaLine(line)) continue;
            foreach (var token in ShingleOverlap.Tokenize(line)) tokens.Add(LowerCase(token));
            sawText = true;
        }
        return tokens;
    }

    /// <summary>
    /// <see cref="string.ToLowerInvariant()"/>, without its call into ICU and its new string for a
    /// token that is already lower case: caseless letters (Han, kana, hangul: every CJK token),
    /// digits and lower-case letters map to themselves. That call was 3% of the ingestion service's
    /// CPU, one per CJK character.
    /// </summary>
    internal static string LowerCase(string token)
    {
        foreach (var c in token)
        {
            if (char.GetUnicodeCategory(c) is not (UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LowercaseLetter))
                return token.ToLowerInvariant();
        }
        return token;
    }

    // FNV-1a over UTF-16 code units, then a finalizer: stable across processes, unlike string.GetHashCode.
    private static ulong Hash(string token)
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
