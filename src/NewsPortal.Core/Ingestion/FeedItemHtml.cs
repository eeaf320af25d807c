using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Turns a feed item's raw HTML into article blocks: the leading date line is read and removed,
/// <c>&lt;br&gt;&lt;br&gt;</c> runs become paragraph breaks, each image becomes a figure with the
/// <c>&lt;small&gt;</c> caption that follows it, proxied image URLs are unwrapped, empty anchors go.
/// </summary>
public sealed partial class FeedItemHtml
{
    private readonly HtmlParser _parser = new();
    private readonly HtmlSanitizer _sanitizer = new();

    /// <param name="DateLine">The text of the archiver's date line that was taken out of the body, if there was one.</param>
    /// <param name="DateLineByline">What the date line says before the time: the item's author, as some archivers write it.</param>
    /// <param name="FooterAuthors">The writer a closing copyright line credits (<c>© 一朵后浪 for 中国数字时代, …</c>), taken off with it.</param>
    public sealed record Result(string? DateLine, IReadOnlyList<string> Paragraphs, IReadOnlyList<ArticleImage> Images, string BodyHtml,
        string? DateLineByline = null, IReadOnlyList<string>? FooterAuthors = null)
    {
        /// <summary>
        /// The item's first paragraph, shortened, for lists: not one that only repeats an image's alt text
        /// (中央社 writes the photo's caption in a block after it, which read as the item's first
        /// paragraph and was every list's standfirst), nor a bare date (RFI's feed opens its content with
        /// <c>09/08/2020 - 03:05</c>; a dump takes that out as its date line, a feed has its own date). The
        /// paragraph stays in the body.
        /// </summary>
        public string Summary
        {
            get
            {
                var alts = Images.Select(i => i.Alt).OfType<string>().Where(a => a.Length >= 4).ToHashSet();
                var first = Paragraphs.FirstOrDefault(p => !alts.Contains(p) && !IsBracketedNote(p) && !IsNumericDate(p)) ?? Paragraphs.FirstOrDefault();
                return first is null ? "" : Text.TextNormalizer.Excerpt(first, 160);
            }
        }
    }

    /// <summary>
    /// The item without an opening paragraph that only repeats its title: feeds give a video or a live
    /// page the headline as its description, or open the content with it as a caption (BBC中文 and
    /// 美国之音, 10 items of the labelled set), which the article page showed under the same headline and
    /// the lists as the standfirst. Nothing left and no image: an item with only a title.
    /// </summary>
    public Result WithoutTitleRepeated(Result item, string? title)
    {
        if (title is null || item.Paragraphs.Count == 0
            || !string.Equals(Compact(item.Paragraphs[0]), Compact(title), StringComparison.OrdinalIgnoreCase))
            return item;
        if (item.Paragraphs.Count == 1 && item.Images.Count == 0) return item with { Paragraphs = [], BodyHtml = "" };
        // The body's first block is the paragraph when its text is the title and it holds no image.
        var body = _parser.ParseDocument("<!DOCTYPE html><html><body>" + item.BodyHtml + "</body></html>").Body!;
        if (body.FirstElementChild is not { } first || first.QuerySelector("img") is not null
            || !string.Equals(Compact(first.TextContent), Compact(title), StringComparison.OrdinalIgnoreCase)
            || body.ChildNodes.TakeWhile(n => n != first).Any(n => n.TextContent.Trim().Length > 0))
            return item;
        first.Remove();
        return item with { Paragraphs = [.. item.Paragraphs.Skip(1)], BodyHtml = body.InnerHtml.Trim() };
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    // A paragraph that is one parenthesis from end to end is a note beside the article, not its
    // opening: "（欢迎点击此处订阅时报中文简报。…）" leads every cn.nytimes.com item.
    private static bool IsBracketedNote(string paragraph) =>
        paragraph.Length >= 2 && Brackets.TryGetValue(paragraph[0], out var close) && paragraph[^1] == close
        && paragraph.IndexOf(close, 1) == paragraph.Length - 1;

    private static readonly Dictionary<char, char> Brackets = new() { ['（'] = '）', ['('] = ')', ['【'] = '】', ['['] = ']' };

    /// <summary>Plain text as paragraph markup: a blank line ends a paragraph, as in feeds and listings.</summary>
    public static string FromPlainText(string text) =>
        string.Concat(text.Replace("\r\n", "\n").Split("\n\n").Select(p => p.Trim()).Where(p => p.Length > 0)
            .Select(p => $"<p>{HtmlSanitizer.EscapeText(p)}</p>"));

    /// <summary>The content of a feed item (RSS description, Atom content, …).</summary>
    public Result Read(string html, string? itemUrl) => Read(html, itemUrl, markdownDump: false);

    /// <summary>
    /// The body of a markdown feed dump: a leading <c>&lt;div&gt;&lt;i&gt;…&lt;/i&gt;&lt;/div&gt;</c> is the
    /// archiver's date line whether or not its date can be read, and a blank line between text is a
    /// paragraph break, as it is in markdown.
    /// </summary>
    /// <param name="takeLeadingTime">Given the text of a first block that is only a date in digits (when the
    /// archiver wrote no date line), whether it is the item's time: then it is the date line, out of the body.</param>
    public Result ReadDumpBody(string html, string? itemUrl, Func<string, bool>? takeLeadingTime = null) =>
        Read(html, itemUrl, markdownDump: true, takeLeadingTime);

    private Result Read(string html, string? itemUrl, bool markdownDump, Func<string, bool>? takeLeadingTime = null)
    {
        var document = _parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        var body = document.Body!;
        var (dateLine, byline) = markdownDump ? TakeDumpDateLine(body) : (TakeParseableDateLine(body), null);
        // Some feeds open their content with the time in a block of its own (RFI: <div>09/08/2020 - 03:05</div>);
        // left in, it was the item's summary on every list and numbers in the story terms of its lead.
        // The caller says whether the time is the item's: a repost may open with its original's date.
        if (dateLine is null && takeLeadingTime is not null)
            dateLine = TakeLeadingTimeBlock(body, takeLeadingTime) ?? TakeLeadingTimeElement(body, takeLeadingTime);
        DropEmptyAnchors(body);
        DropTeaserLists(body);
        var footerAuthors = DropTrailingFooters(body);
        var walker = new FeedItemWalker(itemUrl, markdownDump);
        walker.Walk(body);
        walker.Flush();
        var bodyHtml = _sanitizer.Sanitize(walker.Html.ToString(), itemUrl);
        return new Result(dateLine, walker.Paragraphs, walker.Images, bodyHtml, byline, footerAuthors);
    }

    // In feeds the date line is only trusted when it reads as a date: feed content has no fixed layout.
    private static string? TakeParseableDateLine(IElement body)
    {
        foreach (var italic in body.QuerySelectorAll("div > i, div > em").Take(3))
        {
            var text = italic.TextContent.Trim();
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out _))
            {
                italic.ParentElement!.Remove();
                return text;
            }
        }
        return null;
    }

    // Dump archivers write the item's pubDate first, as <div><i>Wed, 08 Nov 2023 18:25:56 GMT</i></div>:
    // by position, not by whether we can read the date. Some wrap the whole item in a <div> first, and
    // some put the item's author before the time (<div><i>Hannah Fuchs<br>2020-08-09T07:23:02.334Z</i></div>).
    // An italic lead that is plainly not a date (no digit in it, or a sentence long) stays in the body.
    private static (string? Time, string? Byline) TakeDumpDateLine(IElement body)
    {
        foreach (var first in OpeningElements(body))
        {
            if (first is not { LocalName: "div" } div) return (null, null);
            if (div.Children.Length == 1 && div.Children[0] is IElement { LocalName: "i" or "em" } italic && div.TextContent.Trim() == italic.TextContent.Trim())
                return ReadDateLine(div, italic);
            // A wrapper around the whole item: its first child may be the date line.
        }
        return (null, null);
    }

    // The element an item opens with, then the one that opens it in turn, three deep at most: some
    // archivers and feeds wrap the whole item in a <div> or two. Ends at the first text before any element.
    private static IEnumerable<IElement> OpeningElements(IElement body)
    {
        IElement container = body;
        for (var depth = 0; depth < 3; depth++)
        {
            var first = container.ChildNodes.FirstOrDefault(n => n is IElement || (n is IText t && !string.IsNullOrWhiteSpace(t.Data)));
            if (first is not IElement element) yield break;
            yield return element;
            container = element;
        }
    }

    private static (string? Time, string? Byline) ReadDateLine(IElement div, IElement italic)
    {
        // The text runs between <br>s: the time is the last, what comes before it names the author.
        var runs = new List<string>();
        var run = new System.Text.StringBuilder();
        foreach (var node in italic.ChildNodes)
        {
            if (node is IElement { LocalName: "br" }) { runs.Add(run.ToString()); run.Clear(); }
            else run.Append(node.TextContent);
        }
        runs.Add(run.ToString());
        runs = [.. runs.Select(r => Text.TextNormalizer.CollapseWhitespace(r)).Where(r => r.Length > 0)];
        var time = runs.Count > 0 ? runs[^1] : "";
        if (time.Length > 80 || (time.Length > 0 && !time.Any(char.IsAsciiDigit))) return (null, null);
        var byline = runs.Count > 1 ? string.Join(" ", runs[..^1]) : null;
        if (byline is { Length: > 120 }) return (null, null);
        div.Remove();
        return (time, byline);
    }

    // The first block of the content, through wrappers that open the item, when its whole text is a
    // numeric date with an optional time and nothing else.
    private static string? TakeLeadingTimeBlock(IElement body, Func<string, bool> isItemTime)
    {
        foreach (var block in OpeningElements(body))
        {
            if (block.LocalName is not ("div" or "p" or "span" or "time")) return null;
            if (block.Children.Any(c => c.LocalName is not ("time" or "span" or "b" or "strong" or "i" or "em"))) continue; // a wrapper
            var text = Text.TextNormalizer.CollapseWhitespace(block.TextContent);
            if (!IsNumericDate(text) || !isItemTime(text)) return null;
            block.Remove();
            return text;
        }
        return null;
    }

    // A <time datetime> before any other text of the content (The Economist: an image, then
    // <aside><time datetime="2020-08-09T00:00:00Z">Aug 9th 2020</time></aside>): its machine-readable
    // value is the date line, and the block that holds nothing but it leaves the body.
    private static string? TakeLeadingTimeElement(IElement body, Func<string, bool> isItemTime)
    {
        var firstText = body.Descendants<IText>().FirstOrDefault(t => !string.IsNullOrWhiteSpace(t.Data));
        if (firstText?.ParentElement is not { } parent || parent.Closest("time[datetime]") is not { } time) return null;
        var value = time.GetAttribute("datetime")!.Trim();
        if (value.Length == 0 || !isItemTime(value)) return null;
        var shown = time.TextContent.Trim();
        IElement holder = time;
        while (holder.ParentElement is { } up && up != body && up.TextContent.Trim() == shown) holder = up;
        holder.Remove();
        return value;
    }

    /// <summary>Whether the text is only a date in digits, with an optional time: <c>09/08/2020 - 03:05</c>, <c>2020-08-09 03:05</c>.</summary>
    public static bool IsNumericDate(string text) => NumericDateLine().IsMatch(text);

    /// <summary>
    /// A date written in digits with an optional time after it: <c>09/08/2020 - 03:05</c>, <c>9.8.2020 03:05</c>,
    /// <c>2020-08-09 03:05</c>. Groups: <c>a</c>, <c>b</c> and <c>y</c> for a day-or-month, month-or-day and
    /// year order (<c>Y</c> matches when the year comes first instead); <c>H</c>, <c>M</c>, <c>S</c> the time.
    /// </summary>
    [GeneratedRegex(@"^(?:(?<a>\d{1,2})[/.-](?<b>\d{1,2})[/.-](?<y>(?:19|20)\d{2})|(?<Y>(?:19|20)\d{2})[/.-]\d{1,2}[/.-]\d{1,2})(?:\s*(?:[-–—,|]|à|um)?\s*(?<H>\d{1,2})[:h](?<M>\d{2})(?::(?<S>\d{2}))?)?$", RegexOptions.CultureInvariant)]
    public static partial Regex NumericDateLine();

    // A list of links under a teaser heading inside an item's content (中央社 ends each item with
    // <div class='moreArticle'><div>延伸閱讀</div><a>…</a><a>…</a></div>, other feeds with "Related:")
    // names other articles: left in, their titles read as the article's last paragraphs and were
    // found by searches for what those articles report. The headings are the ones a web page's teaser
    // lists are told by (BoilerplatePhrases); the block must hold nothing but the heading and its links.
    private static void DropTeaserLists(IElement body)
    {
        foreach (var block in body.QuerySelectorAll("div, section, aside, p, ul, ol").ToArray())
        {
            if (!body.Contains(block) || block.QuerySelector("a[href]") is null) continue;
            // The text before the first link is the heading; after it, only the links' own text may follow.
            var heading = new StringBuilder();
            var (linkText, otherText) = (0, 0);
            foreach (var text in block.Descendants<IText>())
            {
                var length = text.Data.Trim().Length;
                if (length == 0) continue;
                if (text.ParentElement?.Closest("a[href]") is not null) linkText += length;
                else if (linkText == 0) heading.Append(text.Data);
                else otherText += length;
            }
            if (otherText * 10 > linkText) continue;
            var label = TextNormalizer.CollapseWhitespace(heading.ToString()).Trim();
            if (BoilerplatePhrases.Default.IsPageTeaserHeading(label) || IsAddressList(block, label)) block.Remove();
        }
    }

    // What many feeds put under every item, after the article: a copyright line (© 2020 AFP, 德国之声's
    // 版权声明), a trust badge, a plugin's credit. The blocks that end the content are taken off while
    // each is one the web page extractor ends a body at (BoilerplatePhrases.IsDisclaimer); the same words
    // earlier in the text, or in a long paragraph, stay. A WordPress feed plugin's line credits the
    // post's writer ("© %author% for %blogname%, …"): that name is returned, the item's author when
    // the feed names none.
    private static IReadOnlyList<string> DropTrailingFooters(IElement body)
    {
        IReadOnlyList<string> authors = [];
        for (var taken = 0; taken < 4; taken++)
        {
            var last = body.Descendants<IText>().LastOrDefault(t => !string.IsNullOrWhiteSpace(t.Data));
            var block = last?.ParentElement;
            while (block is not null && block != body && !FooterBlocks.Contains(block.LocalName)) block = block.ParentElement;
            if (block is null || block == body) break;
            var text = TextNormalizer.CollapseWhitespace(block.TextContent).Trim();
            if (text.Length > 200 || !BoilerplatePhrases.Default.IsDisclaimer(text)) break;
            if (CopyrightFor().Match(text) is { Success: true } credit && authors.Count == 0)
                authors = Html.BylineReader.FromField(credit.Groups["name"].Value);
            block.Remove();
        }
        return authors;
    }

    [GeneratedRegex(@"^©\s*(?<name>[^,，]{2,40}?)\s+for\s+\S")]
    private static partial Regex CopyrightFor();

    private static readonly HashSet<string> FooterBlocks = ["p", "div", "section", "aside", "footer", "blockquote", "li", "ul", "ol", "small"];

    // A feed relay's footer under every item it serves ("获取更多RSS：" and its own addresses, each
    // link's text the address itself): a short label ending in a colon and nothing but bare addresses.
    private static bool IsAddressList(IElement block, string label) =>
        label.Length is > 0 and <= 16 && label[^1] is ':' or '：'
        && block.QuerySelectorAll("a[href]").All(a => a.TextContent.Trim() is var text
            && text.StartsWith("http", StringComparison.OrdinalIgnoreCase) && text.Contains("://", StringComparison.Ordinal) && !text.Contains(' '));

    // Empty anchors are leftovers of embedded widgets and share buttons; an anchor around an image is kept.
    private static void DropEmptyAnchors(IElement body)
    {
        foreach (var anchor in body.QuerySelectorAll("a").ToArray())
        {
            if (anchor.TextContent.Trim().Length == 0 && anchor.QuerySelector("img") is null) anchor.Remove();
        }
    }
}
