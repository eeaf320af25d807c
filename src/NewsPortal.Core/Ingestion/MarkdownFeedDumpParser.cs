using System.Globalization;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Parsers;
using Markdig.Syntax;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion.Html;
using NewsPortal.Core.Ingestion.Feeds;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Markdown dumps of RSS items as feed archivers write them: an optional <c>&lt;!--epoch-ms--&gt;</c>
/// capture line, a setext or ATX heading holding <c>[title](url)</c>, then the item's raw HTML, which
/// starts with a <c>&lt;div&gt;&lt;i&gt;RFC 1123 date&lt;/i&gt;&lt;/div&gt;</c> line when the feed gave a date.
/// </summary>
public sealed partial class MarkdownFeedDumpParser : IArticleParser
{
    public const string FormatName = "markdown-feed-dump";

    public const string ExpectedLayout =
        "a markdown feed dump is an optional <!--epoch-ms--> line, then a heading holding [title](url) " +
        "(a \"# [title](url)\" line, or a \"[title](url)\" line underlined with === or ---), then the item's HTML";

    private static readonly MarkdownPipeline Pipeline = BuildPipeline();
    private readonly OutletDirectory _outlets;
    private readonly FeedItemHtml _itemHtml = new();

    public MarkdownFeedDumpParser(OutletDirectory? outlets = null) => _outlets = outlets ?? OutletDirectory.Default;

    public string Format => FormatName;

    public bool CanParse(string text)
    {
        var lines = FirstLines(text.Length > 8192 ? text[..8192] : text).Take(6).ToList();
        if (lines.Count == 0) return false;
        if (CaptureLine().IsMatch(lines[0])) return true;
        var start = lines[0].StartsWith("<!--", StringComparison.Ordinal) ? 1 : 0;
        // The heading's link may run over a few lines when the feed's title held line breaks.
        return start < lines.Count && HeadingLinkStart().IsMatch(lines[start])
            && lines.Skip(start).Take(4).Any(line => HeadingLinkEnd().IsMatch(line));
    }

    public ParseResult Parse(string text, InputOrigin origin)
    {
        var (capturedAt, rest) = TakeCaptureLine(text);
        var document = Markdown.Parse(rest, Pipeline);
        var first = document.FirstOrDefault(block => block is not HtmlBlock { Type: HtmlBlockType.Comment });
        if (first is not HeadingBlock heading)
        {
            var found = first is null ? "nothing" : $"\"{Excerpt(rest, first)}\"";
            return ParseResult.Failed(Format, $"no heading: found {found} where the [title](url) heading should be; {ExpectedLayout}");
        }
        var content = HeadingContent(rest, heading);
        if (!HeadingLink.TryParse(content, out var rawTitle, out var url))
            return ParseResult.Failed(Format, $"the heading \"{content.Trim()}\" holds no [title](url) link; {ExpectedLayout}");
        var title = TextNormalizer.CollapseWhitespace(rawTitle);
        if (title.Length == 0) return ParseResult.Failed(Format, $"the heading's link has no title text: {content.Trim()}");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return ParseResult.Failed(Format, $"the heading's URL is not an absolute http(s) URL: {url}");
        url = uri.AbsoluteUri;

        var titleChinese = LanguageGuess.Guess(title)?.StartsWith("zh", StringComparison.Ordinal) == true;
        // A time in digits opening the content is the item's when it falls in the days before the capture;
        // a repost may open with its original's date, years earlier (中国数字时代: <p>2018-01-03</p>).
        (DateTimeOffset? Time, bool ZoneInferred) leading = (null, false);
        var item = _itemHtml.ReadDumpBody(BodyHtml(rest, heading), url, line =>
        {
            var time = ItemTime(line, capturedAt, uri.Host, titleChinese);
            var isItems = time.Time is { } t && (capturedAt is not { } c || c - t <= LeadingTimeBeforeCapture && t <= c.AddMinutes(5));
            if (isItems) leading = time;
            return isItems;
        });
        item = _itemHtml.WithoutTitleRepeated(item, title);
        var bodyText = string.Join("\n\n", item.Paragraphs);
        var language = LanguageGuess.Guess(title + bodyText);
        var outlet = _outlets.Find(url);
        title = TitlePicker.WithoutOutletName(title, outlet?.Name, origin.OutletName, TitlePicker.HostLabel(uri.Host)) ?? title;
        // RFC 1123 or ISO 8601 as feeds write them; a date we cannot read leaves the time unknown, the item is kept.
        var published = leading.Time is not null
            ? leading
            : ItemTime(item.DateLine, capturedAt, uri.Host, language?.StartsWith("zh", StringComparison.Ordinal) == true);
        return ParseResult.Ok(Format, new ParsedArticle
        {
            Title = title,
            Url = url,
            CanonicalUrl = url,
            OutletName = OutletDirectory.PlausibleName(outlet?.Name, origin.OutletName),
            OutletHost = outlet?.Host ?? origin.OutletHost ?? OutletDirectory.HostOf(url),
            PublishedAt = published.Time,
            PublishedZoneInferred = published.Time is not null && published.ZoneInferred,
            PublishedSource = published.Time is null ? null : PublishedSources.DumpDateLine,
            CapturedAt = capturedAt,
            Authors = DateLineAuthors(item.DateLineByline) is { Count: > 0 } dated ? dated : item.FooterAuthors ?? [],
            Language = language,
            Summary = item.Summary,
            BodyHtml = item.BodyHtml,
            BodyText = bodyText,
            LeadImage = item.Images.FirstOrDefault(i => i.Url is not null)?.Url,
            Images = item.Images,
        });
    }

    // A date line without a zone was written in the feed's own zone, which the dump does not name:
    // cn.reuters.com writes UTC, cn.nytimes.com China time. Archivers capture an item soon after the
    // feed publishes it, so of the two readings the latest one that is not after the capture wins
    // (a few minutes' grace for clocks); when both are after it, the default reading stays.
    private static DateTimeOffset NearestBefore(DateTimeOffset wallClock, DateTimeOffset capturedAt)
    {
        DateTimeOffset[] readings = [new(wallClock.DateTime, ChinaTime.Offset), new(wallClock.DateTime, TimeSpan.Zero)];
        var possible = readings.Where(r => r <= capturedAt.AddMinutes(5)).ToList();
        return possible.Count == 0 ? wallClock : possible.MaxBy(r => r.UtcDateTime);
    }

    private static readonly TimeSpan LeadingTimeBeforeCapture = TimeSpan.FromDays(7);

    // The time a date line gives, and whether its zone was inferred: a date in digits by NumericDateLine,
    // anything else as feeds write dates, a zone-less one in the zone that puts it closest before the capture.
    private static (DateTimeOffset? Time, bool ZoneInferred) ItemTime(string? line, DateTimeOffset? capturedAt, string host, bool chinese)
    {
        if (NumericDateLine(line, capturedAt, host, chinese) is { } numeric) return (numeric, true);
        var parsed = FeedDates.ParseZoned(line, chinese);
        return parsed is { Time: { } zoneless, ZoneInferred: true } && capturedAt is { } captured ? (NearestBefore(zoneless, captured), true) : parsed;
    }

    // A date in digits (09/08/2020 - 03:05) says neither which of its first two numbers is the day nor
    // its zone. The zone is the host's country's when its domain names one (rfi.fr: Paris), else China
    // time or UTC as for other zone-less lines; of the readings, the latest that is not after the
    // capture wins, as archivers capture soon after publication. Without a capture time only an
    // unambiguous date is read (a day above 12).
    private static DateTimeOffset? NumericDateLine(string? line, DateTimeOffset? capturedAt, string host, bool chinese)
    {
        // Year first (2020-08-10 10:41:37) is not ambiguous: FeedDates reads it, fractions and all.
        if (line is null || FeedItemHtml.NumericDateLine().Match(line) is not { Success: true } m || m.Groups["Y"].Success) return null;
        int Number(string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        var (hour, minute, second) = m.Groups["H"].Success ? (Number("H"), Number("M"), m.Groups["S"].Success ? Number("S") : 0) : (0, 0, 0);
        if (hour > 23 || minute > 59 || second > 59) return null;
        var dates = new List<DateTime>();
        void Add(int year, int month, int day)
        {
            if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                var date = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
                if (!dates.Contains(date)) dates.Add(date);
            }
        }
        Add(Number("y"), Number("b"), Number("a"));
        Add(Number("y"), Number("a"), Number("b"));
        if (dates.Count == 0) return null;
        var country = CountryTime.ZoneOf(host);
        IEnumerable<DateTimeOffset> Readings(DateTime date) => country is not null
            ? [CountryTime.AtWallClock(new DateTimeOffset(date, TimeSpan.Zero), country)]
            : chinese ? [new(date, ChinaTime.Offset), new(date, TimeSpan.Zero)] : [new(date, TimeSpan.Zero), new(date, ChinaTime.Offset)];
        if (capturedAt is not { } captured)
            return dates.Count == 1 ? Readings(dates[0]).First() : null;
        var possible = dates.SelectMany(Readings).Where(r => r <= captured.AddMinutes(5)).ToList();
        return possible.Count == 0 ? null : possible.MaxBy(r => r.UtcDateTime);
    }

    // "null 李澄欣", "TIFFANY MAY,TIFFANY MAY", " 文木 综合报道": the archiver prints the feed's author
    // field as it is, empty values as "null".
    private static IReadOnlyList<string> DateLineAuthors(string? byline)
    {
        if (byline is null) return [];
        var words = byline.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w is not ("null" or "undefined"));
        return Html.BylineReader.FromField(string.Join(' ', words));
    }

    // Only the first line can be the capture line. A garbled one (not 10 or 13 digits) is skipped,
    // leaving the capture time unknown rather than failing the item.
    private static (DateTimeOffset? CapturedAt, string AfterIt) TakeCaptureLine(string text)
    {
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
        if (!text.AsSpan(start).StartsWith("<!--")) return (null, text);
        var newline = text.IndexOf('\n', start);
        var line = newline < 0 ? text[start..] : text[start..newline];
        var rest = newline < 0 ? "" : text[(newline + 1)..];
        var match = CaptureLine().Match(line);
        if (!match.Success) return (null, rest);
        var digits = match.Groups[1].Value;
        if (digits.Length is not (10 or 13) || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return (null, rest);
        // Ten digits are epoch seconds; thirteen are milliseconds.
        return (digits.Length == 10 ? DateTimeOffset.FromUnixTimeSeconds(value) : DateTimeOffset.FromUnixTimeMilliseconds(value), rest);
    }

    private static string HeadingContent(string text, HeadingBlock heading)
    {
        var raw = text.Substring(heading.Span.Start, heading.Span.Length);
        if (heading.IsSetext)
        {
            var underline = raw.LastIndexOf('\n');
            return underline < 0 ? "" : raw[..underline];
        }
        return AtxClosing().Replace(AtxOpening().Replace(raw, ""), "");
    }

    // The item's HTML is passed to the item reader as it is: run through CommonMark, HTML a line does
    // not start with would be escaped when a tag is not strict CommonMark (<img src=a.jpg?w=1>), and
    // "2*3*4" would turn into emphasis. Only a body without any HTML is markdown to render.
    private static string BodyHtml(string text, HeadingBlock heading)
    {
        var newline = text.IndexOf('\n', heading.Span.End);
        var body = newline < 0 ? "" : text[(newline + 1)..];
        return AnyTag().IsMatch(body) ? body : Markdown.ToHtml(body, Pipeline);
    }

    private static string Excerpt(string text, Block block)
    {
        var raw = TextNormalizer.CollapseWhitespace(text.Substring(block.Span.Start, Math.Min(block.Span.Length, 200)));
        return raw.Length > 60 ? raw[..60] + "…" : raw;
    }

    private static IEnumerable<string> FirstLines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0);

    // Dumps are not written for code: text indented by four spaces is text, not a code block.
    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder();
        builder.BlockParsers.TryRemove<IndentedCodeBlockParser>();
        return builder.Build();
    }

    [GeneratedRegex(@"^\s*<!--\s*(\d+)\s*-->\s*$")]
    private static partial Regex CaptureLine();

    [GeneratedRegex(@"^ {0,3}(?:#{1,6}[ \t]+)?\[")]
    private static partial Regex HeadingLinkStart();

    [GeneratedRegex(@"\]\(.*\)(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex HeadingLinkEnd();

    [GeneratedRegex(@"^[ \t]{0,3}#{1,6}(?:[ \t]+|$)")]
    private static partial Regex AtxOpening();

    [GeneratedRegex(@"(?:[ \t]+#+)?[ \t]*\r?$")]
    private static partial Regex AtxClosing();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")]
    private static partial Regex AnyTag();
}
