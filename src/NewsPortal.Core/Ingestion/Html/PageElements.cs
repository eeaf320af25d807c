using System.Buffers;
using AngleSharp.Dom;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Every element list the metadata reader looks at, collected in ONE walk over the page, in document
/// order. Each list stands for a selector query (named on it) and holds exactly what that query
/// returns: a query is a walk over the whole page, and the reader used to make nine of them
/// (PageElementsTests compares each list with its query on real pages).
/// </summary>
internal sealed class PageElements
{
    // A page's elements mostly carry none of these; a class attribute that holds none of them is
    // settled with one vectorised search instead of seven case-insensitive ones.
    private static readonly SearchValues<string> ClassWords =
        SearchValues.Create(["author", "auteur", "autor", "byline", "headline", "heading", "title"], StringComparison.OrdinalIgnoreCase);

    private readonly IElement? _head;

    private PageElements(IDocument document) => _head = document.Head;

    /// <summary><c>link[rel~='canonical' i]</c>, the first.</summary>
    public IElement? Canonical { get; private set; }

    /// <summary><c>title</c>.</summary>
    public List<IElement> Titles { get; } = [];

    /// <summary><c>h1</c>.</summary>
    public List<IElement> Headings { get; } = [];

    /// <summary>
    /// h2 and h3 elements the markup calls the headline (hAtom <c>entry-title</c>, <c>itemprop="headline"</c>):
    /// blog themes that give the h1 to the site's name set the post's title in one.
    /// </summary>
    public List<IElement> LesserMarkedHeadings { get; } = [];

    /// <summary><c>time[datetime]</c>.</summary>
    public List<IElement> DatedTimes { get; } = [];

    /// <summary><c>script[type='application/ld+json' i]</c>.</summary>
    public List<IElement> JsonLdScripts { get; } = [];

    /// <summary><c>meta</c>.</summary>
    public List<IElement> Metas { get; } = [];

    /// <summary><c>[itemprop]:not(meta)</c>.</summary>
    public List<IElement> ItemProps { get; } = [];

    /// <summary>
    /// <c>[rel~='author' i], [itemprop~='author' i], [class~='author' i] (or a translation, HasAuthorWord), [class*='author-name' i],
    /// [class*='author__name' i], [class*='authorname' i]</c>: elements that hold only a name.
    /// </summary>
    public List<IElement> AuthorNames { get; } = [];

    /// <summary>
    /// <c>a[href]</c> whose address is a writer's archive page named after the link's text
    /// (<see cref="IsAuthorArchiveLink"/>): <c>&lt;a href="/autor/ursula-baatz-1270"&gt;Ursula Baatz&lt;/a&gt;</c>.
    /// </summary>
    public List<IElement> AuthorLinks { get; } = [];

    /// <summary><c>[class*='byline' i]</c>.</summary>
    public List<IElement> Bylines { get; } = [];

    /// <summary><c>[class*='headline' i], [class*='heading' i], [class*='title' i]</c>.</summary>
    public List<IElement> HeadlineClassed { get; } = [];

    /// <summary><c>document.Head?.QuerySelector("title") ?? document.QuerySelector("title")</c>.</summary>
    public IElement? Title =>
        (_head is null ? null : Titles.FirstOrDefault(t => _head.Contains(t))) ?? Titles.FirstOrDefault();

    /// <summary>
    /// <c>time[pubdate][datetime], article header time[datetime], header time[datetime]</c>, the first:
    /// the third alternative takes in the second, so a dated time marked pubdate or inside a header.
    /// </summary>
    public IElement? MarkedTime => DatedTimes.FirstOrDefault(t => t.HasAttribute("pubdate") || InsideHeader(t));

    public static PageElements Collect(IDocument document)
    {
        var elements = new PageElements(document);
        // Pre-order with an explicit stack: pages nest unclosed tags thousands deep, past what
        // recursion can safely go. Children are pushed last-first so they come off in document order.
        var stack = new Stack<IElement>();
        PushChildren(stack, document);
        while (stack.TryPop(out var element))
        {
            elements.Add(element);
            PushChildren(stack, element);
        }
        return elements;
    }

    private static void PushChildren(Stack<IElement> stack, INode parent)
    {
        var children = parent.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
            if (children[i] is IElement child) stack.Push(child);
    }

    private void Add(IElement element)
    {
        string? rel = null, itemprop = null, type = null, className = null, href = null;
        var hasDatetime = false;
        var attributes = element.Attributes;
        for (var i = 0; i < attributes.Length; i++)
        {
            var attribute = attributes[i]!;
            // The first of a name wins, as in GetAttribute (the parser keeps only the first anyway).
            switch (attribute.Name)
            {
                case "rel": rel ??= attribute.Value; break;
                case "itemprop": itemprop ??= attribute.Value; break;
                case "type": type ??= attribute.Value; break;
                case "class": className ??= attribute.Value; break;
                case "datetime": hasDatetime = true; break;
                case "href": href ??= attribute.Value; break;
            }
        }

        // The HTML parser lower-cases tag names, and no SVG or MathML name it camel-cases is one of these.
        switch (element.LocalName)
        {
            case "link" when Canonical is null && InList(rel, "canonical"): Canonical = element; break;
            case "title": Titles.Add(element); break;
            case "h1": Headings.Add(element); break;
            case "h2" or "h3" when InList(className, "entry-title") || InList(itemprop, "headline"): LesserMarkedHeadings.Add(element); break;
            case "time" when hasDatetime: DatedTimes.Add(element); break;
            case "script" when string.Equals(type, "application/ld+json", StringComparison.OrdinalIgnoreCase): JsonLdScripts.Add(element); break;
        }
        if (href is not null && element.LocalName == "a" && IsAuthorArchiveLink(href, element)) AuthorLinks.Add(element);
        if (element.LocalName == "meta") Metas.Add(element);
        else if (itemprop is not null) ItemProps.Add(element);

        var classWords = className is not null && className.AsSpan().ContainsAny(ClassWords);
        if (InList(rel, "author") || InList(itemprop, "author") ||
            classWords && (HasAuthorWord(className!) || Contains(className, "author-name") || Contains(className, "author__name") || Contains(className, "authorname")
                || HasAuthorPart(className!)))
            AuthorNames.Add(element);
        if (!classWords) return;
        if (Contains(className, "byline")) Bylines.Add(element);
        if (Contains(className, "headline") || Contains(className, "heading") || Contains(className, "title")) HeadlineClassed.Add(element);
    }

    // Parts of a class word that make an "author" element a box about the author (a bio, an avatar, a
    // follow button) or a comment's author rather than the article's byline.
    private static readonly HashSet<string> NotBylineParts = new(StringComparer.OrdinalIgnoreCase)
    {
        "bio", "avatar", "box", "img", "image", "photo", "pic", "description", "desc", "info", "about", "block",
        "widget", "social", "link", "links", "more", "card", "follow", "profile", "comment", "comments", "reply", "list",
        "views", "view", "count", "counts", "stats", "date", "time", "posts", "theme",
    };

    // "author" in the languages of the pages we read: French templates write class="auteurs", German and
    // Spanish ones class="autor".
    private static readonly HashSet<string> AuthorWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "author", "authors", "auteur", "auteurs", "autor", "autores", "autoren", "autorin", "autore", "autori",
    };

    /// <summary>A class word that is "author" in one of <see cref="AuthorWords"/>: <c>[class~='author' i]</c> and its translations.</summary>
    public static bool HasAuthorWord(string className)
    {
        foreach (var range in className.AsSpan().SplitAny(" \t\n\f\r"))
            if (AuthorWords.Contains(className[range])) return true;
        return false;
    }

    /// <summary>
    /// A class word made of parts one of which is "author(s)", as templates and CSS modules build them:
    /// <c>Tech-Author</c>, <c>tdb-author-name</c>, <c>story-meta__authors</c>, <c>ContentMetaInfo_author__3hPjj</c>,
    /// but not <c>author-bio</c> or <c>comment-author</c>.
    /// </summary>
    public static bool HasAuthorPart(string className)
    {
        foreach (var word in className.Split([' ', '\t', '\n', '\f', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = word.Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2) continue;
            if (parts.Any(AuthorWords.Contains)
                && !parts.Any(NotBylineParts.Contains))
                return true;
        }
        return false;
    }

    // The path words under which sites list a writer's articles, in the languages of the pages we read.
    private static readonly HashSet<string> ArchiveWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "author", "authors", "autor", "autoren", "autorin", "autores", "auteur", "auteurs", "autore", "autori",
        "staff", "people", "journalist", "journalists", "journalisten", "redaktion", "redakteur", "redacteur", "team",
        "contributor", "contributors", "writer", "writers", "columnist", "columnists", "profile", "profil", "perfil",
        "user", "users", "member", "members", "reporter", "reporters", "editor", "editors", "blogger", "bloggers", "expert", "experts",
        "mitarbeiter", "person", "personen", "periodista", "periodistas", "giornalista", "giornalisti", "colunista", "colunistas",
    };

    /// <summary>
    /// A link to a writer's archive page (<c>/autor/ursula-baatz-1270</c>, <c>/fr/staff/uriel-gadessaud/</c>)
    /// whose last path part spells the link's text: the text is then the writer's name as the site itself
    /// files it, not a label ("All articles") or a section that happens to sit under such a path.
    /// </summary>
    public static bool IsAuthorArchiveLink(string href, IElement link)
    {
        if (href.Length is < 8 or > 300) return false;
        var path = href.AsSpan();
        if (path.IndexOfAny('?', '#') is >= 0 and var end) path = path[..end];
        if (path.IndexOf("://") is >= 0 and var scheme) path = path[(scheme + 3)..];
        path = path.TrimEnd('/');
        var last = path.LastIndexOf('/');
        if (last <= 0) return false;
        var slug = path[(last + 1)..];
        var parent = path[..last];
        var word = parent[(parent.LastIndexOf('/') + 1)..];
        if (!ArchiveWords.Contains(word.ToString())) return false;
        var text = link.TextContent.Trim();
        if (text.Length is < 4 or > 60) return false;
        var name = Letters(text);
        return name.Length >= 4 && (Letters(slug) == name || Letters(slug) == Letters(Umlauts(text)));
    }

    private static string Umlauts(string text) =>
        text.Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Replace("Ä", "Ae").Replace("Ö", "Oe").Replace("Ü", "Ue");

    // The letters of a name or a slug, lower-case and without accents: "Künzel" and "kunzel" alike.
    private static string Letters(ReadOnlySpan<char> text)
    {
        var decomposed = text.ToString().Replace("ß", "ss").Normalize(System.Text.NormalizationForm.FormD);
        var letters = new System.Text.StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (char.IsLetter(c)) letters.Append(char.ToLowerInvariant(c));
        return letters.ToString();
    }

    private static bool Contains(string? value, string word) =>
        value is not null && value.Contains(word, StringComparison.OrdinalIgnoreCase);

    // [attr~='word' i]: one of the value's space-separated words (the HTML space characters) is the word.
    private static bool InList(string? value, string word)
    {
        if (value is null || value.Length < word.Length) return false;
        foreach (var range in value.AsSpan().SplitAny(" \t\n\f\r"))
            if (value.AsSpan(range).Equals(word, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool InsideHeader(IElement element)
    {
        for (var parent = element.ParentElement; parent is not null; parent = parent.ParentElement)
            if (parent.LocalName.Equals("header", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
