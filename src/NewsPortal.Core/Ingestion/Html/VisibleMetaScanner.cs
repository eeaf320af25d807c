using NewsPortal.Core.Text;
using System.Text.RegularExpressions;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>What the text near the headline shows: the meta block of Chinese news pages.</summary>
/// <param name="PublishedZoneStated">The shown time named its zone ("2:16 AM EST"); otherwise the zone was inferred.</param>
internal sealed record VisibleMeta(
    DateTimeOffset? Published, bool PublishedZoneStated, DateTimeOffset? Updated, IReadOnlyList<string> Authors, string? Editor,
    string? Outlet, long? Views, IReadOnlyList<string> Credit);

/// <summary>
/// Reads the meta block closest to the headline (<c>时间：… 来源：… 作者：…</c>). Dates in teaser lists,
/// footers and comments are never looked at; without a headline only labelled dates count.
/// </summary>
internal static partial class VisibleMetaScanner
{
    private const int LinesAfterTitle = 12;
    private const int CharsAfterTitle = 600;
    private const int MetaLineMaxChars = 160;

    public static VisibleMeta Scan(IReadOnlyList<PageTextLine> lines, string? title, bool chinese, int? yearHint)
    {
        var titleAt = TitleLine(lines, title);
        var window = JoinLabelCells(Window(lines, titleAt, title)).ToList();
        DateTimeOffset? updated = null;
        (DateTimeOffset Time, bool Inferred)? published = null, loosePublished = null;
        IReadOnlyList<string> authors = [], roleAuthors = [];
        string? editor = null, outlet = null;
        long? views = null;
        int index = 0, lastRoleLine = -2;
        foreach (var line in window)
        {
            if (line.Text.Length > MetaLineMaxChars) { index++; continue; }
            var fields = MetaFields.Read(line.Text);
            var labelled = fields.Time is not null || DateLabel().IsMatch(line.Text);
            if ((titleAt >= 0 || labelled) && !line.LinkOnly && !OtherDateLabel().IsMatch(line.Text))
            {
                // "November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM": what follows the update
                // label is the update, what precedes it the publication.
                var text = fields.Time ?? line.Text;
                var update = PublishLabel().IsMatch(line.Text) ? Match.Empty : UpdateLabel().Match(text);
                if (update.Success && PageTime.TryFind(text[update.Index..], chinese, yearHint, out var changed, out _)) updated ??= changed;
                if (update.Success) text = text[..update.Index];
                // A short lead paragraph can hold a date too ("2023年11月1日，国务院…"): a line that looks
                // like a meta line (labels, or no sentence punctuation) wins over it.
                if (PageTime.TryFind(text, chinese, yearHint, out var time, out var inferred))
                {
                    if (labelled || MetaLabel().IsMatch(line.Text) || !Sentence().IsMatch(line.Text)) published ??= (time, inferred);
                    else loosePublished ??= (time, inferred);
                }
            }
            if (authors.Count == 0) authors = BylineReader.FromField(fields.Author, handles: true);
            if (authors.Count == 0) authors = BylineReader.FromBracketBeforeSource(line.Text);
            // Essays and blog posts put the author's name alone on the line under the headline ("胡平",
            // "赵延东、风笑天"); nothing labels it, so every part must read as a Chinese name.
            // The parts are checked as written: "本报记者 王燕平" is a role line, read below with the lines after it.
            if (authors.Count == 0 && titleAt >= 0 && chinese && index <= 1 && NameLine().IsMatch(line.Text.Trim())
                && NameSeparators().Split(line.Text.Trim()) is var parts && parts.All(AuthorNames.IsLikelyChineseName))
                authors = AuthorNames.Parse(line.Text);
            if (authors.Count == 0) authors = BylineReader.FromPostedBy(line.Text);
            // "By Evan Symon, August 14, 2020 2:30 pm" under the headline, in the page's language.
            if (authors.Count == 0 && titleAt >= 0) authors = BylineReader.FromLatinByline(line.Text);
            // Without a headline to anchor on, an unlabelled "记者…" could be any sentence of the body.
            // Reporters of different ranks often get a line each (本报实习生 … / 本报记者 …): consecutive lines add up.
            if (titleAt >= 0 && (roleAuthors.Count == 0 || lastRoleLine == index - 1) && BylineReader.FromRoleLine(line.Text) is { Count: > 0 } role)
            {
                roleAuthors = roleAuthors.Concat(role).Distinct().ToList();
                lastRoleLine = index;
            }
            index++;
            editor ??= BylineReader.FromField(fields.Editor).FirstOrDefault();
            outlet ??= OutletName(fields.Source);
            views ??= ViewsOf(line.Text) ?? fields.Views;
        }
        if (authors.Count == 0) authors = roleAuthors;
        if (authors.Count == 0 && titleAt >= 0) authors = AfterByWordLine(lines, titleAt);
        if (authors.Count == 0 && titleAt >= 0 && !chinese) authors = NameBesideDate(lines, titleAt, yearHint);
        published ??= loosePublished;
        // Without a headline line the whole page stands in for the body, for the strict patterns only.
        var body = lines.Skip(titleAt + 1).Where(l => !l.Boilerplate && !l.LinkOnly).ToList();
        // A labelled 发布时间 further down (under the body, in a side box) is still better than nothing; so is
        // a blog post's footer ("发表于 2004年12月27日 12:40", "Posted by … at …"), which the line reader sets
        // apart with footers and comments: the first labelled line after the headline is the post's own.
        var footer = lines.Skip(titleAt + 1).Where(l => !l.LinkOnly && l.Text.Length <= MetaLineMaxChars && PublishLabel().IsMatch(l.Text))
            .Select(l => PageTime.TryFind(l.Text, chinese, yearHint, out var t, out var inferred) ? (Line: l, Time: t, Inferred: inferred) : default)
            .FirstOrDefault(f => f.Line is not null);
        if (footer.Line is not null) published ??= (footer.Time, footer.Inferred);
        // The same footer names the post's poster ("本贴由大卫于2005年8月12日16:12:21在〖…〗发表").
        if (authors.Count == 0 && footer.Line is not null) authors = BylineReader.FromPostedBy(footer.Line.Text);
        // Blogs and old CMSs give a post its date on a line of its own ("2005-06-14 03:25:55", "Apr 7, 2009"),
        // beside a title the page's headline rules miss: such a dateline dates the first post after the headline.
        published ??= body.Where(l => l.Text.Length <= 40 && Dateline().IsMatch(l.Text) && !UpdateLabel().IsMatch(l.Text))
            .Select(l => PageTime.TryFind(l.Text, chinese, null, out var t, out var inferred) ? (t, inferred) : ((DateTimeOffset, bool)?)null)
            .FirstOrDefault(t => t is not null);
        if (titleAt >= 0) outlet ??= body.Take(15).Select(l => Reported().Match(l.Text)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        editor ??= body.Select(l => EditorLine().Match(l.Text)).FirstOrDefault(m => m.Success) is { } e
            ? BylineReader.FromField(e.Groups[1].Value).FirstOrDefault() : null;
        if (authors.Count == 0) authors = AuthorsBelow(body);
        var credit = titleAt >= 0 ? BylineReader.FromDatelineCredit(body) : [];
        return new VisibleMeta(published?.Time, published is { Inferred: false }, updated, authors, editor, outlet, views, credit);
    }

    // "By" set as a label in a block of its own and the name in the next block (<p class="label">By</p>
    // <p class="full-name">Todd Bates</p>), under the headline or just above it; read in the page's order.
    private static IReadOnlyList<string> AfterByWordLine(IReadOnlyList<PageTextLine> lines, int titleAt)
    {
        for (var i = Math.Max(0, titleAt - 3); i + 1 < lines.Count && i <= titleAt + LinesAfterTitle; i++)
        {
            if (i == titleAt || i + 1 == titleAt || lines[i].Boilerplate || !BylineReader.IsByWord(lines[i].Text.TrimEnd(':', ' '))) continue;
            if (BylineReader.FromField(lines[i + 1].Text) is { Count: > 0 } names) return names;
        }
        return [];
    }

    // A byline box without a "by": the writer's name alone beside the date, on one line ("Jane Doe | 12. März
    // 2020") or on the lines next to it, right under the headline. The date is what makes the line a byline
    // box: a name-like line alone there may be a kicker, a section or a photo credit.
    private static IReadOnlyList<string> NameBesideDate(IReadOnlyList<PageTextLine> lines, int titleAt, int? yearHint)
    {
        bool IsDate(int i) => i > titleAt && i < lines.Count && lines[i].Text.Length <= 60 && PageTime.TryFind(lines[i].Text, false, yearHint, out _, out _);
        for (var i = titleAt + 1; i < lines.Count && i <= titleAt + 8; i++)
        {
            var line = lines[i];
            if (line.Boilerplate || line.Heading > 0 || line.Text.Length > 80) continue;
            var parts = BoxSeparator().Split(line.Text, 2);
            var name = parts[0].Trim();
            if (!AuthorNames.ReadsAsPerson(name) || BylineReader.IsByWord(name[..name.IndexOf(' ')])) continue;
            var dated = parts.Length == 2 ? PageTime.TryFind(parts[1], false, yearHint, out _, out _) : IsDate(i - 1) || IsDate(i + 1);
            if (dated && AuthorNames.Parse(name) is [var one]) return [one];
        }
        return [];
    }

    [GeneratedRegex(@"\s*(?:[|·•,]|\s[-–—/]\s)\s*")]
    private static partial Regex BoxSeparator();

    // Tables put a label in one cell and its value in the next ("发文机关：" | "吉林省人民政府"), which the
    // text reads as two lines: a line that is only a label is joined with the line after it.
    private static IEnumerable<PageTextLine> JoinLabelCells(IEnumerable<PageTextLine> lines)
    {
        PageTextLine? label = null;
        foreach (var line in lines)
        {
            var isLabel = LabelOnly().IsMatch(line.Text);
            if (label is not null && !isLabel && line.Text.Length <= MetaLineMaxChars)
            {
                yield return line with { Text = label.Text + line.Text };
                label = null;
                continue;
            }
            if (label is not null) yield return label;
            label = isLabel ? line : null;
            if (!isLabel) yield return line;
        }
        if (label is not null) yield return label;
    }

    private static IReadOnlyList<string> AuthorsBelow(IReadOnlyList<PageTextLine> body)
    {
        // A labelled 作者： after the article (older CMSs print it under the body) is still the author.
        var labelled = body.Where(l => l.Text.Length <= 80).Select(l => BylineReader.FromField(MetaFields.Read(l.Text).Author, handles: true))
            .FirstOrDefault(a => a.Count > 0);
        if (labelled is not null) return labelled;
        var closing = BylineReader.FromClosingParenthesis(body);
        if (closing.Count > 0) return closing;
        var roleLine = BylineReader.FromBylineLine(body);
        return roleLine.Count > 0 ? roleLine : ClosingByline(body);
    }

    // Regional papers sign an article at its end, on a line of its own after the last paragraph
    // ("… und geht weiter." / "Von Cosima Künzel"). Only right after prose: a "By …" line after a teaser's
    // headline is the teaser's byline.
    private static IReadOnlyList<string> ClosingByline(IReadOnlyList<PageTextLine> body)
    {
        for (var i = 1; i < body.Count && i < 400; i++)
        {
            var (line, before) = (body[i].Text, body[i - 1].Text);
            if (line.Length > 60 || before.Length < 150 || !TextMeasure.EndsLikeSentence(before)) continue;
            if (BylineReader.FromLatinByline(line) is { Count: > 0 } names) return names;
        }
        return [];
    }

    /// <summary>The line of the headline: an h1 first, then plain text equal to it, skipping links (teasers repeat headlines).</summary>
    public static int TitleLine(IReadOnlyList<PageTextLine> lines, string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return -1;
        var key = Compact(title);
        if (key.Length == 0) return -1;
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].Heading == 1 && Compact(lines[i].Text) == key) return i;
        for (var i = 0; i < lines.Count; i++)
            if (!lines[i].LinkOnly && !lines[i].Boilerplate && Compact(lines[i].Text) == key) return i;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = Compact(lines[i].Text);
            if (!lines[i].LinkOnly && !lines[i].Boilerplate && text.Length <= key.Length + 30 && text.Contains(key, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    private static string TitleRemainder(string line, string title)
    {
        var at = line.IndexOf(title.Trim(), StringComparison.Ordinal);
        if (at >= 0) return (line[..at] + " " + line[(at + title.Trim().Length)..]).Trim();
        return Compact(line).Length <= Compact(title).Length + 2 ? "" : line;
    }

    private static IEnumerable<PageTextLine> Window(IReadOnlyList<PageTextLine> lines, int titleAt, string? title)
    {
        if (titleAt < 0)
        {
            foreach (var line in lines.Where(l => !l.Boilerplate)) yield return line;
            yield break;
        }
        // The title line itself may carry the meta block when the headline sits in a table cell with it.
        // Its own text is left out: a headline may well contain a date ("2023年11月8日国务院常务会议").
        var rest = TitleRemainder(lines[titleAt].Text, title!);
        if (rest.Length > 0) yield return lines[titleAt] with { Text = rest };
        var chars = 0;
        for (var i = titleAt + 1; i < lines.Count && i <= titleAt + LinesAfterTitle && chars < CharsAfterTitle; i++)
        {
            if (lines[i].Boilerplate) continue;
            chars += lines[i].Text.Length;
            yield return lines[i];
        }
        for (var i = titleAt - 1; i >= 0 && i >= titleAt - 3; i--)
            if (!lines[i].Boilerplate) yield return lines[i];
    }

    private static string? OutletName(string? source)
    {
        if (string.IsNullOrWhiteSpace(source)) return null;
        var name = Brackets().Replace(source, " ").Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return name is { Length: >= 2 and <= 30 } && !name.Any(char.IsDigit) ? name : null;
    }

    private static long? ViewsOf(string line) =>
        ViewCounter().Match(line) is { Success: true } m && long.TryParse(m.Groups[1].Value.Replace(",", ""), out var v) ? v : null;

    private static string Compact(string s) => NotWord().Replace(s, "");

    [GeneratedRegex(@"(?:发布|发表|时间|日期|更新|Published|Updated|Posted)", RegexOptions.IgnoreCase)]
    private static partial Regex DateLabel();

    // A date alone: digits and separators, at most a weekday and a month name, an AM/PM, 年月日时分秒.
    [GeneratedRegex(@"^[\s\d/.\-:,年月日时分秒]*(?:\p{L}{3,10}\b\.?,?[\s\d/.\-:,]*){0,2}(?:[AaPp]\.?[Mm]\.?)?\s*$")]
    private static partial Regex Dateline();

    [GeneratedRegex(@"^[\u4e00-\u9fff]{2,4}(?:\s*[、，,\s]\s*[\u4e00-\u9fff]{2,4}){0,4}$")]
    private static partial Regex NameLine();

    [GeneratedRegex(@"\s*[、，,\s]\s*")]
    private static partial Regex NameSeparators();

    [GeneratedRegex(@"^[\u4e00-\u9fff ]{2,8}[:：]$")]
    private static partial Regex LabelOnly();

    // Dates of a document's life that are not its publication (government pages show 成文日期 beside 发布日期).
    [GeneratedRegex(@"(?:成文|印发|生效|实施|施行|废止|失效|截止)(?:日期|时间)")]
    private static partial Regex OtherDateLabel();

    [GeneratedRegex(@"[，。！？；]|[,.!?;]\s")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"(?:来源|作者|记者|编辑|阅读|浏览|点击|字号|分享)")]
    private static partial Regex MetaLabel();

    // In the languages whose dates PageTime reads: German, French, Spanish, Portuguese, Italian, Dutch.
    [GeneratedRegex(@"(?:更新|修改|Updated|Aktualisiert|Mis à jour|Actualizado|Atualizado|Aggiornato|Bijgewerkt)", RegexOptions.IgnoreCase)]
    private static partial Regex UpdateLabel();

    [GeneratedRegex(@"(?:发布|发表|Published|Posted)", RegexOptions.IgnoreCase)]
    private static partial Regex PublishLabel();

    [GeneratedRegex(@"^[（(]?\s*据([\u4e00-\u9fff]{2,8}?)(?:报道|消息|电)")]
    private static partial Regex Reported();

    [GeneratedRegex(@"(?:(?:责任编辑|责编)\s*[:：]?|(?<![\u4e00-\u9fff])编辑\s*[:：])\s*([^\s）)】\]]{2,12})")]
    private static partial Regex EditorLine();

    [GeneratedRegex(@"(?:阅读|浏览|点击|人气)(?:量|数|次数)?\s*[:：(（]?\s*(\d[\d,]*)")]
    private static partial Regex ViewCounter();

    [GeneratedRegex(@"[\[\]【】（）()<>《》]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"[\s\p{P}\p{S}]+")]
    private static partial Regex NotWord();
}
