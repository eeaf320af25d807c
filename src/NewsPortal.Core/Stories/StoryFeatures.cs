using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Stories;

/// <summary>
/// What story assignment compares: the terms of an article's title and lead, each with a weight
/// (title occurrences count <see cref="TitleWeight"/> times a lead occurrence). Terms are CJK
/// character bigrams packed into one integer (two BMP characters, exact: no hash, no collision)
/// and hashed Latin words and numbers, which land below the CJK range so the two never meet.
/// Text is folded first (Traditional to Simplified, full-width to ASCII, lower case), so a 中央社
/// account in Traditional characters and a 新华社 one in Simplified share their terms.
/// </summary>
public sealed partial record StoryFeatures(int[] Terms, short[] Weights)
{
    public const int TitleWeight = 3;
    // The lead carries the event (who, what, where) after the headline; further down, background.
    public const int LeadCharacters = 400;
    private const int MaxWeight = 12;
    // Latin word hashes are masked into [0, 0x34000000): CJK bigrams start at 0x3400 << 16.
    private const int LatinMask = 0x33FF_FFFF;

    // Candidates are found by the terms of the title and the lead's first sentences, where an
    // event's names are: fewer keys per article keep the GIN index's inserts and size down.
    public const int KeyLeadCharacters = 150;

    public static readonly StoryFeatures Empty = new([], []);

    public bool IsEmpty => Terms.Length == 0;

    /// <summary>
    /// The key of the title with its numbers taken out, when it has numbers and enough else: one
    /// outlet's series (a daily briefing "… 8/10", "… 8/11"; a monthly release "7月CPI同比上涨2.7%")
    /// titles every installment alike. Null otherwise, and for features read back without it.
    /// </summary>
    public int? Series { get; init; }

    /// <summary>
    /// The terms candidates are looked up by and stored under (title and the lead's first
    /// <see cref="KeyLeadCharacters"/>), sorted; empty for features read back from the database.
    /// </summary>
    public int[] KeyTerms { get; init; } = [];

    public static StoryFeatures Compute(string? title, string? bodyText)
    {
        var counts = new Dictionary<int, int>();
        AddTerms(WithoutSiteSuffix(title), TitleWeight, counts);
        var body = bodyText ?? "";
        AddTerms(body.Length > KeyLeadCharacters ? body[..KeyLeadCharacters] : body, 1, counts);
        var keyTerms = counts.Keys.ToArray();
        Array.Sort(keyTerms);
        if (body.Length > KeyLeadCharacters)
            AddTerms(body.Length > LeadCharacters ? body[KeyLeadCharacters..LeadCharacters] : body[KeyLeadCharacters..], 1, counts);
        if (counts.Count == 0) return Empty;
        var terms = counts.Keys.ToArray();
        Array.Sort(terms);
        var weights = new short[terms.Length];
        for (var i = 0; i < terms.Length; i++) weights[i] = (short)Math.Min(MaxWeight, counts[terms[i]]);
        return new StoryFeatures(terms, weights) { KeyTerms = keyTerms, Series = SeriesOf(title), Commentary = IsCommentary(title) };
    }

    /// <summary>
    /// Whether the title's rubric names a genre that comments on events rather than reports one —
    /// analysis, opinion, a column, an interview, a digest or press review (焦点：…, 【CDT导览】…,
    /// … - 要闻解说, Analysis: …). Such an item is told with the names of the event it discusses, so it
    /// scores like an account of it; it is offered beside the event as related coverage instead of
    /// joining its story, and no account joins it (<c>articles.story_commentary</c>, migration 0038).
    /// </summary>
    public bool Commentary { get; init; }

    // Genre words, folded (Simplified, lower case). Only a rubric counts: a bracketed label or a short
    // segment set off at the title's start or end; inside a headline "分析" is what someone said.
    private static readonly string[] GenreWords =
    [
        "观点", "评论", "社论", "社评", "时评", "述评", "短评", "快评", "评析", "专栏", "专访", "访谈", "分析", "解读", "解说",
        "解析", "导读", "导览", "综述", "摘要", "文摘", "周报", "一周", "焦点", "深度", "特稿", "观察", "侧记", "图集", "组图",
        "漫画", "早安", "analysis", "opinion", "editorial", "explainer", "interview", "commentary", "column", "review",
        "in pictures", "q&a", "the big read",
    ];

    internal static bool IsCommentary(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return false;
        var folded = ChineseFold.Fold(title.Trim());
        foreach (var rubric in (ReadOnlySpan<Regex>)[LeadingLabel(), LeadingRubric(), TrailingRubric()])
            if (rubric.Match(folded) is { Success: true } m && GenreWords.Any(w => m.Groups["rubric"].Value.ToLowerInvariant().Contains(w, StringComparison.Ordinal)))
                return true;
        return false;
    }

    [GeneratedRegex(@"^[【\[「〔(（](?<rubric>[^】\]」〕)）]{1,12})[】\]」〕)）]")]
    private static partial Regex LeadingLabel();

    [GeneratedRegex(@"^(?<rubric>[^：:》｜|丨]{1,12})[：:》｜|丨]")]
    private static partial Regex LeadingRubric();

    [GeneratedRegex(@"(?: - | \| |｜|丨| – |——)(?<rubric>[^-|｜丨–—]{1,12})$")]
    private static partial Regex TrailingRubric();

    /// <summary>
    /// <see cref="Series"/> of a title: a hash of its letters, folded, without the site's suffix, when
    /// it has a digit and at least four letters. "8/10" and "8/11", "69例" and "49例" differ only there.
    /// </summary>
    internal static int? SeriesOf(string? title)
    {
        var folded = ChineseFold.Fold(WithoutSiteSuffix(title));
        if (!folded.Any(char.IsDigit)) return null;
        var letters = string.Concat(folded.Where(char.IsLetter));
        return letters.Length >= 4 ? WordHash(letters) : null;
    }

    private static readonly string[] SuffixSeparators = [" - ", " – ", " — ", " | ", "_"];

    /// <summary>
    /// The title without trailing segments after a spaced separator that are shorter than what
    /// precedes them ("… – 法国国际广播电台 - RFI", "… | BBC News"): a site name repeated on every one
    /// of an outlet's titles would make its articles alike whatever they report.
    /// </summary>
    internal static string WithoutSiteSuffix(string? title)
    {
        var t = (title ?? "").Trim();
        while (true)
        {
            var cut = -1;
            foreach (var separator in SuffixSeparators)
                cut = Math.Max(cut, t.LastIndexOf(separator, StringComparison.Ordinal));
            if (cut <= 0) return t;
            var tail = t.Length - cut;
            if (tail > 24 || tail >= cut) return t;
            t = t[..cut].TrimEnd();
        }
    }

    internal static void AddTerms(string? text, int weight, Dictionary<int, int> counts)
    {
        if (string.IsNullOrEmpty(text)) return;
        var folded = ChineseFold.Fold(text);
        var i = 0;
        while (i < folded.Length)
        {
            var c = folded[i];
            if (IsCjk(c))
            {
                var start = i;
                while (i < folded.Length && IsCjk(folded[i])) i++;
                for (var j = start; j + 1 < i; j++) Add(counts, (folded[j] << 16) | folded[j + 1], weight);
            }
            else if (char.IsLetterOrDigit(c))
            {
                var start = i;
                // 2.7 and 5,000 are one number; a dot or comma between letters ends a word.
                while (i < folded.Length && (char.IsLetterOrDigit(folded[i]) && !IsCjk(folded[i])
                    || (folded[i] is '.' or ',' && i + 1 < folded.Length && char.IsDigit(folded[i + 1]) && i > start && char.IsDigit(folded[i - 1]))))
                    i++;
                var word = folded.AsSpan(start, i - start);
                if ((word.Length >= 2 || char.IsDigit(c)) && !IsFunctionWord(word)) Add(counts, WordHash(word), weight);
            }
            else i++;
        }
    }

    // One hash look-up per occurrence, not two: this runs for every bigram of every title and lead.
    private static void Add(Dictionary<int, int> counts, int term, int weight) =>
        CollectionsMarshal.GetValueRefOrAddDefault(counts, term, out _) += weight;

    // Function words of the Latin-script languages the portal meets. In a mostly Chinese database
    // they are rare, so their inverse document frequency is high, and any two English (or German…)
    // articles shared enough of them to look like one event. A language's grammar, not an event's or
    // an outlet's: the same list serves every input.
    private static readonly HashSet<string> FunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        // English
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "into",
        "about", "after", "over", "than", "that", "this", "these", "those", "it", "its", "is", "are", "was", "were", "be",
        "been", "being", "has", "have", "had", "do", "does", "did", "not", "no", "he", "she", "they", "we", "you", "his",
        "her", "their", "our", "your", "who", "which", "what", "when", "where", "how", "will", "would", "can", "could",
        "should", "may", "might", "said", "says", "also", "more", "most", "some", "all", "any", "up", "out", "so", "there",
        // German
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und", "oder", "ist", "sind",
        "war", "wird", "werden", "mit", "von", "zu", "zum", "zur", "auf", "für", "im", "nicht", "sich", "auch", "es", "bei",
        // French
        "le", "la", "les", "un", "une", "des", "du", "et", "ou", "est", "sont", "dans", "pour", "par", "sur", "que", "qui", "au", "aux",
        // Spanish and Portuguese
        "el", "los", "las", "una", "unos", "y", "o", "es", "son", "del", "al", "en", "con", "por", "para", "se", "su", "sus",
        "lo", "da", "do", "dos", "das", "um", "uma", "e", "em", "no", "na", "nos", "nas", "com", "ao", "à",
    };

    private static readonly int LongestFunctionWord = FunctionWords.Max(w => w.Length);

    private static bool IsFunctionWord(ReadOnlySpan<char> word) =>
        word.Length <= LongestFunctionWord && FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    internal static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    private static int WordHash(ReadOnlySpan<char> word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash ^= char.ToLowerInvariant(c);
            hash *= 16777619u;
        }
        return (int)(hash & LatinMask);
    }
}
