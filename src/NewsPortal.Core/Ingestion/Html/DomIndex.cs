using AngleSharp.Dom;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Every element of a page in document order with its text counts, built by an explicit-stack walk
/// so that pages nested thousands deep cannot overflow the call stack. Counts are summed bottom-up
/// in one reverse pass: children always come after their parent in pre-order.
/// </summary>
internal sealed class DomIndex
{
    private readonly Dictionary<IElement, int> _indexOf = new();
    // Per-element facts that do not change between passes: counted and looked up once, not per pass.
    private TextCounts?[] _own = [];
    private readonly List<bool> _noise = [];
    private readonly List<bool> _inline = [];
    private sbyte[] _furniture = [];

    public List<IElement> Elements { get; } = [];
    public List<int> Parents { get; } = [];
    public List<int> Depths { get; } = [];
    /// <summary>Index one past the element's last descendant: its subtree is [i, End[i]).</summary>
    public int[] End { get; private set; } = [];
    /// <summary>Dropped with its subtree: noise by tag, or boilerplate by class that does not hold the article.</summary>
    public bool[] Excluded { get; private set; } = [];
    public TextCounts[] Total { get; private set; } = [];
    public int[] LinkTokens { get; private set; } = [];
    /// <summary>Text of the element itself and its inline descendants, stopping at nested blocks.</summary>
    public TextCounts[] Inline { get; private set; } = [];
    public int[] InlineLinkTokens { get; private set; } = [];
    /// <summary>Counts with only noise tags left out: furniture (teaser lists) still counted.</summary>
    public TextCounts[] RawTotal { get; private set; } = [];
    /// <summary>The longest run of a block's own (inline) text anywhere in the subtree, in tokens.</summary>
    public int[] LongestParagraph { get; private set; } = [];
    public int[] RawLinkTokens { get; private set; } = [];

    public int Count => Elements.Count;

    public static DomIndex Build(IElement root)
    {
        var index = new DomIndex();
        index.Walk(root);
        index.Summarize(i => index._noise[i]);
        index.RawTotal = index.Total;
        index.RawLinkTokens = index.LinkTokens;
        var pageProse = index.Total[0].Tokens - index.LinkTokens[0];
        index.MarkExcluded(furniture: true, keep: null);
        index.Summarize(i => index.Excluded[i]);
        var left = index.Total[0].Tokens - index.LinkTokens[0];
        if (left >= 0.1 * pageProse && left >= 50)
        {
            index.MarkProseHolders();
            return index;
        }
        // Setting furniture aside took nearly all the prose: some sites wrap the whole page in a
        // "post-comment-wrapper" or the like. Keep whatever holds the best prose as it was.
        index.MarkExcluded(furniture: false, keep: null);
        index.Summarize(i => index.Excluded[i]);
        var best = new ContentScorer(index).BestCandidate();
        var keep = new HashSet<int>();
        for (var a = best; a >= 0; a = index.Parents[a]) keep.Add(a);
        index.MarkExcluded(furniture: true, keep);
        index.Summarize(i => index.Excluded[i]);
        index.MarkProseHolders();
        return index;
    }

    public int IndexOf(IElement element) => _indexOf.TryGetValue(element, out var i) ? i : -1;

    /// <summary>How many levels the subtree of <paramref name="i"/> goes below it.</summary>
    public int SubtreeDepth(int i)
    {
        var max = Depths[i];
        for (var j = i + 1; j < End[i]; j++) max = Math.Max(max, Depths[j]);
        return max - Depths[i];
    }

    public double LinkDensity(int i) => Total[i].Tokens == 0 ? 0 : (double)LinkTokens[i] / Total[i].Tokens;

    private void Walk(IElement root)
    {
        var stack = new Stack<(IElement Element, int Parent)>();
        stack.Push((root, -1));
        while (stack.Count > 0)
        {
            var (element, parent) = stack.Pop();
            _indexOf[element] = Elements.Count;
            Elements.Add(element);
            Parents.Add(parent);
            Depths.Add(parent < 0 ? 0 : Depths[parent] + 1);
            _noise.Add(BoilerplateMarkers.IsNoiseTag(element));
            _inline.Add(BoilerplateMarkers.IsInline(element.LocalName));
            var self = Elements.Count - 1;
            // ChildNodes is index-addressable in constant time; Children is a filtered view that is not.
            var children = element.ChildNodes;
            for (var c = children.Length - 1; c >= 0; c--)
            {
                if (children[c] is IElement child) stack.Push((child, self));
            }
        }
        _own = new TextCounts?[Count];
        _furniture = new sbyte[Count];
        End = new int[Count];
        for (var i = Count - 1; i >= 0; i--) End[i] = Math.Max(End[i], i + 1);
        for (var i = Count - 1; i > 0; i--) End[Parents[i]] = Math.Max(End[Parents[i]], End[i]);
        Excluded = new bool[Count];
    }

    private void Summarize(Func<int, bool> skip)
    {
        Total = new TextCounts[Count];
        Inline = new TextCounts[Count];
        LinkTokens = new int[Count];
        InlineLinkTokens = new int[Count];
        for (var i = Count - 1; i >= 0; i--)
        {
            if (skip(i)) continue;
            var element = Elements[i];
            var own = _own[i] ??= OwnText(element);
            Total[i] += own;
            Inline[i] += own;
            if (element.LocalName == "a")
            {
                LinkTokens[i] = Total[i].Tokens;
                InlineLinkTokens[i] = Inline[i].Tokens;
            }
            var parent = Parents[i];
            if (parent < 0) continue;
            Total[parent] += Total[i];
            LinkTokens[parent] += LinkTokens[i];
            if (_inline[i])
            {
                Inline[parent] += Inline[i];
                InlineLinkTokens[parent] += InlineLinkTokens[i];
            }
        }
    }

    // Noise elements (scripts, styles) are never counted, so their text is never measured.
    private static TextCounts OwnText(IElement element)
    {
        var own = default(TextCounts);
        foreach (var node in element.ChildNodes)
        {
            if (node is IText text) own += TextMeasure.Count(text.Data);
        }
        return own;
    }

    private void MarkProseHolders()
    {
        LongestParagraph = new int[Count];
        for (var i = Count - 1; i >= 0; i--)
        {
            if (!_inline[i]) LongestParagraph[i] = Math.Max(LongestParagraph[i], Inline[i].Tokens);
            var parent = Parents[i];
            if (parent >= 0) LongestParagraph[parent] = Math.Max(LongestParagraph[parent], LongestParagraph[i]);
        }
    }

    private void MarkExcluded(bool furniture, HashSet<int>? keep)
    {
        Array.Clear(Excluded);
        for (var i = 0; i < Count; i++)
        {
            var parent = Parents[i];
            if (parent >= 0 && Excluded[parent]) { Excluded[i] = true; continue; }
            if (_noise[i]) { Excluded[i] = true; continue; }
            if (furniture && keep?.Contains(i) != true && LooksLikeFurniture(i)) Excluded[i] = true;
        }
    }

    private bool LooksLikeFurniture(int i)
    {
        if (_furniture[i] == 0) _furniture[i] = BoilerplateMarkers.LooksLikeFurniture(Elements[i]) ? (sbyte)1 : (sbyte)-1;
        return _furniture[i] > 0;
    }
}
