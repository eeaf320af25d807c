using AngleSharp.Dom;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// The page's own related-article lists: links under a heading such as 相关文章 or Related. A
/// heading is the outermost element whose whole text is the heading; its list is the first of the
/// following siblings that holds at least two titled links.
/// </summary>
internal sealed class TeaserListReader(DomIndex dom, BoilerplatePhrases phrases, Uri? pageUrl)
{
    private const int MaxHeadingTokens = 14;
    private const int MaxTeasers = 40;
    private const int SiblingsToTry = 3;

    public IReadOnlyList<SiteTeaser> Read()
    {
        var teasers = new List<SiteTeaser>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < dom.Count && teasers.Count < MaxTeasers; i++)
        {
            var element = dom.Elements[i];
            if (BoilerplateMarkers.IsNoiseTag(element)) { i = dom.End[i] - 1; continue; }
            var tokens = dom.RawTotal[i].Tokens;
            if (tokens is < 2 or > MaxHeadingTokens || dom.RawTotal[dom.Parents[i]].Tokens == tokens) continue;
            if (!phrases.CouldBePageTeaserHeading(dom.RawTotal[i])) continue;
            if (!phrases.IsPageTeaserHeading(TextNormalizer.CollapseWhitespace(element.TextContent))) continue;
            if (ListAfter(element) is not { } list) continue;
            foreach (var teaser in TeasersIn(list))
            {
                if (!seen.Add(teaser.Url ?? teaser.Title)) continue;
                teasers.Add(teaser);
                if (teasers.Count == MaxTeasers) break;
            }
            i = dom.End[i] - 1;
        }
        return teasers;
    }

    private int? ListAfter(IElement heading)
    {
        var sibling = heading.NextElementSibling;
        for (var tried = 0; sibling is not null && tried < SiblingsToTry; tried++, sibling = sibling.NextElementSibling)
        {
            var index = dom.IndexOf(sibling);
            if (index < 0 || BoilerplateMarkers.IsNoiseTag(sibling)) continue;
            if (TitledLinks(index).Take(2).Count() == 2) return index;
            if (dom.RawTotal[index].Tokens > MaxHeadingTokens * 4) return null; // prose came first: not a teaser list
        }
        return null;
    }

    private IEnumerable<int> TitledLinks(int container)
    {
        for (var j = container + 1; j < dom.End[container]; j++)
        {
            var element = dom.Elements[j];
            if (element.LocalName != "a" || !element.HasAttribute("href")) continue;
            var text = dom.RawTotal[j];
            if (text.Cjk >= 4 || text.Words >= 3) yield return j;
        }
    }

    private IEnumerable<SiteTeaser> TeasersIn(int container)
    {
        foreach (var j in TitledLinks(container))
        {
            var link = dom.Elements[j];
            var title = TextNormalizer.CollapseWhitespace(link.TextContent);
            if (link.GetAttribute("title") is { } attribute && attribute.Length > title.Length) title = TextNormalizer.CollapseWhitespace(attribute);
            // Without the page's address a relative link cannot be resolved; the title is still worth having.
            var href = link.GetAttribute("href")!;
            var url = HtmlSanitizer.SafeUrl(href, pageUrl);
            if (url is null && (pageUrl is not null || href.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))) continue;
            yield return new SiteTeaser(title, url, SnippetFor(link, container, title));
        }
    }

    private string? SnippetFor(IElement link, int container, string title)
    {
        var item = link.ParentElement;
        while (item is not null && dom.IndexOf(item) is var index && index > container
               && item.LocalName is not ("li" or "dd" or "div" or "article" or "section"))
            item = item.ParentElement;
        if (item is null || dom.IndexOf(item) <= container) return null;
        var itemIndex = dom.IndexOf(item);
        if (dom.RawTotal[itemIndex].Tokens - dom.RawLinkTokens[itemIndex] < 10 || TitledLinks(itemIndex).Skip(1).Any()) return null;
        var text = TextNormalizer.CollapseWhitespace(item.TextContent).Replace(title, "", StringComparison.Ordinal).Trim();
        return text.Length == 0 ? null : TextNormalizer.Excerpt(text, 200);
    }
}
