using System.Text.RegularExpressions;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Author names from the places pages write them: a labelled field (<c>作者：张三 李四</c>), a role line
/// (<c>新京报记者 彭冲 山东冠县报道</c>), a closing parenthesis (<c>……。（记者 张倩）</c>) or an English
/// byline (<c>By Erin Cunningham</c>). What follows the names on the same line is cut off.
/// </summary>
internal static partial class BylineReader
{
    /// <summary>The value of a labelled field; trailing words that are not names are dropped one by one.</summary>
    /// <param name="handles">The field is a visible <c>作者：</c> label, so a lone user name (<c>zboygirl</c>) counts.</param>
    public static IReadOnlyList<string> FromField(string? value, bool handles = false)
    {
        if (string.IsNullOrWhiteSpace(value) || AuthorNames.SaysNoOne(value.Trim())) return [];
        // The "by" goes first: a labelled "Autor: c1ph4" would otherwise be cut at its colon.
        var text = Cut().Split(ByPrefix().Replace(value.Trim(), ""))[0];
        text = Brackets().Replace(text, " ");
        text = ByPrefix().Replace(text.Trim(), "");
        text = Credential().Replace(text, "");
        text = TrailingRole().Replace(text, "");
        // A news agency's credit, with the desk's or the writer's short code ("det/dpa", "dpa/lno"): the
        // agency wrote the piece, and the credit is given as the page prints it.
        if (Credit().IsMatch(text.Trim())) return [TextNormalizer.CollapseWhitespace(text)];
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(t => !t.EndsWith("报道", StringComparison.Ordinal)).ToList();
        if (tokens.Any(t => t.Any(char.IsAsciiLetter)))
        {
            var latin = AuthorNames.Parse(string.Join(' ', tokens));
            return latin.Count == 0 && handles && tokens is [var handle] && AuthorNames.IsHandle(handle) ? [handle] : latin;
        }
        for (var n = tokens.Count; n > 0; n--)
        {
            var names = AuthorNames.Parse(string.Join(' ', tokens.Take(n)));
            if (names.Count > 0) return names;
        }
        return [];
    }

    /// <summary>
    /// The poster of a blog entry or forum post: <c>ggjjzhzz 发表于 2005-9-15 11:46:00</c>,
    /// <c>本贴由 大卫 于2005年8月12日16:12:21在〖…〗发表</c>.
    /// </summary>
    public static IReadOnlyList<string> FromPostedBy(string line)
    {
        if (line.Length > 120) return [];
        var match = PostedBy().Match(line);
        if (!match.Success) match = PostedByForum().Match(line);
        if (!match.Success) return [];
        var name = match.Groups["name"].Value;
        return AuthorNames.Parse(name) is { Count: > 0 } names ? names : AuthorNames.IsHandle(name) ? [name] : [];
    }

    [GeneratedRegex(@"(?:^|\s)(?<name>[^\s:：\]】]{2,20})\s+(?:发表于|发布于)\s*[:：]?\s*(?:19|20)\d{2}")]
    private static partial Regex PostedBy();

    [GeneratedRegex(@"本[贴帖文]由\s*(?<name>\S{2,20}?)\s*于\s*(?:19|20)\d{2}")]
    private static partial Regex PostedByForum();

    /// <summary>Names after a reporter's role on a short meta line; only 2–4 character CJK person names.</summary>
    public static IReadOnlyList<string> FromRoleLine(string line)
    {
        var match = RoleLine().Match(line);
        if (!match.Success) return [];
        var names = new List<string>();
        foreach (Capture token in match.Groups["name"].Captures)
        {
            // "记者惠禾" is captured as one token: AuthorNames strips the role, and a bare role yields nothing.
            foreach (var name in AuthorNames.Parse(token.Value))
                if (!Role().IsMatch(name) && !names.Contains(name)) names.Add(name);
        }
        return names;
    }

    /// <summary>
    /// The unlabelled name in brackets that old portal templates (Sohu 2003–2008 and its imitators) print
    /// after the date, before the source: <c>2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]</c>.
    /// </summary>
    public static IReadOnlyList<string> FromBracketBeforeSource(string line) =>
        BracketBeforeSource().Match(line) is { Success: true } m ? AuthorNames.Parse(m.Groups[1].Value) : [];

    /// <summary>A short body line that is only a byline, as many pages put at the end: <c>新京报记者 彭冲 山东冠县报道</c>.</summary>
    public static IReadOnlyList<string> FromBylineLine(IEnumerable<PageTextLine> body)
    {
        foreach (var line in body.Take(300))
        {
            if (line.Text.Length > 40 || RoleLine().Match(line.Text) is not { Success: true, Index: <= 4 }) continue;
            if (FromRoleLine(line.Text) is { Count: > 0 } names) return names;
        }
        return [];
    }

    /// <summary>The first body paragraph that ends in a byline parenthesis: <c>（常书香 马丹阳）</c>.</summary>
    public static IReadOnlyList<string> FromClosingParenthesis(IEnumerable<PageTextLine> body)
    {
        foreach (var line in body.Take(200))
        {
            var match = ClosingParenthesis().Match(line.Text);
            if (!match.Success) match = ParenthesisLine().Match(line.Text);
            if (!match.Success) continue;
            var names = AuthorNames.Parse(match.Groups[1].Value).Where(n => !NotBylines.Contains(n)).ToList();
            if (names.Count > 0) return names;
        }
        return [];
    }

    /// <summary>
    /// The agency credit of a wire story's dateline, at the start of its first paragraph: <c>Hamburg (dpa/lno) –
    /// Trotz …</c>, <c>PARIS (AFP) - …</c>. The agency is the writer when the page names no one else.
    /// </summary>
    public static IReadOnlyList<string> FromDatelineCredit(IEnumerable<PageTextLine> body)
    {
        foreach (var line in body.Where(l => l.Text.Length >= 60).Take(3))
            if (DatelineCredit().Match(line.Text) is { Success: true } m && Credit().IsMatch(m.Groups["credit"].Value.Trim()))
                return [TextNormalizer.CollapseWhitespace(m.Groups["credit"].Value)];
        return [];
    }

    private const string Agencies = "(?i:dpa|afp|apa|sda|ap|kna|epd|ddp|dts|reuters|efe|ansa|ats|belga|anp|aap|upi|sid|kap|ots)";

    // "det/dpa", "dsw / DPA", "dpa": an agency, and the short lower-case codes of the desk or writer beside it.
    [GeneratedRegex(@"^(?:(?:[a-z]{2,4}|" + Agencies + @")\s*/\s*)*" + Agencies + @"(?:\s*/\s*(?:[a-z]{2,4}|" + Agencies + "))*$")]
    private static partial Regex Credit();

    [GeneratedRegex(@"^\p{Lu}[\p{L}\p{M}.'’ /-]{1,40}?\s*\((?<credit>[^()]{2,30})\)\s*[-–—:]")]
    private static partial Regex DatelineCredit();

    // Parenthesised words that end articles without naming anyone.
    private static readonly HashSet<string> NotBylines = ["待续", "未完待续", "全文完", "本文完", "图片", "视频", "图文", "组图", "原标题"];

    // What follows the names on a meta line: a date, a separator, the next label, or a blog's counters
    // ("作者:zboygirl 阅读(1660) 评论(5) 发表于:…").
    // English bylines run on into the date the same way ("by Jeff Foust Monday, November 18, 2019").
    [GeneratedRegex(@"\s*(?:,\s*\d|\s//\s|(?:19|20)\d{2}[-/.年]|\||｜|来源|[:：]|\d{1,2}:\d{2}|阅读|评论|浏览|点击|发表于|发布于|出自|出处|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:Published|Updated|Posted)\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b)")]
    private static partial Regex Cut();

    [GeneratedRegex(@"(?:^|\s)[\[【]\s*((?:[\u4e00-\u9fff·]{2,4}[\s、]*){1,4})[\]】][\s\p{Co}]*(?:来源|出处)\s*[:：]")]
    private static partial Regex BracketBeforeSource();

    [GeneratedRegex(@"[\[\]【】（）()]")]
    private static partial Regex Brackets();

    // Degrees and titles after an English name ("Brenda Goodman, MA"), which would pass as names.
    [GeneratedRegex(@",\s*(?:[A-Z]{2,4}|Ph\.?D\.?|M\.D\.|Jr\.?|Sr\.?)\b\.?")]
    private static partial Regex Credential();

    /// <summary>
    /// The names of a line that opens with the page language's "by" and goes on to a name: <c>By Evan
    /// Symon, August 14, 2020</c>, <c>Par Barbara Stiegler</c>, <c>von Andreas Kürten</c>, or that labels them
    /// (<c>Autor: c1ph4</c>).
    /// </summary>
    public static IReadOnlyList<string> FromLatinByline(string line)
    {
        if (line.Length > 120) return [];
        if (LatinByline().IsMatch(line)) return FromField(line);
        // A labelled author inside a meta line: "22. Januar 2020 @ 18:13 // Autor: c1ph4 // ~ Lesezeit".
        return LabelledAuthor().Match(line) is { Success: true } label ? FromField(line[(label.Index + label.Length)..], handles: true) : [];
    }

    [GeneratedRegex(@"\b(?:Autor(?:in)?|Author|Auteur|Texto?)\s*:\s*(?=\S)")]
    private static partial Regex LabelledAuthor();

    // A role printed after the name in an author box: "Harald Bauer Autor", "Jane Doe, Staff Writer".
    [GeneratedRegex(@",?\s+(?:Autor(?:in)?|Author|Redakteur(?:in)?|Reporter(?:in)?|Journalist(?:in)?|Staff Writer|Correspondent|Contributor)\s*$")]
    private static partial Regex TrailingRole();

    /// <summary>The page language's "by" on its own (<c>By</c>, <c>von</c>, <c>Par</c>…), as a byline sets it apart from the names.</summary>
    public static bool IsByWord(string word) => ByWordAlone().IsMatch(word);

    [GeneratedRegex("^" + ByWords + "$")]
    private static partial Regex ByWordAlone();

    /// <summary>The label of a "written by" field in the languages of the pages we read.</summary>
    public static bool IsWrittenByLabel(string label) => WrittenByLabel().IsMatch(label);

    [GeneratedRegex(@"^(?:written by|verfasst von|geschrieben von|escrito por|écrit par|scritto da|geschreven door|autor(?:in)?|author|auteur)$", RegexOptions.IgnoreCase)]
    private static partial Regex WrittenByLabel();

    // The page language's "by" before names, and the labels that name the author field; one list for
    // telling a byline line (LatinByline) and for taking the prefix off it (ByPrefix).
    // Besides the bare "by", the phrasings that credit a piece to its writer: "Ein Beitrag von", "Gastbeitrag
    // von", "Article by", "Story by", "Un article de", "Propos recueillis par" (who asked an interview's questions).
    private const string ByWords = @"(?:(?:\p{Lu}\p{Ll}+[ -])?(?:[Gg]ast)?[Bb]eitrag von|[Aa]rtikel von|[Tt]ext von|[Aa]rticle by|[Ss]tory by|[Ww]ords by|[Tt]ext by|[Gg]uest post by|[Rr]eported by|[Uu]n article de|[Rr]édigé par|[Pp]ropos recueillis par|[Rr]edactado por|[Uu]n artículo de|[Aa]rticolo di|[Ww]ritten by|[Pp]osted by|[Pp]ublished by|[Vv]eröffentlicht von|[Gg]eschrieben von|[Vv]erfasst von|[Ee]scrito por|[Pp]ublicado por|[Éé]crit par|[Pp]ublié par|[Ss]critto da|[Pp]ubblicato da|[Bb]y|BY|[Pp]ar|PAR|[Vv]on|VON|[Pp]or|POR|[Dd]i|[Dd]oor|[Aa]v|[Aa]f)";
    private const string ByWord = ByWords + @"\s*:?\s+";
    private const string AuthorLabel = @"(?:[Aa]utor(?:in)?|[Aa]uthor|[Aa]uteur|[Tt]exto?)\s*:\s*";

    // "Von" and "Di" are also name particles ("Von Miller"), so a prefix is only taken when a name follows it.
    [GeneratedRegex("^(?:" + ByWord + "|" + AuthorLabel + @")(?=\p{L})")]
    private static partial Regex LatinByline();

    [GeneratedRegex("^(?:" + ByWord + @"(?=\p{L}\S*\s*\S)|" + AuthorLabel + @"|文\s*[/｜|]|作者\s*[:：]?)\s*")]
    private static partial Regex ByPrefix();

    // A role word (记者, 实习生…) possibly after an outlet ("新京报记者"), then names up to the first
    // token that is not a 2–4 character Han name. 作者 counts only after 文/ (【文/观察者网专栏作者 王文】):
    // alone it is too common a word ("该作者文章"). The names must end the line or a segment of it:
    // "据记者采访了解，…" is a sentence, not a byline.
    [GeneratedRegex(@"(?:^|[\s（(【])(?:\S{0,10}?(?:记者|实习生|通讯员)|文\s*[/｜|]\s*(?:\S{0,10}?作者)?)\s*[:：]?\s*(?:(?<name>[\u4e00-\u9fff·]{2,4})(?![\u4e00-\u9fff])\s*[、，,]?\s*)+(?<=[\u4e00-\u9fff·\s])(?=$|[\s)）】|｜/])")]
    private static partial Regex RoleLine();

    [GeneratedRegex(@"(?:记者|实习生|通讯员|编辑|作者)$")]
    private static partial Regex Role();

    // Body text, then "（总台记者 张倩）" or "（常书香 马丹阳 ）" at the very end of the paragraph.
    [GeneratedRegex(@"[。！？”]\s*[（(]\s*(?:[\u4e00-\u9fff]{0,6}记者\s*)?((?:[\u4e00-\u9fff·]{2,4}[\s、]*){1,5})[）)]$")]
    private static partial Regex ClosingParenthesis();

    // A paragraph that is only the byline: "（袁源）", "（记者 张三 李四）".
    [GeneratedRegex(@"^[（(]\s*(?:[\u4e00-\u9fff]{0,6}记者\s*)?((?:[\u4e00-\u9fff·]{2,4}[\s、]*){1,5})[）)]$")]
    private static partial Regex ParenthesisLine();
}
