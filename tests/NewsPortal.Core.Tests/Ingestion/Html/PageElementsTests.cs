using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Ingestion.Html;

namespace NewsPortal.Core.Tests.Ingestion.Html;

/// <summary>
/// <see cref="PageElements"/> replaces selector queries with one walk: on the real pages of
/// testdata/ every list must hold the same elements, in the same order, as the query it stands for.
/// </summary>
public sealed class PageElementsTests
{
    public static TheoryData<string> Pages() => [.. PageFiles()];

    private static IEnumerable<string> PageFiles() =>
        Directory.GetFiles(TestData.PathOf("pages"), "*.html").Select(p => Path.Combine("pages", Path.GetFileName(p)))
            .Order(StringComparer.Ordinal).Append(Path.Combine("formats", "page.html"));

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_list_holds_what_its_selector_query_returns(string page)
    {
        var document = Parse(page);

        AssertSameAsQueries(document);
    }

    [Fact]
    public void The_real_pages_give_every_list_something_to_compare()
    {
        var totals = new Dictionary<string, int>();
        foreach (var document in PageFiles().Select(Parse))
            foreach (var (name, list, _) in Lists(PageElements.Collect(document), document))
                totals[name] = totals.GetValueOrDefault(name) + list.Count;

        Assert.All(totals, total => Assert.True(total.Value > 0, $"no page has any {total.Key}"));
    }

    [Fact]
    public void Matches_the_queries_on_the_edge_cases_of_their_attribute_rules()
    {
        var document = new HtmlParser().ParseDocument("""
            <html><head><link rel="stylesheet	CANONICAL" href="/a"><link rel="canonical" href="/b">
            <script type="Application/LD+JSON">{}</script><script type="application/ld+json ">{}</script>
            <meta name="x" content="y"></head>
            <body><svg><title>icon</title></svg><title>late</title>
            <header><div><time datetime="2020-01-01">a</time></div></header>
            <time pubdate datetime="2020-01-02">b</time><time>c</time>
            <a rel="Author" href="/me">me</a><span itemprop="name author">n</span><p class="AUTHOR x">p</p>
            <p class="post-authorName">q</p><p class="xauthor">r</p><div class="ByLine">s</div>
            <span class="Tech-Author">w</span><span class="comment-author">x</span><span class="ContentMetaInfo_author__3hPjj">y</span>
            <span class="auteurs">z</span><p class="lesauteurs">o</p>
            <h2 class="entry-TITLE">t</h2><h1 class="heading">u</h1><span itemprop="datePublished">v</span>
            </body></html>
            """);

        AssertSameAsQueries(document);
        var elements = PageElements.Collect(document);
        Assert.Equal("/a", elements.Canonical?.GetAttribute("href"));
        Assert.Equal(["a", "span", "p", "p", "span", "span", "span"], elements.AuthorNames.Select(e => e.LocalName));
        Assert.Equal("icon", elements.Title?.TextContent);
    }

    private static IDocument Parse(string page)
    {
        Assert.True(InputDecoder.TryDecode(TestData.Bytes(page), out var html, out var error), error);
        return new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocument(html);
    }

    private static void AssertSameAsQueries(IDocument document)
    {
        foreach (var (name, list, query) in Lists(PageElements.Collect(document), document))
            Assert.True(query.SequenceEqual(list), $"{name}: {list.Count} elements, the query returns {query.Count}");
    }

    private static IEnumerable<(string Name, IReadOnlyList<IElement> List, IReadOnlyList<IElement> Query)> Lists(PageElements elements, IDocument document)
    {
        IReadOnlyList<IElement> All(string selector) => [.. document.QuerySelectorAll(selector)];
        IReadOnlyList<IElement> One(IElement? element) => element is null ? [] : [element];
        yield return ("canonical", One(elements.Canonical), One(document.QuerySelector("link[rel~='canonical' i]")));
        yield return ("titles", elements.Titles, All("title"));
        yield return ("title", One(elements.Title), One(document.Head?.QuerySelector("title") ?? document.QuerySelector("title")));
        yield return ("headings", elements.Headings, All("h1"));
        yield return ("dated times", elements.DatedTimes, All("time[datetime]"));
        yield return ("marked time", One(elements.MarkedTime),
            One(document.QuerySelector("time[pubdate][datetime], article header time[datetime], header time[datetime]")));
        yield return ("JSON-LD scripts", elements.JsonLdScripts, All("script[type='application/ld+json' i]"));
        yield return ("metas", elements.Metas, All("meta"));
        yield return ("itemprops", elements.ItemProps, All("[itemprop]:not(meta)"));
        var authorSelector = "[rel~='author' i], [itemprop~='author' i], [class~='author' i], [class*='author-name' i], [class*='author__name' i], [class*='authorname' i]";
        yield return ("author names", elements.AuthorNames,
            [.. document.QuerySelectorAll("*").Where(e => e.Matches(authorSelector) || e.ClassName is { } c && (PageElements.HasAuthorWord(c) || PageElements.HasAuthorPart(c)))]);
        yield return ("author links", elements.AuthorLinks,
            [.. document.QuerySelectorAll("a[href]").Where(a => PageElements.IsAuthorArchiveLink(a.GetAttribute("href")!, a))]);
        yield return ("bylines", elements.Bylines, All("[class*='byline' i]"));
        yield return ("headline classed", elements.HeadlineClassed, All("[class*='headline' i], [class*='heading' i], [class*='title' i]"));
    }
}
