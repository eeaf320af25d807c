using System.Buffers;
using AngleSharp.Dom;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// What page furniture looks like by tag and by class/id words. Matching is by word (class and id
/// split at non-letters) so that "ad" hits <c>ad-box</c> but not <c>header</c> or <c>shadow</c>.
/// </summary>
internal static class BoilerplateMarkers
{
    private static readonly HashSet<string> NoiseTags = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "iframe", "template", "svg", "math", "select", "button", "textarea",
        "input", "object", "embed", "canvas", "audio", "video", "head", "title", "link", "meta", "frameset",
        "frame", "dialog", "map",
        // Ruby annotations: the reading of the characters they sit on (furigana, pinyin), not text of
        // the article; left in, every annotated word was read twice and split the sentence into lines.
        "rt", "rp",
    };

    private static readonly HashSet<string> FurnitureTags = new(StringComparer.Ordinal)
    {
        "nav", "footer", "aside", "header", "form", "menu",
    };

    private static readonly HashSet<string> InlineTags = new(StringComparer.Ordinal)
    {
        "a", "span", "font", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "big", "code", "mark",
        "q", "cite", "abbr", "time", "label", "br", "img", "wbr", "tt", "ins", "del", "nobr", "var", "kbd",
        "samp", "dfn", "bdi", "bdo", "strike", "acronym", "picture", "source", "o:p", "ruby", "rb",
    };

    // Whole words that name furniture; short ones only ever as a whole word.
    private static readonly HashSet<string> FurnitureWords = new(StringComparer.Ordinal)
    {
        "ad", "ads", "adv", "advert", "nav", "menu", "hot", "gg", "xgwz", "xgxw", "tuijian", "rec", "toolbar",
        "topbar", "login", "share", "tags", "tag", "pager", "pages", "crumb", "crumbs", "bread", "foot", "author", "trending",
        "bottom", "extra", "widget", "dialog", "modal", "masthead", "byline", "meta", "subscribe", "bio",
    };

    // Word stems that name furniture wherever they occur inside a word.
    private static readonly string[] FurnitureStems =
    [
        "comment", "footer", "sidebar", "related", "recommend", "breadcrumb", "copyright", "social", "sponsor",
        "advertis", "banner", "popup", "pagination", "navbar", "navigation", "newsletter", "promo", "disqus",
        "shoutbox", "skyscraper", "remark", "replies", "outbrain", "taboola", "relate", "sharing", "jiathis",
        "bdshare", "disclaimer", "signup", "cookie", "gdpr", "consent", "privacy", "authorbox", "authorinfo", "authorbio",
    ];

    // Words that mark the article itself; they outweigh a furniture word in the same class list. The
    // same words in the languages of the pages we read: "banners-contenido-nota" holds a Chilean
    // article, and its "banner" made it furniture.
    private static readonly string[] ArticleStems =
    [
        "article", "content", "main", "body", "story", "zhengwen", "zw",
        "contenido", "conteudo", "contenu", "inhalt", "artikel", "articulo", "artigo",
        // The hAtom entry: WordPress marks the post so, beside a `tag-…` class for each of its tags.
        "hentry",
    ];

    // Whole words that name a standfirst: the lede set above the body in a box of its own.
    private static readonly HashSet<string> LedeWords = new(StringComparer.Ordinal)
    {
        "intro", "lead", "lede", "summary", "standfirst", "chapo", "chapeau", "abstract",
        "entradilla", "bajada", "sapo", "vorspann",
    };

    public static bool IsInline(string localName) => InlineTags.Contains(localName);

    public static bool IsNoiseTag(IElement element) => NoiseTags.Contains(element.LocalName);

    /// <summary>
    /// Navigation, footers, share bars, comment boxes, teaser lists, hidden widgets: by tag, class, id, attribute or
    /// inline style. <see cref="Furniture.Mixed"/> when the class names both furniture and the article
    /// (<c>footer-content</c>, <c>comment-body</c>, <c>content-sidebar-wrap</c>): what it holds decides.
    /// </summary>
    public static Furniture Classify(IElement element)
    {
        if (FurnitureTags.Contains(element.LocalName)) return Furniture.Yes;
        // Hidden content is furniture, not noise: a page dumped while a dialog was open may hide its article.
        if (element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true") return Furniture.Yes;
        if (element.GetAttribute("style") is { } style && IsHiddenStyle(style)) return Furniture.Yes;
        return ClassWords(element) switch
        {
            (true, true) => Furniture.Mixed,
            (false, true) => Furniture.Yes,
            _ => Furniture.No,
        };
    }

    /// <summary>-1 for furniture words, +1 for article words, 0 otherwise: the readability class weight, by word.</summary>
    public static int ClassWeight(IElement element) => ClassWords(element) switch
    {
        (true, _) => 1,
        (false, true) => -1,
        _ => 0,
    };

    /// <summary>Whether the class and id name the article, and whether they name furniture.</summary>
    private static (bool Article, bool Furniture) ClassWords(IElement element)
    {
        var classes = element.GetAttribute("class");
        var id = element.Id;
        // Most elements carry neither: nothing to split or lower-case.
        if (string.IsNullOrEmpty(classes) && string.IsNullOrEmpty(id)) return (false, false);
        // Runs for every element with a class or id: words are lower-cased into a buffer and looked up as
        // spans, so nothing is allocated per word.
        bool article = false, furniture = false;
        Span<char> buffer = stackalloc char[128];
        foreach (var names in (ReadOnlySpan<string?>)[classes, id])
        {
            foreach (var tokenRange in names.AsSpan().SplitAny(Whitespace))
            {
                var token = names.AsSpan(tokenRange);
                // Page builders name their layout boxes by what they are to the builder ("elementor-widget-wrap"
                // holds the article on every Elementor page): such a class says nothing of furniture.
                var builder = token.StartsWith("elementor", StringComparison.OrdinalIgnoreCase) || token.StartsWith("wp-block", StringComparison.OrdinalIgnoreCase)
                    || token.StartsWith("et_pb", StringComparison.OrdinalIgnoreCase) || token.StartsWith("vc_", StringComparison.OrdinalIgnoreCase);
                foreach (var range in token.SplitAny(Separators))
                {
                    var word = token[range];
                    if (word.IsEmpty) continue;
                    var lower = word.Length <= buffer.Length ? buffer[..word.Length] : new char[word.Length];
                    word.ToLowerInvariant(lower);
                    if (IsArticleWord(lower)) article = true;
                    else if (!builder) furniture |= FurnitureWordLookup.Contains(lower) || lower.IndexOfAny(FurnitureStemSearch) >= 0;
                }
            }
        }
        return (article, furniture);
    }

    /// <summary>Whether the class names a standfirst (<c>article__summary</c>, <c>pdb-article-teaser-intro</c>, <c>chapo</c>).</summary>
    public static bool IsLede(IElement element)
    {
        var classes = element.GetAttribute("class");
        if (string.IsNullOrEmpty(classes)) return false;
        Span<char> buffer = stackalloc char[128];
        foreach (var range in classes.AsSpan().SplitAny(Separators))
        {
            var word = classes.AsSpan(range);
            if (word.IsEmpty || word.Length > buffer.Length) continue;
            var lower = buffer[..word.Length];
            word.ToLowerInvariant(lower);
            if (LedeWordLookup.Contains(lower)) return true;
        }
        return false;
    }

    // Stems of more than three letters count anywhere in a word, shorter ones only at its start.
    private static bool IsArticleWord(ReadOnlySpan<char> word)
    {
        if (word.IndexOfAny(LongArticleStemSearch) >= 0) return true;
        foreach (var stem in ArticleStems)
            if (word.StartsWith(stem, StringComparison.Ordinal)) return true;
        return false;
    }

    private static readonly SearchValues<char> Separators = SearchValues.Create(" -_\t\n\r:./");
    private static readonly SearchValues<char> Whitespace = SearchValues.Create(" \t\n\r\f");
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FurnitureWordLookup = FurnitureWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> LedeWordLookup = LedeWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly SearchValues<string> FurnitureStemSearch = SearchValues.Create(FurnitureStems, StringComparison.Ordinal);
    private static readonly SearchValues<string> LongArticleStemSearch = SearchValues.Create([.. ArticleStems.Where(s => s.Length > 3)], StringComparison.Ordinal);

    private static bool IsHiddenStyle(string style)
    {
        // The style without spaces, lower-cased, in a buffer: this runs for every element with a style.
        Span<char> compact = style.Length <= 512 ? stackalloc char[style.Length] : new char[style.Length];
        var length = 0;
        // Char by char is string.ToLowerInvariant for every character that can lower-case to ASCII.
        foreach (var c in style)
            if (c != ' ') compact[length++] = char.ToLowerInvariant(c);
        compact = compact[..length];
        return compact.Contains("display:none", StringComparison.Ordinal) || compact.Contains("visibility:hidden", StringComparison.Ordinal);
    }
}

/// <summary>What an element's tag, attributes and class words say of it as page furniture.</summary>
internal enum Furniture
{
    No,
    Yes,
    /// <summary>The class names furniture and the article alike: furniture unless it holds much of the page's prose.</summary>
    Mixed,
}
