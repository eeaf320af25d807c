using System.Globalization;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Markdown dumps of RSS items as feed archivers write them: an optional <c>&lt;!--epoch-ms--&gt;</c>
/// capture line, a heading holding <c>[title](url)</c>, then the item's raw HTML, which starts with a
/// <c>&lt;div&gt;&lt;i&gt;RFC 1123 date&lt;/i&gt;&lt;/div&gt;</c> line.
/// </summary>
public sealed partial class MarkdownFeedDumpParser : IArticleParser
{
    public const string FormatName = "markdown-feed-dump";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();
    private readonly OutletDirectory _outlets;
    private readonly FeedItemHtml _itemHtml = new();

    public MarkdownFeedDumpParser(OutletDirectory? outlets = null) => _outlets = outlets ?? OutletDirectory.Default;

    public string Format => FormatName;

    public bool CanParse(string text) => HeadingLink().IsMatch(text);

    public ParseResult Parse(string text, InputOrigin origin)
    {
        var document = Markdown.Parse(text, Pipeline);
        var heading = document.Descendants<HeadingBlock>().FirstOrDefault(h => h.Inline?.FirstChild is LinkInline);
        if (heading?.Inline?.FirstChild is not LinkInline link || string.IsNullOrWhiteSpace(link.Url))
            return ParseResult.Failed(Format, "no [title](url) heading found");

        var title = TextNormalizer.CollapseWhitespace(InlineText(link));
        if (title.Length == 0) return ParseResult.Failed(Format, "the heading's link has no title text");
        var url = link.Url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out _)) return ParseResult.Failed(Format, $"the heading's URL is not absolute: {url}");

        var item = _itemHtml.Read(text[(heading.Span.End + 1)..], url);
        if (item.Paragraphs.Count == 0 && item.Images.Count == 0) return ParseResult.Failed(Format, "the item has no content after its heading");

        var outlet = _outlets.Find(url);
        var bodyText = string.Join("\n\n", item.Paragraphs);
        return ParseResult.Ok(Format, new ParsedArticle
        {
            Title = title,
            Url = url,
            CanonicalUrl = url,
            OutletName = outlet?.Name ?? origin.OutletName,
            OutletHost = outlet?.Host ?? origin.OutletHost ?? OutletDirectory.HostOf(url),
            PublishedAt = item.Published,
            CapturedAt = ReadCaptureTime(text),
            Language = LanguageGuess.Guess(title + bodyText),
            Summary = item.Paragraphs.Count > 0 ? TextNormalizer.Excerpt(item.Paragraphs[0], 160) : "",
            BodyHtml = item.BodyHtml,
            BodyText = bodyText,
            LeadImage = item.Images.FirstOrDefault(i => i.Url is not null)?.Url,
            Images = item.Images,
        });
    }

    private static DateTimeOffset? ReadCaptureTime(string text)
    {
        var match = CaptureLine().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return null;
        // Ten digits are epoch seconds; thirteen are milliseconds.
        return match.Groups[1].Length <= 10 ? DateTimeOffset.FromUnixTimeSeconds(value) : DateTimeOffset.FromUnixTimeMilliseconds(value);
    }

    private static string InlineText(ContainerInline container)
    {
        var parts = new List<string>();
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal: parts.Add(literal.Content.ToString()); break;
                case CodeInline code: parts.Add(code.Content); break;
                case ContainerInline inner: parts.Add(InlineText(inner)); break;
            }
        }
        return string.Concat(parts);
    }

    [GeneratedRegex(@"^\s*<!--\s*(\d{10,13})\s*-->", RegexOptions.Multiline)]
    private static partial Regex CaptureLine();

    [GeneratedRegex(@"^\s{0,3}(?:#{1,6}\s*)?\[[^\n]+\]\(\s*https?://[^\s)]+\)\s*$", RegexOptions.Multiline)]
    private static partial Regex HeadingLink();
}
