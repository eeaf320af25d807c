using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Reads a scraped page's metadata: JSON-LD first, then OpenGraph and other meta tags, then what the
/// text near the headline shows (Chinese pages rarely carry tags). Pure: no network, no database.
/// </summary>
public sealed partial class HtmlMetadataReader
{
    private static readonly string[] PublishedKeys =
    [
        "article:published_time", "og:article:published_time", "og:published_time", "datePublished", "itemprop:datePublished",
        "publishdate", "pubdate", "publish_date", "publishtime", "publish-date", "article.published", "parsely-pub-date",
        "sailthru.date", "dc.date.issued", "dc.date", "dcterms.created", "date",
        // Chinese CMSs and platforms: og:release_date (Sohu), bytedance (Toutiao), firstpublishedtime.
        "og:release_date", "bytedance:published_time", "firstpublishedtime", "release_date", "pub_date",
    ];

    private static readonly string[] ModifiedKeys =
        ["article:modified_time", "og:updated_time", "dateModified", "itemprop:dateModified", "lastmod", "last-modified"];

    /// <param name="fallbackTitle">The headline to anchor on when the page names none (the body's first line).</param>
    public PageMetadata Read(IDocument document, Uri? pageUrl, string? fallbackTitle = null)
    {
        var elements = PageElements.Collect(document);
        var meta = new MetaTags(elements);
        var jsonLd = JsonLdArticle.Find(elements.JsonLdScripts);
        var lines = PageTextLines.Read(document);
        var canonical = Absolute(elements.Canonical?.GetAttribute("href"), pageUrl)
            ?? Absolute(meta.Get("og:url"), pageUrl) ?? Absolute(jsonLd?.Url, pageUrl);
        var baseUrl = pageUrl ?? (canonical is null ? null : new Uri(canonical));
        var siteName = meta.Get("og:site_name") ?? jsonLd?.Publisher;
        var language = Language(document, meta, lines);
        var chinese = language?.StartsWith("zh", StringComparison.Ordinal) == true || IsChineseHost(baseUrl);

        var logo = SiteLogo(elements, baseUrl);
        var titleTag = WithoutGluedSiteName(elements.Title?.TextContent, logo);
        var headings = elements.Headings.Select(HeadingText).Where(h => logo is null || Clean(h) != logo).ToList();
        var title = TitlePicker.Pick(headings, titleTag, WithoutGluedSiteName(meta.Get("og:title", "twitter:title", "ArticleTitle"), logo), jsonLd?.Headline, siteName,
                MarkedHeadline(elements, baseUrl, titleTag))
            ?? HeadlineByClass(elements) ?? fallbackTitle;
        (title, var shownKicker) = WithoutShownKicker(document, title);

        var yearHint = YearHint(baseUrl) ?? YearHint(canonical is null ? null : new Uri(canonical));
        var visible = VisibleMetaScanner.Scan(lines, title, chinese, yearHint);
        var ldPublished = jsonLd is { Cambrian: false } ? jsonLd.DatePublished : null;
        var metaPublished = meta.Find(PublishedKeys);
        var published = FirstTime(chinese,
            (ldPublished, PublishedSources.JsonLd),
            (metaPublished?.Value, metaPublished is { } m ? PublishedSources.Meta(m.Key) : ""),
            (elements.MarkedTime?.GetAttribute("datetime"), PublishedSources.TimeElement));
        // A date and time shown under the headline that falls on another day than the tags wins too: the tag
        // then holds another day of the article's life (the print issue's, <meta name="date" content=
        // "2020-04-30"> over "29.04.2020, 12:01 Uhr"; the first draft's) or a clock the page does not show
        // (UTC), and what the page gives its readers is the shown time. A shown day without a time is too
        // weak for that: it is as often a teaser's or the print edition's.
        if (visible.Published is { } shown && (published.Value is null || MorePrecise(shown, published.Value.Value)
            || (shown.TimeOfDay != TimeSpan.Zero && shown.Date != published.Value.Value.Date)))
            published = (shown, !visible.PublishedZoneStated, PublishedSources.BylineText);
        if (published.Value is null)
            published = FirstTime(chinese,
                (elements.DatedTimes.FirstOrDefault()?.GetAttribute("datetime"), PublishedSources.TimeElement),
                (jsonLd?.DatePublished, PublishedSources.JsonLd));
        if (published.Value is null && DataDate(document, chinese) is { } dataDate)
            published = (dataDate, true, PublishedSources.DataDate);
        if (published.Value is null && ClassedDate(document, chinese, yearHint) is { } classedDate)
            published = (classedDate, true, PublishedSources.DateElement);
        if (published.Value is null && UrlDate(baseUrl, chinese) is { } urlDate)
            published = (urlDate, true, PublishedSources.Url);
        var updated = Updated(chinese, published.Value, jsonLd?.DateModified, meta.Get(ModifiedKeys)) ?? visible.Updated;
        // Outside China a time without a zone was read as UTC, and a stated UTC instant is written in
        // UTC; on a host of a country with one civil time, both are that country's (CountryTime).
        if (!chinese && published.Value is { Offset.Ticks: 0 } utc && CountryTime.ZoneOf(baseUrl?.Host) is { } zone)
            published = published.Inferred ? (CountryTime.AtWallClock(utc, zone), true, published.Source) : (TimeZoneInfo.ConvertTime(utc, zone), false, published.Source);

        return new PageMetadata
        {
            Title = title,
            Kicker = Kicker(elements, title) ?? shownKicker ?? Distinct(jsonLd?.AlternativeHeadline, title),
            PublishedAt = published.Value,
            PublishedZoneInferred = published.Value is not null && published.Inferred,
            PublishedSource = published.Value is null ? null : published.Source,
            UpdatedAt = updated,
            Authors = Authors(document, elements, meta, jsonLd, visible, siteName, chinese, baseUrl),
            Editor = visible.Editor,
            SiteName = siteName,
            CanonicalUrl = canonical,
            // ContentSource is the TRS CMS field most Chinese government sites fill with the originating outlet.
            OriginalOutlet = visible.Outlet ?? Clean(meta.Get("ContentSource")),
            Language = language,
            LeadImage = Absolute(meta.Get("og:image", "og:image:url", "twitter:image", "twitter:image:src") ?? jsonLd?.Image, baseUrl),
            Description = Clean(meta.Get("og:description", "description", "twitter:description") ?? jsonLd?.Description),
            ViewCount = visible.Views,
        };
    }

    private static (DateTimeOffset? Value, bool Inferred, string Source) FirstTime(bool chinese, params (string? Value, string Source)[] values)
    {
        foreach (var (value, source) in values)
            if (PageTime.TryParse(value, chinese, out var time, out var inferred)) return (time, inferred, source);
        return (null, false, "");
    }

    // A tag with the date only (<meta name="publishdate" content="2017-03-10">) and the meta line showing
    // that day with its time ("2017-03-10 09:58"): the shown time says more.
    private static bool MorePrecise(DateTimeOffset shown, DateTimeOffset tagged) =>
        tagged.TimeOfDay == TimeSpan.Zero && shown.TimeOfDay != TimeSpan.Zero && shown.ToOffset(tagged.Offset).Date == tagged.Date;

    // Some article headers leave the date to a script that renders it from an attribute
    // (<div data-date="18. März 2020" class="timeline__arrow"> in an "article-header"): read last, and only
    // in the article's header, as calendars and archive widgets elsewhere carry data-date too.
    private static DateTimeOffset? DataDate(IDocument document, bool chinese)
    {
        foreach (var element in document.QuerySelectorAll("[data-date]"))
        {
            if (!InArticleHeader(element)) continue;
            var value = element.GetAttribute("data-date");
            if (PageTime.TryParse(value, chinese, out var time, out _) || (value is not null && PageTime.TryFind(value, chinese, null, out time, out _)))
                return time;
        }
        return null;
    }

    // The last resort before the URL: old CMS and blog templates print the post's date in an element
    // named for it (<span class="itemPostDate">am 25.08.2015 22:30</span>, <span class="entry-date">)
    // and nothing else dates the page. Only the first such element, only a short text with a year in
    // it: lists of other posts and comments further down carry dates of their own.
    private static DateTimeOffset? ClassedDate(IDocument document, bool chinese, int? yearHint)
    {
        foreach (var element in document.QuerySelectorAll("[class]"))
        {
            if (!DateClass().IsMatch(element.ClassName ?? "")) continue;
            var text = Clean(element.TextContent);
            if (text is not { Length: >= 6 and <= 60 } || !YearIn().IsMatch(text)) return null;
            return PageTime.TryFind(text, chinese, yearHint, out var time, out _) ? time : null;
        }
        return null;
    }

    [GeneratedRegex(@"(?:^|[\s_-])(?:(?:item|entry|post|article|news|story)[-_]?(?:post)?[-_]?date|date[-_]?(?:published|posted)|published[-_]?date|postdate|entry-date|posted-on)(?:$|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex DateClass();

    [GeneratedRegex(@"(?:19|20)\d{2}")]
    private static partial Regex YearIn();

    private static bool InArticleHeader(IElement element) =>
        SelfAndAncestors(element).Any(e => e.LocalName == "header" || ArticleHeaderClass().IsMatch(e.ClassName ?? ""));

    private static IEnumerable<IElement> SelfAndAncestors(IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement) yield return e;
    }

    [GeneratedRegex(@"(?:article|post|entry|story)[-_]*(?:header|meta|info)", RegexOptions.IgnoreCase)]
    private static partial Regex ArticleHeaderClass();

    // CMSs fill JSON-LD dateModified with the publication time when nothing changed, while the
    // article:modified_time beside it records the real edit: a value that differs wins.
    private static DateTimeOffset? Updated(bool chinese, DateTimeOffset? published, params string?[] values)
    {
        DateTimeOffset? first = null;
        foreach (var value in values)
        {
            if (!PageTime.TryParse(value, chinese, out var time, out _)) continue;
            if (time != published) return time;
            first ??= time;
        }
        return first;
    }

    private static IReadOnlyList<string> Authors(IDocument document, PageElements elements, MetaTags meta, JsonLdArticle? jsonLd, VisibleMeta visible,
        string? siteName, bool chinese, Uri? pageUrl)
    {
        var found = AuthorsFromWitnesses(elements, meta, jsonLd, visible, siteName, chinese, pageUrl, out var siteNamed);
        if (found.Count > 0) return found;
        // A handle the page's Twitter card names as the writer (twitter:creator) and the page shows as a
        // name of its own ("by <a href="/profile/142450">delta201</a>"): the site's own account is rarely shown so.
        if (ShownCreator(meta.Get("twitter:creator"), document) is { } creator && !IsSiteName(creator, siteName)) return [creator];
        // A wire story's dateline credit ("Hamburg (dpa/lno) – …") when nothing else names a writer.
        if (visible.Credit.Count > 0) return visible.Credit;
        // A personal site is named after its owner: the tags' author equal to the site's name is then the
        // author, when it reads as a person's name and nothing else names anyone.
        if (siteNamed.FirstOrDefault(AuthorNames.ReadsAsPerson) is { } owner) return [owner];
        return [];
    }

    private static string? ShownCreator(string? creator, IDocument document)
    {
        var handle = creator?.Trim().TrimStart('@');
        if (handle is null || document.Body is null || !(AuthorNames.IsHandle(handle) || AuthorNames.IsPlausibleName(handle))) return null;
        foreach (var node in document.Body.GetDescendants())
        {
            if (node is not IText text || text.ParentElement?.LocalName is "script" or "style") continue;
            if (text.Data.AsSpan().Trim().TrimStart('@').Equals(handle, StringComparison.OrdinalIgnoreCase)) return handle;
        }
        return null;
    }

    private static IReadOnlyList<string> AuthorsFromWitnesses(PageElements elements, MetaTags meta, JsonLdArticle? jsonLd, VisibleMeta visible,
        string? siteName, bool chinese, Uri? pageUrl, out List<string> siteNamed)
    {
        var droppedAsSite = new List<string>();
        siteNamed = droppedAsSite;
        // The outlet's own name is no author either when the page does not state it: "Die Tagespost" on
        // die-tagespost.de, "ORF.at" on orf.at. Only names that read as a publication's (an article word
        // before it, a domain in it): a personal site is named after its author ("Wolfgang Schmale" on
        // wolfgangschmale.eu), who is then rightly the author.
        var hostLabel = pageUrl is null ? null : NotLetter().Replace(RegistrableDomain.Of(pageUrl.Host).Split('.')[0], "").ToLowerInvariant();
        bool IsOutlet(string name)
        {
            if (hostLabel is not { Length: >= 3 } || !PublicationName().IsMatch(name)) return false;
            var compact = NotLetter().Replace(PublicationArticle().Replace(name, ""), "").ToLowerInvariant();
            return compact.StartsWith(hostLabel, StringComparison.Ordinal) || hostLabel.EndsWith(compact, StringComparison.Ordinal) && compact.Length >= 4;
        }
        // The site's own name is a publisher, not an author, wherever a page puts it. Nor is the name the
        // page labels 责任编辑: CMSs copy the editor into <meta name="author"> (gmw.cn: "作者：责任编辑：肖春芳").
        // Nor is the publisher the page's scholarly tags name (citation_publisher, dc.publisher), which
        // some templates copy into <meta name="author"> ("中文学术期刊,汉斯出版社,Hans Publishers").
        var publishers = AuthorNames.Parse(meta.Get("citation_publisher", "dc.publisher")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<string> People(IEnumerable<string> names)
        {
            var all = names.ToList();
            var site = all.Where(n => IsSiteName(n, siteName)).ToList();
            droppedAsSite.AddRange(site);
            // "IT Finanzmagazin /PP": beside the site's name, initials are its desk's code, not a writer.
            return all.Where(n => !site.Contains(n) && !(site.Count > 0 && Initials().IsMatch(n))
                && !IsOutlet(n) && n != visible.Editor && !publishers.Contains(n)).Distinct().ToList();
        }
        IReadOnlyList<string> FromMeta(params string[] keys)
        {
            var value = meta.Get(keys);
            if (value is null || value.Contains("://", StringComparison.Ordinal)) return [];
            // "unocero - Alberto Ávila": the site's name joined to the person's; the person is what is left.
            var parts = value.Split([" - ", " – ", " | "], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts.Count(p => IsSiteName(p, siteName)) == 1) value = parts.First(p => !IsSiteName(p, siteName));
            return People(BylineReader.FromField(value));
        }

        // A CMS that fills its tags with the writer's first name or display name ("Todd") while the byline
        // shows the full name ("By | Todd Bates"): the shown name is the same person, written out.
        IReadOnlyList<string> Written(IReadOnlyList<string> names) =>
            names is [var only] && !only.Contains(' ') && visible.Authors.FirstOrDefault(n => n.StartsWith(only + " ", StringComparison.Ordinal)) is { } full
                ? [full] : names;
        if (jsonLd is not null && People(jsonLd.Authors.SelectMany(a => BylineReader.FromField(a))) is { Count: > 0 } fromJsonLd) return Written(fromJsonLd);
        if (FromMeta("article:author") is { Count: > 0 } articleAuthor) return Written(articleAuthor);
        if (meta.Labelled(BylineReader.IsWrittenByLabel) is { } written && People(BylineReader.FromField(written)) is { Count: > 0 } labelled) return labelled;
        // Chinese CMS templates fill <meta name="author"> with the site or the CMS vendor (大汉网络);
        // the byline in the text is the better witness there.
        // A byline the page shows is kept even when it is the site's name: a personal site is named after
        // its author ("Von: Wolfgang Schmale" on the site "Wolfgang Schmale").
        var shown = visible.Authors.Where(n => !IsOutlet(n)).ToList();
        if (chinese && shown.Count > 0) return shown;
        // Scholarly publishers tag each author of the paper in its own Highwire citation_author tag (what
        // Google Scholar reads); the reference list's citations may carry <meta itemprop="author"> of their own.
        // Some write them all in one citation_authors tag.
        var citationAuthors = elements.Metas.Where(m => m.GetAttribute("name") is { } name
                && (name.Equals("citation_author", StringComparison.OrdinalIgnoreCase) || name.Equals("citation_authors", StringComparison.OrdinalIgnoreCase)))
            .SelectMany(m => BylineReader.FromField(m.GetAttribute("content")));
        if (People(citationAuthors) is { Count: > 0 } cited) return cited;
        if (FromMeta("author", "dc.creator", "byl", "sailthru.author", "itemprop:author") is { Count: > 0 } metaAuthor) return Written(metaAuthor);
        if (shown.Count > 0) return shown;
        // Elements that hold only the name first; a byline box also holds the outlet and the date
        // ("Elliot Brownstein / Florida Today / Published 2:16 AM EST Nov 20, 2019").
        foreach (var candidates in (List<IElement>[])[elements.AuthorNames, elements.Bylines])
        {
            foreach (var element in candidates.Where(e => !InTeaser(e)).Take(5))
            {
                var text = Clean(BylineText(element));
                if (text is { Length: <= 80 } && People(BylineReader.FromField(text, VouchesForHandle(element))) is { Count: > 0 } names) return names;
            }
        }
        return ArchiveLinkAuthors(elements, People);
    }

    [GeneratedRegex(@"\s+[-–|]\s+")]
    private static partial Regex SiteNameParts();

    [GeneratedRegex(@"[\s.-]+")]
    private static partial Regex SiteWords();

    // Teasers of other articles carry their writers' names in author elements of their own
    // (<span class="slider-teaser-opinion__author">), often before the article's byline in the page. Some
    // templates reuse the teaser's byline classes in the article's own header (<header class="entry-header">
    // … <ul class="teaser__author--list">), which is the article's.
    private static bool InTeaser(IElement element) =>
        !InArticleHeader(element) && SelfAndAncestors(element).Any(e => e.ClassName is { } c && c.Contains("teaser", StringComparison.OrdinalIgnoreCase));

    // Sites that mark no byline still link the writer's name to the writer's archive page
    // (<a href="/fr/staff/uriel-gadessaud/">Uriel Gadessaud</a>). The first such link after the headline is
    // the article's; teasers further down link their own writers. Co-writers' links sit beside it.
    private static IReadOnlyList<string> ArchiveLinkAuthors(PageElements elements, Func<IEnumerable<string>, IReadOnlyList<string>> people)
    {
        if (elements.AuthorLinks.Count == 0) return [];
        var headline = elements.Headings.FirstOrDefault();
        var first = headline is null ? elements.AuthorLinks[0]
            : elements.AuthorLinks.FirstOrDefault(a => headline.CompareDocumentPosition(a).HasFlag(DocumentPositions.Following));
        if (first is null) return [];
        var box = first.ParentElement?.ParentElement ?? first.ParentElement;
        var links = elements.AuthorLinks.Where(a => a == first || box is not null && box.Contains(a));
        return people(links.SelectMany(a => BylineReader.FromField(Clean(a.TextContent))));
    }

    // The text of a byline element with its line breaks kept as "|", where a field's names end:
    // "by Jeff Foust<br><span>Monday, November 18, 2019</span>" is "by Jeff Foust | Monday, …".
    private static string BylineText(IElement element)
    {
        var text = new StringBuilder();
        void Walk(INode node, int depth)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText t) text.Append(t.Data);
                else if (child is IElement e && depth < 20)
                {
                    var breaks = e.LocalName is "br" or "div" or "p" or "li" or "ul" or "h1" or "h2" or "h3" or "h4" or "time" or "table" or "tr";
                    if (breaks) text.Append(" | ");
                    Walk(e, depth + 1);
                    if (breaks) text.Append(" | ");
                }
            }
        }
        Walk(element, 0);
        return text.ToString().Trim(' ', '|');
    }

    // A link to the writer's page (rel=author), schema.org's author property or an hCard (class="vcard", as
    // WordPress themes mark the byline) says the text is a name, so a blog's user name counts ("von gizzmo").
    private static bool VouchesForHandle(IElement element) =>
        element.GetAttribute("rel") is { } rel && rel.Split(' ').Contains("author", StringComparer.OrdinalIgnoreCase)
        || element.GetAttribute("itemprop") is { } itemprop && itemprop.Split(' ').Contains("author", StringComparer.OrdinalIgnoreCase)
        || element.ClassList.Contains("vcard");

    [GeneratedRegex(@"^\p{Lu}{1,3}$")]
    private static partial Regex Initials();

    // "Troy L. Smith, Cleveland.com" on a site named "cleveland": the site, with or without its domain.
    private static bool IsSiteName(string name, string? siteName)
    {
        if (string.IsNullOrWhiteSpace(siteName)) return false;
        // "JF" on the site "JUNGE FREIHEIT": the site's initials.
        if (name.Length is 2 or 3 && name.All(char.IsUpper) && SiteWords().Split(siteName).Where(w => w.Length > 0).ToArray() is { Length: >= 2 } words
            && words.Length == name.Length && string.Concat(words.Select(w => char.ToUpperInvariant(w[0]))) == name)
            return true;
        // A site named in two parts, its initials and its name ("LN - Lübecker Nachrichten"), is either part.
        if (SiteNameParts().Split(siteName) is { Length: 2 } parts && parts.Any(p => IsSiteName(name, p))) return true;
        var (n, s) = (NotLetter().Replace(name, "").ToLowerInvariant(), NotLetter().Replace(siteName, "").ToLowerInvariant());
        return s.Length > 0 && (n == s || (n.StartsWith(s, StringComparison.Ordinal) && n[s.Length..] is "com" or "net" or "org" or "cn" or "网"));
    }

    // German and Swiss news pages set the kicker (Dachzeile) inside the h1 in its own span, joined to the
    // headline by a hidden colon or dash: <h1><span class="…kicker">Klimaschutz</span><span>: </span>
    // <span class="…title">Bohren, bis es heiß wird</span></h1>. The headline is the h1 without them.
    private static string HeadingText(IElement heading)
    {
        if (heading.Children.Length < 2 || !heading.Children.Any(IsBesideHeadline)) return heading.TextContent;
        var text = new StringBuilder();
        foreach (var node in heading.ChildNodes)
        {
            if (node is IElement e && (IsBesideHeadline(e) || OnlyPunctuation().IsMatch(e.TextContent))) continue;
            text.Append(node.TextContent);
        }
        var rest = text.ToString().Trim();
        return OnlyPunctuation().IsMatch(rest) ? heading.TextContent : rest;
    }

    // Tags and h1s often join the kicker to the headline ("Covid-19: Lässt sich die Coronavirus-Ausbreitung …")
    // while the article shows it apart, in its own kicker element (<span class="content__kicker">Covid-19</span>).
    // Only a kicker the page sets apart so is cut: a colon alone may belong to the headline ("Brexit: …").
    private static (string? Title, string? Kicker) WithoutShownKicker(IDocument document, string? title)
    {
        if (title is null || KickerPrefix().Match(title) is not { Success: true } prefix) return (title, null);
        var kicker = prefix.Groups[1].Value;
        foreach (var element in document.QuerySelectorAll("[class]"))
            if (HeadingKickerClass().IsMatch(element.ClassName ?? "") && Clean(element.TextContent) is { } text
                && text.TrimEnd(':', ' ').Equals(kicker, StringComparison.OrdinalIgnoreCase))
                return (title[prefix.Length..], kicker);
        return (title, null);
    }

    [GeneratedRegex(@"^([^:|]{2,40}?)\s*[:|]\s+(?=\S.{7})")]
    private static partial Regex KickerPrefix();

    // A subtitle may sit in the h1 too, after the headline: <h1><span>Dezuka Suisan: Deep-Fried Fish Cakes,
    // Hot and Fresh</span> <small class='article-subtitle'>Welcome to …</small></h1>.
    private static bool IsBesideHeadline(IElement child) =>
        HeadingKickerClass().IsMatch(child.ClassName ?? "") || child.LocalName == "small";

    [GeneratedRegex(@"kicker|overline|topline|dachzeile|roofline|eyebrow|spitzmarke|supertitle|pretitle|titleheader|preheadline|subtitle|subhead", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingKickerClass();

    [GeneratedRegex(@"^[\s\p{P}\p{S}]*$")]
    private static partial Regex OnlyPunctuation();

    // Themes set the site's name in an h1 that links home (<h1 class="site-title"><a href="http://site/"
    // rel="home">…</a></h1>): the site's logo, never the headline.
    private static string? SiteLogo(PageElements elements, Uri? baseUrl)
    {
        foreach (var h1 in elements.Headings)
        {
            if (h1.QuerySelector("a[href]") is not { } link || Clean(link.TextContent) is not { } text || Clean(h1.TextContent) != text) continue;
            var href = link.GetAttribute("href")!.Trim();
            if (InWords(link.GetAttribute("rel"), "home") || href == "/"
                || (baseUrl is not null && Uri.TryCreate(baseUrl, href, out var target) && target.Host == baseUrl.Host && target.AbsolutePath == "/" && target.Query.Length == 0))
                return text;
        }
        return null;
    }

    // Some themes print the site's name straight after the headline, with no separator between them
    // ("Truckwash A31Das etwas andere Branchenbuch … | Das etwas andere Branchenbuch …"): the headline is
    // what comes before it. Only where the two are glued: after a space the name may belong to the headline.
    private static string? WithoutGluedSiteName(string? title, string? logo)
    {
        if (title is null || logo is not { Length: >= 4 }) return title;
        var at = title.IndexOf(logo, StringComparison.Ordinal);
        return at >= 2 && char.IsLetterOrDigit(title[at - 1]) ? title[..at] : title;
    }

    private static bool InWords(string? value, string word) =>
        value is not null && value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => w.Equals(word, StringComparison.OrdinalIgnoreCase));

    // schema.org microdata (itemprop="headline") and the hAtom microformat (class "entry-title", which
    // WordPress themes print on the post's title) name the headline element outright. Only when one h1
    // is so marked: archive pages mark every teaser.
    // An h1 that is a link to another site's page is a card of an aggregator's list (Digg marks each
    // with itemprop="headline"), not this page's headline.
    private static string? MarkedHeadline(PageElements elements, Uri? pageUrl, string? titleTag)
    {
        var marked = elements.Headings.Where(h => IsMarkedHeadline(h) || h.Descendants<IElement>().Any(IsMarkedHeadline)).Take(2).ToList();
        // No h1 is marked: a theme that sets the site's name in the h1 marks the post's title in an h2 or h3.
        // One only (a blog's list of posts marks each), and only the one the <title> opens with: an h2
        // marked so elsewhere may be a collection's or a teaser's.
        if (marked.Count == 0)
            marked = elements.LesserMarkedHeadings.Take(2).ToList() is [var lesser] && Clean(lesser.TextContent) is { Length: >= 2 } text
                && Clean(titleTag)?.StartsWith(text, StringComparison.OrdinalIgnoreCase) == true ? [lesser] : [];
        if (marked.Count != 1) return null;
        if (marked[0].QuerySelector("a[href]") is { } link && Clean(link.TextContent) == Clean(marked[0].TextContent)
            && (pageUrl is null || !Uri.TryCreate(pageUrl, link.GetAttribute("href"), out var target) || target.Host != pageUrl.Host))
            return null;
        return HeadingText(marked[0]);
    }

    private static bool IsMarkedHeadline(IElement element) =>
        string.Equals(element.GetAttribute("itemprop"), "headline", StringComparison.OrdinalIgnoreCase) || element.ClassList.Contains("entry-title");

    // Old CMS pages with neither <title> nor h1 still mark the headline's block by class.
    private static string? HeadlineByClass(PageElements elements) =>
        elements.HeadlineClassed
            .Where(e => e.LocalName is not ("a" or "body" or "html") && e.QuerySelector("p, li, table") is null)
            .Select(e => Clean(e.TextContent)).FirstOrDefault(t => t is { Length: >= 6 and <= 80 });

    // Only next to the headline: elsewhere "subtitle" classes belong to widgets and teasers.
    private static string? Kicker(PageElements elements, string? title)
    {
        var headline = elements.Headings.FirstOrDefault(h => title is not null && TitlePicker.IsSimilar(h.TextContent, title));
        if (headline is null) return null;
        var near = Siblings(headline).Concat(headline.ParentElement is { } parent ? Siblings(parent) : []);
        foreach (var element in near)
        {
            if (!KickerClass().IsMatch($"{element.ClassName} {element.Id}") || element.QuerySelector("p, div, li") is not null) continue;
            if (Distinct(element.TextContent, title) is { Length: >= 4 and <= 120 } kicker) return kicker;
        }
        return null;
    }

    private static IEnumerable<IElement> Siblings(IElement element)
    {
        for (var (e, n) = (element.PreviousElementSibling, 0); e is not null && n < 2; e = e.PreviousElementSibling, n++) yield return e;
        for (var (e, n) = (element.NextElementSibling, 0); e is not null && n < 2; e = e.NextElementSibling, n++) yield return e;
    }

    private static string? Language(IDocument document, MetaTags meta, IReadOnlyList<PageTextLine> lines)
    {
        var declared = document.DocumentElement.GetAttribute("lang") ?? document.DocumentElement.GetAttribute("xml:lang")
            ?? meta.Get("content-language", "og:locale", "language");
        var sample = new StringBuilder();
        foreach (var line in lines.Where(l => !l.LinkOnly))
        {
            if (sample.Length > 4000) break;
            sample.Append(line.Text).Append(' ');
        }
        var guessed = LanguageGuess.Guess(sample.ToString());
        if (string.IsNullOrWhiteSpace(declared)) return guessed;
        // Templates copied from English CMSs keep lang="en" on pages written in Chinese: the text wins.
        if (guessed?.StartsWith("zh", StringComparison.Ordinal) == true &&
            !declared.Trim().StartsWith("zh", StringComparison.OrdinalIgnoreCase) && !declared.Trim().StartsWith("ja", StringComparison.OrdinalIgnoreCase))
            return guessed;
        var tag = declared.Trim().Replace('_', '-').Split(',')[0];
        var parts = tag.Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return guessed;
        var primary = parts[0].ToLowerInvariant();
        if (primary == "zh")
        {
            var rest = string.Join('-', parts.Skip(1)).ToLowerInvariant();
            if (rest.Contains("hant") || rest is "tw" or "hk" or "mo") return "zh-Hant";
            if (rest.Contains("hans") || rest is "cn" or "sg" or "my") return "zh-Hans";
            return guessed is "zh-Hant" ? "zh-Hant" : "zh-Hans";
        }
        return parts.Length == 1 ? primary : $"{primary}-{(parts[1].Length == 2 ? parts[1].ToUpperInvariant() : parts[1])}";
    }

    private static bool IsChineseHost(Uri? url) =>
        url is not null && url.Host.EndsWith(".cn", StringComparison.OrdinalIgnoreCase);

    private static int? YearHint(Uri? url)
    {
        if (url is null) return null;
        var match = UrlYear().Match(url.AbsolutePath);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// The day a page's address files it under (<c>/2019/10/20/</c>, <c>/2019-10/20/c_1125.htm</c>,
    /// <c>/t20191020_123.html</c>), for a page that dates itself nowhere else: CMSs put the day of
    /// publication there, so it is the day readers were shown, without its time.
    /// </summary>
    private static DateTimeOffset? UrlDate(Uri? url, bool chinese)
    {
        if (url is null || UrlDay().Match(url.AbsolutePath) is not { Success: true } match) return null;
        var (year, month, day) = (Number(match.Groups["y"]), Number(match.Groups["m"]), Number(match.Groups["d"]));
        if (day > DateTime.DaysInMonth(year, month)) return null;
        return new DateTimeOffset(year, month, day, 0, 0, 0, PageTime.ZoneFor(chinese));

        static int Number(Group g) => int.Parse(g.ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
    }

    // Year, month and day in one path part or three, with one separator throughout (or a slash before
    // the day), and no digit on either side: an id such as 201910201 is not a day.
    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})(?<s>[-/_]?)(?<m>0[1-9]|1[0-2])(?:\k<s>|/)(?<d>0[1-9]|[12]\d|3[01])(?!\d)")]
    private static partial Regex UrlDay();

    private static string? Absolute(string? href, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(href)) return null;
        href = href.Trim();
        if (href.StartsWith("//", StringComparison.Ordinal)) href = (baseUrl?.Scheme ?? "https") + ":" + href;
        if (Uri.TryCreate(href, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return absolute.AbsoluteUri;
        // javascript: and data: values resolve to themselves; only web URLs are kept.
        return baseUrl is not null && Uri.TryCreate(baseUrl, href, out var resolved) && resolved.Scheme is "http" or "https"
            ? resolved.AbsoluteUri : null;
    }

    private static string? Distinct(string? text, string? title)
    {
        var clean = Clean(text);
        return clean is null || (title is not null && TitlePicker.IsSimilar(clean, title)) ? null : clean;
    }

    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var clean = TextNormalizer.CollapseWhitespace(text);
        return clean.Length == 0 ? null : clean;
    }

    [GeneratedRegex(@"sub-?_?title|kicker|subhead|standfirst|\bdek\b", RegexOptions.IgnoreCase)]
    private static partial Regex KickerClass();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NotLetter();

    [GeneratedRegex(@"^(?:Die|Der|Das|The|Le|La|Les|El|Il|Lo)\s|\.(?:at|de|ch|com|net|org|fr|it|es)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PublicationName();

    [GeneratedRegex(@"^(?:Die|Der|Das|The|Le|La|Les|El|Il|Lo)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex PublicationArticle();

    [GeneratedRegex(@"/((?:19|20)\d{2})(?:[-/_]?(?:0[1-9]|1[0-2]))")]
    private static partial Regex UrlYear();
}
