using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Scraped HTML pages of news sites: the page's metadata (<see cref="HtmlMetadataReader"/>) and its
/// article body (<see cref="ArticleContentExtractor"/>) become one article. A page with no article
/// text fails with that reason rather than storing its navigation as an article.
/// </summary>
public sealed partial class HtmlPageParser : IArticleParser
{
    public const string FormatName = "html-page";

    private readonly HtmlMetadataReader _metadata = new();
    private readonly ArticleContentExtractor _content = new();
    private readonly OutletDirectory _outlets;
    private readonly PhaseTimes? _phases;

    public HtmlPageParser(OutletDirectory? outlets = null, ParserOptions? options = null)
    {
        _outlets = outlets ?? OutletDirectory.Default;
        _phases = options?.Phases;
    }

    public string Format => FormatName;

    // Markup first, or the usual document tags early on: archivers wrap pages in their own elements.
    public bool CanParse(string text) =>
        text.AsSpan().TrimStart().StartsWith("<") && HasDocumentTags().IsMatch(text.AsSpan(0, Math.Min(text.Length, 65536)));

    public ParseResult Parse(string text, InputOrigin origin) => Parse(text, origin, CancellationToken.None);

    private static string? FirstLineTitle(string bodyText)
    {
        var end = bodyText.IndexOfAny(['\n', '\r']);
        var line = (end < 0 ? bodyText : bodyText[..end]).Trim();
        // A line opening with a dash is the subtitle under a headline the body left out ("——当代中国的精神危机").
        if (line.Length is < 4 or > 60 || bodyText.Length < line.Length * 3 || line.StartsWith('—') || line.StartsWith('-')) return null;
        return line.EndsWith('。') || line.EndsWith('.') || line.EndsWith('！') || line.EndsWith('？') || line.Contains('，') || line.Contains(", ") ? null : line;
    }

    public ParseResult Parse(string text, InputOrigin origin, CancellationToken cancellationToken)
    {
        var phases = new PhaseClock(_phases);
        // The async parse checks the token as it goes (the sync one cannot be stopped); with a string
        // source nothing is awaited, so it runs to the end on this thread.
        var document = new HtmlParser(new HtmlParserOptions { IsScripting = false }).ParseDocumentAsync(text, cancellationToken).GetAwaiter().GetResult();
        phases.Lap("html parse");
        cancellationToken.ThrowIfCancellationRequested();
        Uri.TryCreate(origin.Url, UriKind.Absolute, out var pageUrl);
        if (origin.Url is null && ArchiveRecord.FetchedUrl(document) is { } fetched)
        {
            pageUrl = fetched;
            origin = origin with { Url = fetched.AbsoluteUri };
        }
        var meta = _metadata.Read(document, pageUrl);
        phases.Lap("metadata");
        cancellationToken.ThrowIfCancellationRequested();
        if (pageUrl is null && Uri.TryCreate(meta.CanonicalUrl, UriKind.Absolute, out var canonical)) pageUrl = canonical;

        var content = _content.Extract(document, pageUrl, meta.Title, cancellationToken, _phases);
        phases = new PhaseClock(_phases);
        if (string.IsNullOrWhiteSpace(content.BodyText)) return ParseResult.Failed(Format, "no article text found on the page");
        // A page without a headline of its own (an old forum's "显示" title tag, none at all) usually opens
        // its text with one: a short first line that is not a sentence. The page is read again anchored on
        // it, so the byline and date under it are found as under any headline.
        // The crawl archive's record header keeps the title the page had when fetched (read as a title
        // tag: its site name goes, a placeholder counts as none): it comes first.
        if (meta.Title is null
            && (TitlePicker.Pick([], ArchiveRecord.Title(document), null, null, meta.SiteName) ?? FirstLineTitle(content.BodyText)) is { } fallback)
            meta = _metadata.Read(document, pageUrl, fallback);
        var title = meta.Title ?? TextNormalizer.Excerpt(content.BodyText, 40);

        var url = origin.Url ?? meta.CanonicalUrl;
        var outlet = _outlets.Find(url);
        var result = ParseResult.Ok(Format, new ParsedArticle
        {
            Title = title,
            Kicker = meta.Kicker,
            Url = url,
            CanonicalUrl = meta.CanonicalUrl ?? origin.Url,
            OutletName = OutletDirectory.PlausibleName(origin.OutletName, outlet?.Name, meta.SiteName),
            OutletHost = origin.OutletHost ?? outlet?.Host ?? OutletDirectory.HostOf(url),
            SiteName = meta.SiteName,
            PublishedAt = meta.PublishedAt,
            PublishedZoneInferred = meta.PublishedZoneInferred,
            PublishedSource = meta.PublishedSource,
            UpdatedAt = meta.UpdatedAt,
            Authors = meta.Authors,
            Editor = meta.Editor,
            OriginalOutlet = meta.OriginalOutlet,
            Language = meta.Language ?? LanguageGuess.Guess(title + content.BodyText),
            Summary = meta.Description is { Length: > 0 } description
                ? TextNormalizer.Excerpt(description, 160)
                : TextNormalizer.Excerpt(content.BodyText.Split("\n\n")[0], 160),
            BodyHtml = content.BodyHtml,
            BodyText = content.BodyText,
            LeadImage = meta.LeadImage ?? content.Images.FirstOrDefault(i => i.Url is not null)?.Url,
            Images = content.Images,
            SiteTeasers = content.Related,
            ViewCount = meta.ViewCount,
        });
        phases.Lap("article fields");
        return result;
    }

    [GeneratedRegex(@"<(?:!doctype\s+html|html|head|body|div|p|br|table|article|section|span|title)[\s/>]", RegexOptions.IgnoreCase)]
    private static partial Regex HasDocumentTags();
}
