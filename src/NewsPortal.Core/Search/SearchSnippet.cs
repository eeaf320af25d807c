namespace NewsPortal.Core.Search;

/// <summary>Marks a query's terms in a piece of text, wherever the normalised text holds them.</summary>
public static class SearchSnippet
{
    public static IReadOnlyList<(string Text, bool Mark)> Mark(string text, SearchQuery query)
    {
        if (text.Length == 0 || query.IsEmpty) return [(text, false)];
        // Normalising keeps offsets, so a match found in the normalised text marks the original.
        var normalized = SearchText.Normalize(text);
        var marked = new bool[text.Length];
        foreach (var term in query.Terms)
        {
            for (var at = normalized.IndexOf(term.Text, StringComparison.Ordinal); at >= 0;
                 at = normalized.IndexOf(term.Text, at + term.Text.Length, StringComparison.Ordinal))
                Array.Fill(marked, true, at, term.Text.Length);
        }
        var pieces = new List<(string, bool)>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i < text.Length && marked[i] == marked[start]) continue;
            pieces.Add((text[start..i], marked[start]));
            start = i;
        }
        return pieces;
    }
}
