using System.Text;
using AngleSharp.Dom;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Line rules over the written blocks: the repeated headline, widget labels and staff credits go;
/// the article ends at a teaser heading or a disclaimer; a short centred or 「图为…」 line right after
/// an image becomes that image's caption.
/// </summary>
internal sealed partial class BodyBlockFilter(BoilerplatePhrases phrases, string? title)
{
    private const int MaxCaptionTokens = 60;
    private static readonly string[] CaptionStarts = ["图为", "图注", "图：", "图:", "（图", "(图", "▲", "△", "↑", "图片来源", "图源", "摄影", "Photo:", "Image:"];
    private static readonly string[] CaptionClassWords = ["caption", "pic", "img", "photo", "image", "note", "desc", "tu", "figure"];

    private readonly string? _title = title is null ? null : Key(title);

    public List<BodyBlock> Apply(IReadOnlyList<BodyBlock> blocks)
    {
        var kept = new List<BodyBlock>();
        var textBlocks = 0;
        var tokensAfter = new int[blocks.Count + 1];
        for (var b = blocks.Count - 1; b >= 0; b--) tokensAfter[b] = tokensAfter[b + 1] + TextMeasure.Tokens(blocks[b].Text);
        var tokensBefore = 0;
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b];
            tokensBefore += tokensAfter[b] - tokensAfter[b + 1];
            if (block.Kind == BlockKind.Figure)
            {
                kept.Add(block);
                continue;
            }
            var text = block.Text;
            // A teaser heading or a disclaimer ends the article only where most of the text, twice what is left,
            // is already behind us (a photo credit "© Reuters" under the lead image is not the footer). Where a
            // page's own teaser box or footer ends the article, what is left is a tenth of what is behind or
            // less; a "Read more" box halfway down a report is no end, and with "more than what is left" a
            // standfirst of a few dozen words had tipped the balance there and cut the report in half.
            var teaserHeading = phrases.IsPageTeaserHeading(text);
            if (textBlocks > 0 && 2 * tokensAfter[b + 1] < tokensBefore && (teaserHeading || phrases.IsDisclaimer(text))) break;
            if (teaserHeading || phrases.IsDropLine(text) || phrases.IsEditorLine(text) || phrases.IsMetaLine(text)) continue;
            if (textBlocks < 3 && IsTitle(text)) continue;
            // Before the first line of prose, a line that is a date and a time with a few words around it
            // ("原创 南方都市报 2019-09-09 16:01:46", "21:17 18.11.2019") is the page's dateline.
            if (textBlocks == 0 && IsDateline(text)) continue;
            if (kept.Count > 0 && kept[^1] is { Kind: BlockKind.Figure, Image.Caption: null } figure && CaptionKind(block) is { } marked)
            {
                // A line that is a caption only by where it stands was part of the running text, so it stays
                // in the text; one the page marks as a caption (class) is left out, as a figcaption is.
                kept[^1] = figure with { Image = figure.Image with { Caption = text }, Text = marked ? "" : text };
                continue;
            }
            kept.Add(block);
            textBlocks++;
        }
        TrimLabels(kept);
        return kept;
    }

    // Share-bar and widget labels (微博, 关注新华网, 图集, +1) that came along with a wrapper sit before the first
    // and after the last line of prose; a few tokens without punctuation never open or close an article.
    private static void TrimLabels(List<BodyBlock> blocks)
    {
        var first = blocks.FindIndex(IsProse);
        if (first < 0) return;
        // A list, table or code block of some length closes an article as a paragraph does: the heading over
        // it ("The takeaway" over a closing list) is no widget label.
        var last = blocks.FindLastIndex(b => IsProse(b) || IsContentBlock(b));
        for (var i = blocks.Count - 1; i > last; i--)
        {
            if (IsLabel(blocks[i], 4)) blocks.RemoveAt(i);
        }
        for (var i = first - 1; i >= 0; i--)
        {
            if (IsLabel(blocks[i], 6)) blocks.RemoveAt(i);
        }
    }

    private static bool IsProse(BodyBlock block) =>
        block.Kind is BlockKind.Paragraph or BlockKind.Quote && TextMeasure.Count(block.Text) is { Punctuation: > 0 } counts && counts.Tokens >= 10;

    private static bool IsContentBlock(BodyBlock block) =>
        block.Kind is BlockKind.List or BlockKind.Table or BlockKind.Preformatted && TextMeasure.Tokens(block.Text) >= 10;

    private static bool IsLabel(BodyBlock block, int maxTokens) =>
        block.Kind is BlockKind.Paragraph or BlockKind.Heading or BlockKind.List
        && TextMeasure.Count(block.Text) is var counts && counts.Tokens <= maxTokens && counts.Punctuation == 0;

    // The page title often carries the site's name ("标题_新浪新闻", "Headline | Site"): a leading line
    // that is most of the title, from its start, is the headline too.
    private bool IsTitle(string text)
    {
        if (_title is not { Length: > 0 }) return false;
        var key = Key(text);
        return key == _title || (key.Length >= 6 && key.Length * 2 >= _title.Length && _title.StartsWith(key, StringComparison.Ordinal));
    }

    /// <summary>Null when the block is not a caption; true when the page marks it as one by class, false when only its place or wording does.</summary>
    private static bool? CaptionKind(BodyBlock block)
    {
        if (block.Kind != BlockKind.Paragraph || TextMeasure.Tokens(block.Text) > MaxCaptionTokens) return null;
        var centered = CaptionStarts.Any(s => block.Text.StartsWith(s, StringComparison.Ordinal));
        for (var element = block.Home; element is not null && element.LocalName is not ("body" or "article"); element = element.ParentElement)
        {
            if (HasCaptionClass(element)) return true;
            centered |= IsCentered(element);
            if (element.LocalName is "p" or "div" or "td") break;
        }
        return centered ? false : null;
    }

    private static bool IsCentered(IElement element) =>
        element.LocalName == "center"
        || string.Equals(element.GetAttribute("align"), "center", StringComparison.OrdinalIgnoreCase)
        || (element.GetAttribute("style") ?? "").Replace(" ", "", StringComparison.Ordinal).Contains("text-align:center", StringComparison.OrdinalIgnoreCase);

    private static bool HasCaptionClass(IElement element)
    {
        var names = element.ClassName;
        if (string.IsNullOrEmpty(names)) return false;
        return names.ToLowerInvariant().Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries)
            .Any(word => CaptionClassWords.Any(w => word == w || (w.Length > 3 && word.Contains(w, StringComparison.Ordinal))));
    }

    /// <summary>Text compared without whitespace or punctuation, NFKC-normalised.</summary>
    private static string Key(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    private static bool IsDateline(string text)
    {
        if (text.Length > 80 || !DatePart().IsMatch(text) || !ClockPart().IsMatch(text)) return false;
        var rest = ClockPart().Replace(DatePart().Replace(text, " "), " ").Trim();
        return rest.Length <= 24 && !SentenceMark().IsMatch(rest);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?|\d{1,2}\s*[-./]\s*\d{1,2}\s*[-./]\s*(?:19|20)\d{2}")]
    private static partial System.Text.RegularExpressions.Regex DatePart();

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{1,2}:\d{2}(?::\d{2})?")]
    private static partial System.Text.RegularExpressions.Regex ClockPart();

    [System.Text.RegularExpressions.GeneratedRegex(@"[。，！？；,!?;]|\.\s")]
    private static partial System.Text.RegularExpressions.Regex SentenceMark();
}
