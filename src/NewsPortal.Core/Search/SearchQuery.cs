namespace NewsPortal.Core.Search;

/// <summary>
/// One term of a query: a run of letters, digits or ideographs, normalised. An article matches when
/// it holds every key of the term and, unless the keys say it all (one ideograph, one pair, one
/// word), the normalised term itself as a substring — which makes a longer Chinese term a phrase.
/// </summary>
public sealed record SearchTerm(string Text, int[] Keys, bool NeedsCheck);

/// <summary>
/// A reader's query, made safe: cut to <see cref="MaxLength"/> characters, split into terms at
/// anything that is not a letter, digit or ideograph (so quotes, operators and other syntax are
/// only separators), every term required. Never throws on any input.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxLength = 100;
    public const int MaxTerms = 8;

    // A GIN AND over many keys reads many posting lists; the exact check covers the rest of a long term.
    public const int MaxKeys = 32;

    private SearchQuery(string text, IReadOnlyList<SearchTerm> terms)
    {
        Text = text;
        Terms = terms;
    }

    /// <summary>The query as kept (trimmed and cut), for the search box and links.</summary>
    public string Text { get; }

    public IReadOnlyList<SearchTerm> Terms { get; }

    public bool IsEmpty => Terms.Count == 0;

    /// <summary>Every key of every term, distinct, at most <see cref="MaxKeys"/>.</summary>
    public int[] Keys => Terms.SelectMany(t => t.Keys).Distinct().Take(MaxKeys).ToArray();

    public static SearchQuery Parse(string? raw)
    {
        var text = (raw ?? "").Trim();
        if (text.Length > MaxLength)
        {
            // Not between the halves of a surrogate pair.
            var cut = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
            text = text[..cut].TrimEnd();
        }
        var normalized = SearchText.Normalize(text);
        var terms = new List<SearchTerm>();
        var i = 0;
        while (i < normalized.Length && terms.Count < MaxTerms)
        {
            if (!IsTermChar(normalized[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < normalized.Length && IsTermChar(normalized[i])) i++;
            var term = normalized[start..i];
            if (terms.Any(t => t.Text == term)) continue;
            terms.Add(MakeTerm(term));
        }
        return new SearchQuery(text, terms);
    }

    private static bool IsTermChar(char c) => SearchText.IsIdeographic(c) || SearchText.IsWordChar(c);

    private static SearchTerm MakeTerm(string term)
    {
        var keys = new List<int>();
        var parts = 0;
        var i = 0;
        while (i < term.Length)
        {
            var start = i;
            if (SearchText.IsIdeographic(term[i]))
            {
                while (i < term.Length && SearchText.IsIdeographic(term[i])) i++;
                if (i - start == 1)
                {
                    keys.Add(SearchText.CharKey(term[start]));
                    parts++;
                }
                for (var j = start; j + 1 < i; j++)
                {
                    keys.Add(SearchText.PairKey(term[j], term[j + 1]));
                    parts++;
                }
            }
            else
            {
                while (i < term.Length && !SearchText.IsIdeographic(term[i])) i++;
                keys.Add(SearchText.WordKey(term.AsSpan(start, i - start)));
                parts++;
            }
        }
        // One key that is the whole term needs no second look; anything longer is checked as a phrase.
        return new SearchTerm(term, keys.Distinct().ToArray(), NeedsCheck: parts > 1);
    }
}
