using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Text dumps of rendered news pages (what a scraper saves as <c>innerText</c>): navigation lines,
/// a meta line (<c>时间:… 作者:… 浏览量:…</c>), the headline, indented paragraphs with unindented
/// photo captions, then an "expand" button, the site's teaser lists and a footer.
/// </summary>
public sealed partial class TextDumpParser : IArticleParser
{
    public const string FormatName = "text-dump";

    private readonly BoilerplatePhrases _phrases;
    private readonly OutletDirectory _outlets;

    public TextDumpParser(BoilerplatePhrases? phrases = null, OutletDirectory? outlets = null)
    {
        _phrases = phrases ?? BoilerplatePhrases.Default;
        _outlets = outlets ?? OutletDirectory.Default;
    }

    public string Format => FormatName;

    public bool CanParse(string text) => !LooksLikeHtml().IsMatch(text) && MetaLine().IsMatch(text);

    public ParseResult Parse(string text, InputOrigin origin)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var metaIndex = Array.FindIndex(lines, l => MetaLine().IsMatch(l));
        if (metaIndex < 0) return ParseResult.Failed(Format, "no time line (时间:/发布时间:) found");

        var meta = MetaFields.Read(lines[metaIndex]);
        var titleIndex = NextNonEmpty(lines, metaIndex + 1);
        if (titleIndex < 0) return ParseResult.Failed(Format, "no headline after the time line");
        var title = TextNormalizer.CollapseWhitespace(lines[titleIndex]);

        var bodyEnd = Array.FindIndex(lines, titleIndex + 1, l => _phrases.EndsBody(l.Trim()));
        if (bodyEnd < 0) bodyEnd = lines.Length;
        var (blocks, images) = ReadBody(lines, titleIndex + 1, bodyEnd);
        var paragraphs = blocks.Where(b => !b.IsCaption).Select(b => b.Text).ToList();
        if (paragraphs.Count == 0) return ParseResult.Failed(Format, "no body paragraphs after the headline");

        var bodyText = string.Join("\n\n", paragraphs);
        var published = meta.Time is { } t && ChinaTime.TryParseWallClock(t, out var p) ? p : (DateTimeOffset?)null;
        // The dump names no outlet; what the operator said wins, else the URL given for it (--url, sidecar).
        var outlet = _outlets.Find(origin.Url);
        return ParseResult.Ok(Format, new ParsedArticle
        {
            Title = title,
            Url = origin.Url,
            CanonicalUrl = origin.Url,
            OutletName = OutletDirectory.PlausibleName(origin.OutletName, outlet?.Name),
            OutletHost = origin.OutletHost ?? outlet?.Host ?? OutletDirectory.HostOf(origin.Url),
            // 来源 names where a reposted article came from, not the site that shows it.
            OriginalOutlet = meta.Source,
            Editor = meta.Editor,
            PublishedAt = published,
            PublishedZoneInferred = published is not null,
            PublishedSource = published is null ? null : PublishedSources.DumpMetaLine,
            Authors = AuthorNames.Parse(meta.Author),
            Language = LanguageGuess.Guess(title + bodyText),
            Summary = TextNormalizer.Excerpt(paragraphs[0], 160),
            BodyHtml = ToHtml(blocks),
            BodyText = bodyText,
            Images = images,
            SiteTeasers = ReadTeasers(lines, bodyEnd),
            ViewCount = meta.Views,
        });
    }

    private sealed record Block(string Text, bool IsCaption);

    private (List<Block> Blocks, List<ArticleImage> Images) ReadBody(string[] lines, int start, int end)
    {
        var candidates = new List<(string Text, bool Indented)>();
        for (var i = start; i < end; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line)) continue;
            candidates.Add((TextNormalizer.CollapseWhitespace(line), char.IsWhiteSpace(line[0])));
        }
        // Dumps of rendered pages indent paragraphs (text-indent: 2em becomes two spaces) but not the
        // captions under photos; only trust that signal when most lines are indented.
        var indentSignal = candidates.Count(c => c.Indented) * 2 > candidates.Count;
        var blocks = new List<Block>();
        var images = new List<ArticleImage>();
        foreach (var (line, indented) in candidates)
        {
            var isCaption = CaptionMarker().IsMatch(line) || (indentSignal && !indented && line.Length <= 160);
            blocks.Add(new Block(line, isCaption));
            if (isCaption) images.Add(new ArticleImage(null, null, line, null));
        }
        return (blocks, images);
    }

    private List<SiteTeaser> ReadTeasers(string[] lines, int bodyEnd)
    {
        var teasers = new List<SiteTeaser>();
        var inList = false;
        var section = new List<string>();
        for (var i = bodyEnd; i < lines.Length; i++)
        {
            var line = TextNormalizer.CollapseWhitespace(lines[i]);
            if (line.Length == 0) continue;
            if (_phrases.IsTeaserHeading(line))
            {
                AddPairs(section, teasers);
                section.Clear();
                inList = true;
            }
            else if (_phrases.EndsBody(line) || _phrases.IsFooter(line))
            {
                AddPairs(section, teasers);
                section.Clear();
                inList = false;
            }
            else if (inList)
            {
                section.Add(line);
            }
        }
        AddPairs(section, teasers);
        return teasers;
    }

    // A teaser list is headline lines, each followed by a longer snippet line when the site shows one.
    // A lone short line under the last heading is the site's footer (its name), not a teaser.
    private static void AddPairs(List<string> lines, List<SiteTeaser> teasers)
    {
        if (lines.Count == 1) return;
        for (var i = 0; i < lines.Count; i++)
        {
            var title = lines[i];
            string? snippet = null;
            if (i + 1 < lines.Count && lines[i + 1].Length > title.Length && title.Length <= 80)
            {
                snippet = lines[i + 1];
                i++;
            }
            teasers.Add(new SiteTeaser(title, null, snippet));
        }
    }

    private static string ToHtml(List<Block> blocks)
    {
        var html = new StringBuilder();
        foreach (var block in blocks)
        {
            var text = HtmlSanitizer.EscapeText(block.Text);
            html.Append(block.IsCaption ? $"<figure><figcaption>{text}</figcaption></figure>" : $"<p>{text}</p>");
        }
        return html.ToString();
    }

    private static int NextNonEmpty(string[] lines, int from)
    {
        for (var i = from; i < lines.Length; i++)
            if (!string.IsNullOrWhiteSpace(lines[i])) return i;
        return -1;
    }

    [GeneratedRegex(@"^\s*(?:发布)?时间[:：]\s*\d{4}[-/年]\d{1,2}[-/月]\d{1,2}", RegexOptions.Multiline)]
    private static partial Regex MetaLine();

    [GeneratedRegex(@"^\s*<(?:!doctype|html|head|body|div|p)\b", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex LooksLikeHtml();

    [GeneratedRegex(@"图源[:：]|图片来源[:：]|[（(]?图[/／]|记者\S{2,4}摄[）)]?$|摄影[:：]|供图$")]
    private static partial Regex CaptionMarker();
}
