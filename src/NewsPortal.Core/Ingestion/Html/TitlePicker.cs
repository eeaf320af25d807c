using System.Text.RegularExpressions;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Picks the headline from the page's candidates: the <c>h1</c> when a title tag or og:title vouches
/// for it, else JSON-LD, og:title or the <c>&lt;title&gt;</c>, each without its site-name suffix.
/// </summary>
internal static partial class TitlePicker
{
    /// <param name="markedHeadline">The text of the one h1 the page's markup declares its headline
    /// (<c>itemprop="headline"</c>, hAtom <c>entry-title</c>), if any.</param>
    public static string? Pick(IEnumerable<string> headings, string? titleTag, string? ogTitle, string? jsonLdHeadline, string? siteName,
        string? markedHeadline = null)
    {
        var cleanTag = WithoutSiteName(titleTag, siteName);
        var cleanOg = WithoutSiteName(ogTitle, siteName);
        string?[] vouchers = [jsonLdHeadline, cleanOg, cleanTag, Clean(titleTag), Clean(ogTitle)];
        // The h1 the markup itself calls the headline is the one readers see; tags that disagree with it
        // carry an SEO or social headline written for search results and shares ("Brexit: Nervenkrieg geht
        // in nächste Runde" in og:title and JSON-LD over the h1 "Der Nervenkrieg um den Brexit geht in die
        // nächste Runde"). But a marked h1 that holds a tag's headline is that headline with a kicker or
        // section in front ("Energiewende Oberland: Klimavorreiter Oberland?"), and the tag has it without.
        if (Clean(markedHeadline) is { Length: >= 2 } marked && !IsSimilar(marked, siteName)
            && !vouchers.Any(v => v is not null && Compact(marked).Contains(Compact(v), StringComparison.OrdinalIgnoreCase)))
            return marked;
        var candidates = headings.Select(Clean).OfType<string>()
            .Where(h => h.Length >= 2 && !IsSimilar(h, siteName)).Distinct().ToList();
        foreach (var h in candidates)
            if (vouchers.Any(v => v is not null && Same(v, h))) return h;
        // An h1 that goes on where a tag's headline stops: the tag was shortened to fit search results
        // ("Ultium Cells erhöht Gigafactory-Kapazität" for the h1 "… Gigafactory-Kapazität in Tennessee").
        // Words must follow, not a separator: "Headline | Site" in an h1 is the tag's headline decorated. And
        // only a few: a sentence after it is a subtitle set in the h1, and CJK text, which puts no spaces
        // between words, has one there only before a subtitle.
        foreach (var h in candidates)
            if (((string?[])[jsonLdHeadline, cleanOg, cleanTag]).Any(v => v is { Length: >= 12 } && h.Length > v.Length
                && h.StartsWith(v, StringComparison.Ordinal) && ContinuedByWords().IsMatch(h[v.Length..])))
                return h;
        // An h1 that is a whole part of a title, the rest set off by a separator: a kicker before it
        // ("Siemens und die Kohlemine Adani: Kaeser verarscht Neubauer") or a site after it ("»frag.jetzt« – ARSnova",
        // "… (neues deutschland)").
        foreach (var h in candidates)
            if (((string?[])[jsonLdHeadline, Clean(ogTitle), Clean(titleTag)]).Any(v => v is not null && IsWholePart(h, v))) return h;
        foreach (var h in candidates)
        {
            // An h1 that is most of the title tag is the headline the tag decorates with section and site.
            // Only the titles without their site name vouch here: a site's own logo h1 ("痞客邦 PIXNET") is
            // part of every raw title of the site.
            var main = cleanTag ?? cleanOg;
            if (main is not null && h.Length * 10 >= main.Length * 6 &&
                ((string?[])[jsonLdHeadline, cleanOg, cleanTag]).Any(v => v is not null && Compact(v).Contains(Compact(h), StringComparison.OrdinalIgnoreCase)))
                return h;
        }
        var picked = Clean(jsonLdHeadline) ?? cleanOg ?? cleanTag ?? candidates.FirstOrDefault();
        // What is left of a title that only named the site ("北医新闻网_(新闻)") names no article.
        return picked is not null && (IsSimilar(picked, siteName) && Math.Abs(Compact(picked).Length - Compact(siteName!).Length) <= 2 || SiteNameOnly().IsMatch(picked))
            ? null : picked;
    }

    /// <summary>The title without the parts that name the site or its section (<c>标题_频道_光明网</c>).</summary>
    /// <remarks>
    /// Parts go from the end while they name the site or are short next to what precedes them, and
    /// from the start only when they name the site: a headline may itself hold a separator
    /// ("Biden - Xi meeting: what to expect - BBC News").
    /// </remarks>
    public static string? WithoutSiteName(string? title, string? siteName)
    {
        var clean = Clean(title);
        if (clean is null) return null;
        // A site name may itself hold a separator ("新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::"):
        // where it follows a separator it goes as a whole, with everything after it.
        if (Clean(siteName) is { } site && clean.IndexOf(site, StringComparison.OrdinalIgnoreCase) is > 0 and var at &&
            SeparatorAtEnd().Match(clean[..at]) is { Success: true } separator && clean[..separator.Index].Trim().Length >= 2)
            clean = clean[..separator.Index].Trim();
        // Split with a capture group keeps the separators at odd indices, so inner ones survive.
        var pieces = Separator().Split(clean).ToList();
        // WordPress's default theme titles every post "Site » Blog Archive » Post" (localised "Blog Archiv"):
        // what comes before the post's part names the site wherever no site name is given to compare.
        var archive = pieces.FindLastIndex(p => BlogArchive().IsMatch(p.Trim()));
        if (archive >= 0 && archive % 2 == 0 && archive + 2 < pieces.Count) pieces.RemoveRange(0, archive + 2);
        while (pieces.Count >= 3)
        {
            var last = pieces[^1].Trim();
            var rest = string.Concat(pieces.Take(pieces.Count - 2)).Trim();
            if (rest.Length == 0 || !(last.Length == 0 || IsSimilar(last, siteName) || (last.Length <= 20 && last.Length * 2 <= rest.Length))) break;
            pieces.RemoveRange(pieces.Count - 2, 2);
        }
        while (pieces.Count >= 3 && (pieces[0].Trim().Length == 0 || IsSimilar(pieces[0], siteName)))
            pieces.RemoveRange(0, 2);
        var result = string.Concat(pieces).Trim();
        return result.Length > 0 ? result : clean;
    }

    /// <summary>
    /// A feed item's title without the outlet's name that its feed appends to every item
    /// ("不满贝鲁特大爆炸 抗议群众占据黎巴嫩外交部 – 法国国际广播电台 - RFI", "… | BBC News"): readers see
    /// the outlet beside the headline already. Only parts that name the outlet go: the table's or the
    /// feed's name, or the label of its host (<c>rfi</c>, <c>bbc</c>). A feed has no page to vouch for a
    /// shorter headline, so no other part is taken for a site's ("… - 要闻解说" is the outlet's column).
    /// </summary>
    public static string? WithoutOutletName(string? title, params string?[] names)
    {
        var clean = Clean(title);
        if (clean is null) return null;
        var sites = names.Select(Clean).OfType<string>().Where(n => n.Length >= 2).Distinct().ToList();
        // The name after a separator goes with a short tail set off by a separator of its own ("法国国际广播电台 - RFI").
        foreach (var site in sites)
            if (clean.LastIndexOf(site, StringComparison.OrdinalIgnoreCase) is > 0 and var at
                && clean[(at + site.Length)..] is var tail && tail.Length <= 24 && (tail.Trim().Length == 0 || Separator().Match(tail) is { Success: true, Index: 0 })
                && SeparatorAtEnd().Match(clean[..at]) is { Success: true } separator && clean[..separator.Index].Trim().Length >= 2)
                clean = clean[..separator.Index].Trim();
        var pieces = Separator().Split(clean).ToList();
        while (pieces.Count >= 3 && string.Concat(pieces.Take(pieces.Count - 2)).Trim().Length >= 2
               && sites.Any(site => pieces[^1].Trim().Length >= 2 && IsSimilar(pieces[^1], site)))
            pieces.RemoveRange(pieces.Count - 2, 2);
        return string.Concat(pieces).Trim();
    }

    /// <summary>The label that names a site in its host: <c>rfi</c> for www.rfi.fr, <c>bbc</c> for www.bbc.co.uk.</summary>
    public static string? HostLabel(string? host)
    {
        if (string.IsNullOrEmpty(host)) return null;
        var domain = RegistrableDomain.Of(host);
        var dot = domain.IndexOf('.');
        return dot > 0 ? domain[..dot] : null;
    }

    public static bool IsSimilar(string? part, string? siteName)
    {
        if (string.IsNullOrWhiteSpace(part) || string.IsNullOrWhiteSpace(siteName)) return false;
        var (a, b) = (Compact(part), Compact(siteName));
        if (a.Length == 0 || b.Length == 0) return false;
        return a.Equals(b, StringComparison.OrdinalIgnoreCase)
            || (a.Length <= b.Length + 6 && a.Contains(b, StringComparison.OrdinalIgnoreCase))
            || (a.Length >= 2 && b.Contains(a, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsWholePart(string part, string title)
    {
        if (part.Length < 8 || part.Length >= title.Length) return false;
        if (title.StartsWith(part, StringComparison.Ordinal)) return PartBoundary().IsMatch(title[part.Length..]);
        if (title.EndsWith(part, StringComparison.Ordinal)) return KickerBoundary().IsMatch(title[..^part.Length]);
        return false;
    }

    private static bool Same(string a, string b) => Compact(a).Equals(Compact(b), StringComparison.OrdinalIgnoreCase);

    private static string Compact(string s) => NotWord().Replace(s, "");

    private static string? Clean(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        var clean = TextNormalizer.CollapseWhitespace(s);
        return clean.Length == 0 || Placeholders.Contains(clean) ? null : clean;
    }

    // Titles that templates and editors leave in place of one: they name no article.
    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "显示", "正文", "内容", "详细", "详细内容", "详情", "查看", "文章", "新闻", "首页", "无标题", "无标题文档", "未命名", "新建网页",
        "untitled", "untitled document", "document", "home", "index", "default", "new page", "page", "article", "news",
    };

    // " - ", "|", "_", "–", "—", "--", " @ " (blog platforms: "post @ blog name"), and a bare "-" unless it
    // joins two Latin letters or digits (SK-II, COVID-19).
    [GeneratedRegex(@"(\s+-\s+|\s+@\s+|\s+[·•»›/~]\s+|\s*(?:[|_–—｜]|--|::)\s*|(?<![A-Za-z0-9])-|-(?![A-Za-z0-9]))")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^Blog[- ]?Archiv(?:e)?$", RegexOptions.IgnoreCase)]
    private static partial Regex BlogArchive();

    [GeneratedRegex(@"(?:\s+-\s*|\s+@\s*|\s+[»›/~]\s*|\s*(?:[|_–—｜]|--|::)\s*)$")]
    private static partial Regex SeparatorAtEnd();

    [GeneratedRegex(@"^(?:\s+[^\s\p{IsCJKUnifiedIdeographs}\p{P}][^\s\p{IsCJKUnifiedIdeographs}]*){1,4}$")]
    private static partial Regex ContinuedByWords();

    [GeneratedRegex(@"[\s\p{P}\p{S}]+")]
    private static partial Regex NotWord();

    // A short Chinese name ending the way sites name themselves (新闻网, 在线, 频道, 首页), perhaps with its
    // section after a separator ("北医新闻网_(新闻)").
    [GeneratedRegex(@"^[\u4e00-\u9fffA-Za-z0-9]{1,8}(?:新闻网|网站|网|在线|频道|首页|主页)(?:\s*[_|\-–—]\s*[(（]?[\u4e00-\u9fff]{1,6}[)）]?)?$")]
    private static partial Regex SiteNameOnly();

    // What follows a headline in a title: a separator and more ("– ARSnova", " | Site"), or a bracketed site.
    // Not a colon: "Blog name: Post title" is how blog platforms title a post, and the h1 there is the blog.
    [GeneratedRegex(@"^(?:\s*(?:[|_–—｜·•]|\s-\s|\s[»›/~]\s|--|::)\s*\S|\s+[(（][^()（）]{2,40}[)）]$)")]
    private static partial Regex PartBoundary();

    // What precedes a headline in a title: a kicker ending in a colon or a dash.
    [GeneratedRegex(@"\S\s*(?::|\s[-–—]|[|｜])\s*$")]
    private static partial Regex KickerBoundary();
}
