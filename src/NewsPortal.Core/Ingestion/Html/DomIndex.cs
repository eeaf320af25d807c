using AngleSharp.Dom;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Every element of a page in document order with its text counts, built by an explicit-stack walk
/// so that pages nested thousands deep cannot overflow the call stack. Counts are summed bottom-up
/// in one reverse pass: children always come after their parent in pre-order.
/// </summary>
internal sealed class DomIndex
{
    // Elements are keys by identity: reference hashing skips AngleSharp's virtual Equals/GetHashCode.
    private readonly Dictionary<IElement, int> _indexOf = new(ReferenceEqualityComparer.Instance);
    // Per-element facts that do not change between passes: counted and looked up once, in the walk.
    private TextCounts[] _own = [];
    private bool[] _noise = [];
    private bool[] _inline = [];
    private bool[] _isLink = [];
    private bool[] _isInPageLink = [];
    private sbyte[] _furniture = [];
    private bool _hasMixed;

    public IElement[] Elements { get; private set; } = [];
    public int[] Parents { get; private set; } = [];
    public int[] Depths { get; private set; } = [];
    /// <summary>Index one past the element's last descendant: its subtree is [i, End[i]).</summary>
    public int[] End { get; private set; } = [];
    /// <summary>Dropped with its subtree: noise by tag, or boilerplate by class that does not hold the article.</summary>
    public bool[] Excluded { get; private set; } = [];
    public TextCounts[] Total { get; private set; } = [];
    public int[] LinkTokens { get; private set; } = [];
    /// <summary>The part of <see cref="LinkTokens"/> in links to a place on the same page.</summary>
    public int[] InPageLinkTokens { get; private set; } = [];
    /// <summary>Text of the element itself and its inline descendants, stopping at nested blocks.</summary>
    public TextCounts[] Inline { get; private set; } = [];
    public int[] InlineLinkTokens { get; private set; } = [];
    /// <summary>Counts with only noise tags left out: furniture (teaser lists) still counted.</summary>
    public TextCounts[] RawTotal { get; private set; } = [];
    /// <summary>The longest run of a block's own (inline) text anywhere in the subtree, in tokens.</summary>
    public int[] LongestParagraph { get; private set; } = [];
    public int[] RawLinkTokens { get; private set; } = [];

    public int Count => Elements.Length;

    public static DomIndex Build(IElement root, CancellationToken cancellationToken = default)
    {
        var index = new DomIndex();
        index.Walk(root, cancellationToken);
        index.Summarize(index._noise);
        index.RawTotal = index.Total;
        index.RawLinkTokens = index.LinkTokens;
        var pageProse = index.Total[0].Tokens - index.LinkTokens[0];
        index.MarkExcluded(furniture: true, keep: null);
        index.Summarize(index.Excluded);
        if (index._hasMixed)
        {
            index.DecideMixed();
            index.MarkExcluded(furniture: true, keep: null);
            index.Summarize(index.Excluded);
        }
        if (index.ProseLeft(pageProse))
        {
            index.MarkProseHolders();
            return index;
        }
        // An element that holds nearly all of the page's prose is the page's wrapper, whatever it is
        // called: ASP.NET pages put the whole body in one <form>. Inside it, furniture is furniture as
        // anywhere else (the blog post's comment list stays out).
        var wrappers = new HashSet<int>();
        for (var i = 0; i < index.Count; i++)
            if (index.RawTotal[i].Tokens - index.RawLinkTokens[i] >= WrapperShare * pageProse && index.LooksLikeFurniture(i)) wrappers.Add(i);
        if (wrappers.Count > 0)
        {
            index.MarkExcluded(furniture: true, wrappers);
            index.Summarize(index.Excluded);
            // What the wrapper held besides furniture may be a short post under a long comment list.
            if (index.ProseLeft(pageProse, share: 0))
            {
                index.MarkProseHolders();
                return index;
            }
        }
        // Setting furniture aside took nearly all the prose: some sites wrap the whole page in a
        // "post-comment-wrapper" or the like. Keep whatever holds the best prose as it was.
        index.MarkExcluded(furniture: false, keep: null);
        index.Summarize(index.Excluded);
        var best = new ContentScorer(index).BestCandidate();
        var keep = new HashSet<int>();
        for (var a = best; a >= 0; a = index.Parents[a]) keep.Add(a);
        index.MarkExcluded(furniture: true, keep);
        index.Summarize(index.Excluded);
        index.MarkProseHolders();
        return index;
    }

    // What the wrapper rule takes for a page-wide element: nearly all of the prose.
    private const double WrapperShare = 0.95;

    // Setting furniture aside left prose enough to look for the article in.
    private bool ProseLeft(int pageProse, double share = 0.1)
    {
        var left = Total[0].Tokens - LinkTokens[0];
        return left >= share * pageProse && left >= 50;
    }

    /// <summary>
    /// The article's <c>&lt;header&gt;</c> (one inside an <c>article</c> or holding the headline,
    /// below <paramref name="scope"/>) when that is all that sets <paramref name="i"/> aside:
    /// nothing else on the way up is furniture, noise or a figure; else -1.
    /// </summary>
    public int ArticleHeaderOf(int i, int scope)
    {
        var header = -1;
        for (var a = i; a > scope; a = Parents[a])
        {
            if (_noise[a] || Elements[a].LocalName is "figure" or "figcaption") return -1;
            if (Elements[a].LocalName == "header") header = a;
            else if (LooksLikeFurniture(a)) return -1;
        }
        if (header < 0) return -1;
        if (Elements[header].ParentElement?.Closest("article") is not null) return header;
        for (var j = header + 1; j < End[header]; j++)
            if (IsHeadline(j)) return header;
        return -1;
    }

    /// <summary>An <c>h1</c> with words of its own: a site's logo is an image or a link home.</summary>
    public bool IsHeadline(int i) => Elements[i].LocalName == "h1" && RawTotal[i].Tokens >= 2 && 2 * RawLinkTokens[i] < RawTotal[i].Tokens;

    /// <summary>
    /// Takes <paramref name="i"/> and its subtree back into the page (a standfirst found in the article's
    /// header): what is furniture or noise in it of its own stays out. Its set-aside ancestors let the
    /// walk through to it and to nothing else (their other children stay out), and the counts are summed
    /// again.
    /// </summary>
    public void Readmit(int i)
    {
        for (var j = i; j < End[i]; j++)
            Excluded[j] = _noise[j] || LooksLikeFurniture(j) || (j > i && Excluded[Parents[j]]);
        for (var a = Parents[i]; a >= 0 && Excluded[a]; a = Parents[a]) Excluded[a] = false;
        Summarize(Excluded);
        MarkProseHolders();
    }

    public int IndexOf(IElement element) => _indexOf.TryGetValue(element, out var i) ? i : -1;

    /// <summary>How many levels the subtree of <paramref name="i"/> goes below it.</summary>
    public int SubtreeDepth(int i)
    {
        var max = Depths[i];
        for (var j = i + 1; j < End[i]; j++) max = Math.Max(max, Depths[j]);
        return max - Depths[i];
    }

    /// <summary>
    /// An <c>a</c> element that links somewhere. One without <c>href</c> is a placeholder or a named
    /// anchor, not a link: a stray unclosed <c>&lt;a&gt;</c> (a 2005 forum's <c>…心情&lt;a&gt;</c>) is
    /// reopened by the HTML parser around every text run after it, and counted as links the whole
    /// post read as a link list and the page as having no article.
    /// </summary>
    public static bool IsHyperlink(IElement element) => element.LocalName == "a" && element.HasAttribute("href");

    /// <summary>
    /// A link to a place on the same page (<c>href="#symptome"</c>): a table of contents, a footnote
    /// mark, "back to the contents".
    /// </summary>
    public static bool IsInPageLink(IElement element) => element.GetAttribute("href") is { Length: > 1 } href && href[0] == '#';

    /// <summary>
    /// The share of the text in links, a link to a place on the same page counted at a third, as
    /// readability weighs it: it leads to no other page, and an article that opens with its own table
    /// of contents is no list of links.
    /// </summary>
    public double LinkDensity(int i) =>
        Total[i].Tokens == 0 ? 0 : (LinkTokens[i] - (1 - InPageLinkWeight) * InPageLinkTokens[i]) / Total[i].Tokens;

    private const double InPageLinkWeight = 0.3;

    private void Walk(IElement root, CancellationToken cancellationToken)
    {
        var elements = new List<IElement>();
        var parents = new List<int>();
        var depths = new List<int>();
        var own = new List<TextCounts>();
        var noise = new List<bool>();
        var stack = new Stack<(IElement Element, int Parent)>();
        stack.Push((root, -1));
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (element, parent) = stack.Pop();
            var self = elements.Count;
            _indexOf[element] = self;
            elements.Add(element);
            parents.Add(parent);
            depths.Add(parent < 0 ? 0 : depths[parent] + 1);
            var isNoise = BoilerplateMarkers.IsNoiseTag(element);
            noise.Add(isNoise);
            // ChildNodes is index-addressable in constant time; Children is a filtered view that is not.
            // Text is measured here, in the one pass over the children; noise (scripts, styles) never is.
            var children = element.ChildNodes;
            var text = default(TextCounts);
            for (var c = children.Length - 1; c >= 0; c--)
            {
                var child = children[c];
                if (child is Element childElement) stack.Push((childElement, self));
                else if (!isNoise && child is IText textNode) text += TextMeasure.Count(textNode.Data);
            }
            own.Add(text);
        }
        Elements = [.. elements];
        Parents = [.. parents];
        Depths = [.. depths];
        _own = [.. own];
        _noise = [.. noise];
        _inline = new bool[Count];
        _isLink = new bool[Count];
        _isInPageLink = new bool[Count];
        for (var i = 0; i < Count; i++)
        {
            var name = Elements[i].LocalName;
            _inline[i] = BoilerplateMarkers.IsInline(name);
            _isLink[i] = IsHyperlink(Elements[i]);
            _isInPageLink[i] = _isLink[i] && IsInPageLink(Elements[i]);
        }
        _furniture = new sbyte[Count];
        End = new int[Count];
        for (var i = Count - 1; i >= 0; i--) End[i] = Math.Max(End[i], i + 1);
        for (var i = Count - 1; i > 0; i--) End[Parents[i]] = Math.Max(End[Parents[i]], End[i]);
        Excluded = new bool[Count];
    }

    private void Summarize(bool[] skip)
    {
        var count = Count;
        var total = new TextCounts[count];
        var inline = new TextCounts[count];
        var linkTokens = new int[count];
        var inPageLinkTokens = new int[count];
        var inlineLinkTokens = new int[count];
        for (var i = count - 1; i >= 0; i--)
        {
            if (skip[i]) continue;
            var own = _own[i];
            total[i] += own;
            inline[i] += own;
            if (_isLink[i])
            {
                linkTokens[i] = total[i].Tokens;
                inlineLinkTokens[i] = inline[i].Tokens;
                if (_isInPageLink[i]) inPageLinkTokens[i] = total[i].Tokens;
            }
            var parent = Parents[i];
            if (parent < 0) continue;
            total[parent] += total[i];
            linkTokens[parent] += linkTokens[i];
            inPageLinkTokens[parent] += inPageLinkTokens[i];
            if (_inline[i])
            {
                inline[parent] += inline[i];
                inlineLinkTokens[parent] += inlineLinkTokens[i];
            }
        }
        (Total, Inline, LinkTokens, InlineLinkTokens, InPageLinkTokens) = (total, inline, linkTokens, inlineLinkTokens, inPageLinkTokens);
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
        if (_furniture[i] == 0)
        {
            _furniture[i] = BoilerplateMarkers.Classify(Elements[i]) switch
            {
                Furniture.Yes => Yes,
                Furniture.Mixed => Mixed,
                _ => No,
            };
            _hasMixed |= _furniture[i] == Mixed;
        }
        return _furniture[i] == Yes;
    }

    // A class that names both furniture and the article ("footer-content", "comment-body",
    // "content-sidebar-wrap") is the article's only when it holds much of the prose left once the
    // rest of the furniture is set aside; a footer's or a comment's does not. Until decided, such
    // an element counts as the article, as readability counts it.
    private void DecideMixed()
    {
        var prose = Total[0].Tokens - LinkTokens[0];
        for (var i = 0; i < Count; i++)
        {
            if (_furniture[i] == Mixed) _furniture[i] = Total[i].Tokens - LinkTokens[i] < MixedShare * prose ? Yes : No;
        }
    }

    private const sbyte Yes = 1, No = -1, Mixed = 2;
    // The share of the prose above which an element classed both as furniture and as the article holds the article.
    private const double MixedShare = 0.25;
}
