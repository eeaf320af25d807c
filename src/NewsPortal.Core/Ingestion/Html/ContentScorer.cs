using AngleSharp.Dom;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Readability's candidate scoring, made CJK-aware: every block with prose of its own gives its
/// parent a score for its punctuation and length (Han characters and words weighed to be comparable),
/// a share goes to the ancestors, and link-heavy candidates are discounted. Returns the elements,
/// in document order, that make up the article: the best candidate and its strong siblings.
/// </summary>
internal sealed class ContentScorer(DomIndex dom)
{
    private readonly Dictionary<int, double> _scores = new();
    private readonly double[] _prosePrefix = new double[dom.Count + 1];

    public IReadOnlyList<int> SelectRoots()
    {
        var top = BestCandidate();
        if (top == 0) return [0];
        var best = PreferAncestor(top);
        top = Expand(best);
        return WithLede(WithSiblings(top), top, best);
    }

    /// <summary>The highest-scoring container, or 0 (the root) when nothing on the page reads as prose.</summary>
    public int BestCandidate()
    {
        ScoreParagraphs();
        if (_scores.Count == 0) return 0;
        foreach (var key in _scores.Keys.ToArray()) _scores[key] *= 1 - dom.LinkDensity(key);
        return _scores.MaxBy(kv => kv.Value).Key;
    }

    private void ScoreParagraphs()
    {
        var own = new double[dom.Count];
        ScoreParagraphs(own);
        for (var i = 0; i < dom.Count; i++) _prosePrefix[i + 1] = _prosePrefix[i] + own[i];
    }

    private double ProseIn(int i) => _prosePrefix[dom.End[i]] - _prosePrefix[i];

    private void ScoreParagraphs(double[] own)
    {
        for (var i = 0; i < dom.Count; i++)
        {
            if (dom.Excluded[i]) { i = dom.End[i] - 1; continue; }
            var name = dom.Elements[i].LocalName;
            if (BoilerplateMarkers.IsInline(name) || name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "body" or "html") continue;
            var text = dom.Inline[i];
            var weight = text.Cjk / 40.0 + text.Words / 17.0;
            if (text.Cjk < 10 && text.Words < 5) continue;
            var linkShare = text.Tokens == 0 ? 0 : (double)dom.InlineLinkTokens[i] / text.Tokens;
            var score = (1 + text.Punctuation + Math.Min(weight, 3)) * (1 - linkShare);
            own[i] = score;
            // A block with its own prose is itself a candidate (old pages put text straight into a td or div).
            Add(i, score, 0);
            var ancestor = dom.Parents[i];
            for (var level = 1; ancestor > 0 && level <= 5; level++, ancestor = dom.Parents[ancestor])
            {
                var divider = level == 1 ? 1.0 : level == 2 ? 2.0 : level * 3.0;
                Add(ancestor, score / divider, level);
            }
        }
    }

    private void Add(int i, double score, int level)
    {
        if (!_scores.TryGetValue(i, out var current)) current = InitialScore(dom.Elements[i]);
        _scores[i] = current + (level == 0 ? score * 0.5 : score);
    }

    private static double InitialScore(IElement element)
    {
        var score = element.LocalName switch
        {
            "div" or "article" or "section" or "main" => 5,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "th" => -5,
            _ => 0,
        };
        return score + 25 * BoilerplateMarkers.ClassWeight(element);
    }

    private double Score(int i) => _scores.TryGetValue(i, out var s) ? s : 0;

    // Readability's walk upwards: a parent that scores higher than the child holds more of the article.
    private int PreferAncestor(int top)
    {
        var lastScore = Score(top);
        var threshold = lastScore / 3;
        for (var parent = dom.Parents[top]; parent > 0; parent = dom.Parents[parent])
        {
            if (!_scores.ContainsKey(parent)) continue;
            var score = Score(parent);
            if (score < threshold) break;
            if (score > lastScore) return parent;
            lastScore = score;
        }
        return top;
    }

    /// <summary>
    /// Climbs while the parent adds prose and few links: articles whose every paragraph sits in a
    /// wrapper of its own ("cards") score each wrapper alone, and their container only by decay.
    /// </summary>
    private int Expand(int top)
    {
        var baseTokens = dom.Total[top].Tokens;
        for (var parent = dom.Parents[top]; parent > 0 && dom.Elements[parent].LocalName is not ("body" or "html"); parent = dom.Parents[parent])
        {
            var addedTokens = dom.Total[parent].Tokens - dom.Total[top].Tokens;
            var addedLinks = dom.LinkTokens[parent] - dom.LinkTokens[top];
            var addedProse = ProseIn(parent) - ProseIn(top);
            // Wrappers that add (almost) nothing are free to climb through, up to a tenth more text in all.
            var nothingAdded = dom.Total[parent].Tokens <= 1.1 * baseTokens && addedProse <= 0.1 * ProseIn(top);
            var density = ProseIn(top) / Math.Max(1, dom.Total[top].Tokens);
            bool ProseAdded(double prose) => prose >= 0.3 * ProseIn(top) && addedTokens > 0 && (double)addedLinks / addedTokens < 0.3
                && prose / addedTokens >= 0.5 * density;
            // A list of teasers (a titled link and a line of standfirst each) reads as prose too, but is not the article's.
            var proseAdded = ProseAdded(addedProse) && ProseAdded(addedProse - TeaserProse(parent, top));
            if (!nothingAdded && !proseAdded) break;
            top = parent;
            if (proseAdded) baseTokens = dom.Total[top].Tokens;
        }
        return top;
    }

    /// <summary>
    /// The standfirst: a short paragraph the page classes as the lede (<c>intro</c>, <c>lead</c>,
    /// <c>summary</c>, <c>chapo</c>…) set above the body in a box of its own, which a few sentences
    /// never score into the article. The nearest one before the body, a few levels up, is added. Failing
    /// that, one in the article's <c>&lt;header&gt;</c> (set aside with the headline and byline in it) just
    /// before the best candidate is taken back, in the body's root or as a root of its own.
    /// </summary>
    private List<int> WithLede(List<int> roots, int top, int best)
    {
        var first = roots[0];
        for (var j = first - 1; j > Above(top, LedeLevels); j--)
        {
            // Elements that hold the body are its ancestors, not before it.
            if (dom.End[j] > first || dom.Excluded[j] || !IsLede(j, dom.Total[j], dom.LinkDensity(j))) continue;
            roots.Insert(0, j);
            return roots;
        }
        // The header search reaches up to the <article> that holds the body, else as far as the lede's.
        var scope = Above(best, LedeLevels);
        for (var (a, level) = (best, 0); a > 0 && level < ArticleLevels; a = dom.Parents[a], level++)
            if (dom.Elements[a].LocalName == "article") { scope = Math.Min(scope, dom.Parents[a]); break; }
        for (var j = best - 1; j > scope; j--)
        {
            if (dom.End[j] > best || !dom.Excluded[j] || !IsHeaderLede(j, scope)) continue;
            dom.Readmit(j);
            // Inside a root, the root's walk reaches it now; else it is a root of its own, in page order.
            if (!roots.Any(r => r < j && j < dom.End[r])) roots.Insert(roots.FindIndex(r => r > j) is var at and >= 0 ? at : roots.Count, j);
            break;
        }
        return roots;
    }

    private int Above(int i, int levels)
    {
        for (var level = 0; level < levels && dom.Parents[i] > 0; level++) i = dom.Parents[i];
        return i;
    }

    private const int LedeLevels = 4, ArticleLevels = 8;

    // In the article's header, set aside with it: a lede by class, or a paragraph after the headline that
    // ends as a sentence does (a byline or a date line does not).
    private bool IsHeaderLede(int j, int scope)
    {
        // A part of the header: the whole of it holds the headline and the byline too.
        var header = dom.ArticleHeaderOf(j, scope);
        if (header < 0 || header == j) return false;
        var raw = dom.RawTotal[j];
        if (!IsLedeText(j, raw, (double)dom.RawLinkTokens[j] / Math.Max(1, raw.Tokens))) return false;
        if (BoilerplateMarkers.IsLede(dom.Elements[j])) return true;
        if (dom.Elements[j].LocalName != "p" || !TextMeasure.EndsLikeSentence(dom.Elements[j].TextContent)) return false;
        for (var h = header + 1; h < j; h++)
            if (dom.IsHeadline(h)) return true;
        return false;
    }

    private bool IsLede(int i, TextCounts text, double linkDensity) => BoilerplateMarkers.IsLede(dom.Elements[i]) && IsLedeText(i, text, linkDensity);

    private bool IsLedeText(int i, TextCounts text, double linkDensity)
    {
        if (text.Tokens is < 8 or > 200 || text.Sentences == 0 || linkDensity > 0.2) return false;
        // A lead image's box with its caption is not the standfirst.
        for (var j = i; j < dom.End[i]; j++)
            if (dom.Elements[j].LocalName is "img" or "figure" or "figcaption" or "picture" or "ul" or "ol" or "table") return false;
        return true;
    }

    private double TeaserProse(int parent, int top)
    {
        var prose = 0.0;
        for (var child = parent + 1; child < dom.End[parent]; child = dom.End[child])
        {
            if (child <= top && top < dom.End[child]) continue;
            if (!dom.Excluded[child] && IsTeaserList(child)) prose += ProseIn(child);
        }
        return prose;
    }

    private List<int> WithSiblings(int top)
    {
        var parent = dom.Parents[top];
        if (parent < 0) return [top];
        var topScore = Score(top);
        var threshold = Math.Max(10, topScore * 0.2);
        var topClass = dom.Elements[top].ClassName;
        var roots = new List<int>();
        foreach (var child in dom.Elements[parent].Children)
        {
            var i = dom.IndexOf(child);
            if (i == top) { roots.Add(i); continue; }
            // Headline lists score by length too; an article's sibling reads in sentences, as the article does.
            if (i < 0 || dom.Excluded[i] || dom.LinkDensity(i) > 0.35 || SentenceRate(i) < 0.4 * SentenceRate(top) || IsTeaserList(i)) continue;
            var bonus = !string.IsNullOrEmpty(topClass) && child.ClassName == topClass ? topScore * 0.2 : 0;
            // Lines of 20-odd characters (headline lists, member posts) add up to a score but are not paragraphs.
            if (_scores.ContainsKey(i) && Score(i) + bonus >= threshold && dom.LongestParagraph[i] >= 40) roots.Add(i);
            else if (IsProseBlock(i)) roots.Add(i);
        }
        return roots;
    }

    // Titled links with a line of standfirst each: "other columns", "more stories". An article's own links
    // are far apart, a teaser list has one every few dozen tokens.
    private bool IsTeaserList(int i)
    {
        var titledLinks = 0;
        for (var j = i + 1; j < dom.End[i]; j++)
        {
            var element = dom.Elements[j];
            // A table of contents links to the article's own sections, not to other articles.
            if (element.LocalName == "a" && (dom.Total[j].Words >= 3 || dom.Total[j].Cjk >= 6) && !DomIndex.IsInPageLink(element) && !IsAddress(element.TextContent)) titledLinks++;
        }
        return titledLinks >= 3 && dom.Total[i].Tokens < TokensPerTeaser * titledLinks;
    }

    // A link that shows its address ("Listen: http://po.st/TP_615") is no teaser's title.
    private static bool IsAddress(string text) => text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase);

    // A teaser's title and standfirst: a few dozen tokens. An article's links are further apart.
    private const int TokensPerTeaser = 50;

    private double SentenceRate(int i) => (double)dom.Total[i].Sentences / Math.Max(1, dom.Total[i].Tokens);

    private bool IsProseBlock(int i)
    {
        var name = dom.Elements[i].LocalName;
        if (name is not ("p" or "div" or "section" or "blockquote" or "pre" or "center")) return false;
        if (name is "div" or "section" && dom.LongestParagraph[i] < 40) return false;
        var text = dom.Total[i];
        var linkDensity = dom.LinkDensity(i);
        var size = text.Cjk + text.Words * 2.5;
        if (size > 60 && linkDensity < 0.25) return true;
        return size > 0 && linkDensity == 0 && text.Punctuation > 0 && TextMeasure.EndsLikeSentence(dom.Elements[i].TextContent);
    }
}
