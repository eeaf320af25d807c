using NewsPortal.Core.Ingestion.Html;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Phrases that mark where a news page's article ends and its furniture begins. Kept as data so
/// that a new site's wording is a one-line change, not new code.
/// </summary>
public sealed partial class BoilerplatePhrases
{
    public static readonly BoilerplatePhrases Default = new(
        bodyEnders: ["展开全文", "阅读全文", "点击展开全文", "查看全文", "展开阅读全文"],
        teaserHeadings: ["相关文章", "相关资讯", "热门资讯", "推荐阅读", "相关阅读", "热门推荐", "猜你喜欢", "热点推荐", "延伸阅读", "相关新闻"],
        footerPrefixes: ["版权所有", "Copyright", "©", "关于我们", "联系我们", "免责声明"],
        moreTeaserHeadings: ["相关内容", "相关报道", "相关链接", "更多阅读", "热门文章", "最新文章", "精彩推荐", "为您推荐", "相关推荐", "大家都在看",
            "热门排行", "今日推荐", "相關文章", "相關閱讀", "推薦閱讀", "熱門文章", "延伸閱讀", "相關新聞", "熱門推薦", "相關報導", "Related", "Related articles", "Related stories", "Related news", "Related content",
            "Read more", "More stories", "More from", "Recommended", "You may also like", "Most popular", "Most read",
            "Lesen Sie auch", "Schon gelesen?", "Mehr zum Thema", "Das könnte Sie auch interessieren", "Weitere Artikel", "Auch interessant",
            "Lire aussi", "À lire aussi", "Sur le même sujet", "Lea también", "Te puede interesar", "Noticias relacionadas", "Leia também"],
        editorPrefixes: ["原标题", "责任编辑", "责编", "编辑", "本文编辑", "值班编辑", "实习编辑", "网络编辑", "审核", "审校", "校对", "监制", "终审", "初审", "复审", "编审"],
        bylinePrefixes: ["本报记者", "本报实习生", "本报通讯员", "记者", "通讯员", "实习生"],
        dropLines: ["展开全文", "阅读全文", "点击展开全文", "查看全文", "展开阅读全文", "返回顶部", "回到顶部", "分享到", "分享至", "打印本页", "关闭窗口",
            "【打印】", "【关闭】", "[打印]", "[关闭]", "扫一扫", "字号", "收藏本文", "点击进入专题", "发表评论", "我要评论", "网友评论", "查看评论", "更多内容请", "更多精彩", "欢迎关注", "点击关注", "长按二维码", "扫描二维码",
            "阅读原文", "Advertisement", "Skip Advertisement",
            "Share this article", "Share this", "Share", "Tweet", "Print", "Email"],
        metaLineWords: ["来源", "作者", "发布", "发表于", "时间：", "浏览", "阅读：", "阅读量", "点击", "来自", "字体", "字号", "Posted", "Published",
            "Publicado", "Categoria", "Category", "Updated", "By ", "原创", "Get short URL", "短网址",
            "Aktualisiert", "Veröffentlicht", "Publiziert", "Mis à jour", "Publié", "Actualizado", "Atualizado"],
        disclaimerPrefixes: ["About the Author", "免责声明", "声明：", "版权声明", "特别声明", "郑重声明", "转载请注明", "本文来源于网络", "本网站所刊载信息", "凡本网注明",
            "Trackback", "引用通告",
            // Under every item of an outlet or a plugin: Reuters' trust badge, a WordPress feed plugin's credit.
            "我们的标准：", "我們的標準：", "Our Standards:", "Feed enhanced by"]);

    private readonly HashSet<string> _bodyEnders;
    private readonly HashSet<string> _teaserHeadings;
    private readonly string[] _footerPrefixes;
    private readonly string[] _editorPrefixes;
    private readonly string[] _bylinePrefixes;
    private readonly string[] _dropLines;
    private readonly string[] _disclaimerPrefixes;
    private readonly string[] _metaLineWords;
    private readonly HashSet<string> _pageTeaserHeadings;
    private readonly HashSet<(int Cjk, int Words)> _pageTeaserHeadingSizes;

    /// <param name="moreTeaserHeadings">Teaser headings that only mark a list on a web page, not the end of a text dump.</param>
    /// <param name="editorPrefixes">Staff and provenance labels (责任编辑, 原标题…): a short line starting with one is not article text.</param>
    /// <param name="dropLines">Buttons and widgets (展开全文, 返回顶部, 分享到…): a short line starting with one is dropped.</param>
    /// <param name="metaLineWords">Words of a dateline (来源, 作者, Posted…): a short line with a date and one of them is page metadata.</param>
    /// <param name="disclaimerPrefixes">Copyright and disclaimer notes: the article ends where one starts.</param>
    /// <param name="bylinePrefixes">A newspaper's byline words (本报记者…): a line of the word and names only is not article text.</param>
    public BoilerplatePhrases(IEnumerable<string> bodyEnders, IEnumerable<string> teaserHeadings, IEnumerable<string> footerPrefixes,
        IEnumerable<string>? moreTeaserHeadings = null, IEnumerable<string>? editorPrefixes = null,
        IEnumerable<string>? dropLines = null, IEnumerable<string>? metaLineWords = null, IEnumerable<string>? disclaimerPrefixes = null,
        IEnumerable<string>? bylinePrefixes = null)
    {
        _bodyEnders = [.. bodyEnders];
        _teaserHeadings = [.. teaserHeadings];
        _pageTeaserHeadings = new HashSet<string>(_teaserHeadings.Concat(moreTeaserHeadings ?? []), StringComparer.OrdinalIgnoreCase);
        _pageTeaserHeadingSizes = [.. _pageTeaserHeadings.Select(h => TextMeasure.Count(h) is var c ? (c.Cjk, c.Words) : default)];
        _footerPrefixes = [.. footerPrefixes];
        _editorPrefixes = [.. editorPrefixes ?? []];
        _bylinePrefixes = [.. bylinePrefixes ?? []];
        _dropLines = [.. dropLines ?? []];
        _disclaimerPrefixes = [.. disclaimerPrefixes ?? []];
        _metaLineWords = [.. metaLineWords ?? []];
    }

    /// <summary>A line at which the article body stops: an expand button, a teaser heading or a footer.</summary>
    public bool EndsBody(string line) => _bodyEnders.Contains(line) || IsTeaserHeading(line) || IsFooter(line);

    public bool IsTeaserHeading(string line) => _teaserHeadings.Contains(line.TrimEnd(':', '：'));

    public bool IsFooter(string line) => _footerPrefixes.Any(p => line.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>A heading over a web page's own teaser list (相关文章, Related articles…).</summary>
    public bool IsPageTeaserHeading(string line) => _pageTeaserHeadings.Contains(line.Trim().TrimEnd(':', '：', '>', '›', '»').Trim());

    /// <summary>
    /// False when text of this size cannot be a page teaser heading: a check on counts the page index
    /// already has, before the element's text is built and compared.
    /// </summary>
    internal bool CouldBePageTeaserHeading(TextCounts counts) => _pageTeaserHeadingSizes.Contains((counts.Cjk, counts.Words));

    /// <summary>A short staff or provenance line: 责任编辑：张三, （编辑 李四）, 原标题：….</summary>
    public bool IsEditorLine(string line)
    {
        var trimmed = line.TrimStart('（', '(', '【', '[', ' ', '　');
        if (trimmed.Length > 80) return false;
        if (IsBylineLine(trimmed)) return true;
        foreach (var prefix in _editorPrefixes)
        {
            if (!trimmed.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var rest = trimmed[prefix.Length..];
            if (rest.Length == 0 || rest[0] is '：' or ':' or ' ' or '　' or '/' or '|' or '】' or ']') return true;
        }
        return false;
    }

    // A newspaper's byline on a line of its own (本报记者 王燕平 方云凤): the word and names, nothing that reads as a
    // sentence, as "记者：请问…" in an interview does.
    private bool IsBylineLine(string trimmed)
    {
        if (trimmed.Length > 40) return false;
        foreach (var prefix in _bylinePrefixes)
        {
            if (!trimmed.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var rest = trimmed[prefix.Length..];
            if (rest.Length == 0 || rest[0] is not (' ' or '　' or '：' or ':')) continue;
            if (!rest[1..].Any(c => TextMeasure.IsProsePunctuation(c) && c is not ('、' or '，' or ','))) return true;
        }
        return false;
    }

    /// <summary>
    /// A widget's label (展开全文, 分享到…) standing as a line of its own, or a promotional aside wholly in
    /// brackets (（更多内容请继续关注 某某网 www.example.cn）).
    /// </summary>
    public bool IsDropLine(string line)
    {
        var whole = line.Trim();
        // A bracketed aside may name the site and its address, so it runs longer than a button label; a
        // bracket that closes mid-line means running text that only opens with an aside.
        var maxLength = IsBracketed(whole) ? 60 : 30;
        var trimmed = whole.TrimStart('（', '(', '【', '[', ' ', '　');
        return trimmed.Length <= maxLength && _dropLines.Any(p => trimmed.StartsWith(p, StringComparison.OrdinalIgnoreCase)
            && (trimmed.Length == p.Length || !char.IsLetter(trimmed[p.Length]) || TextMeasure.IsCjk(p[0])));
    }

    private static readonly System.Buffers.SearchValues<char> ClosingBrackets = System.Buffers.SearchValues.Create("）)】]");

    private static bool IsBracketed(string line) =>
        line.Length >= 2 && (line[0], line[^1]) is ('（', '）') or ('(', ')') or ('【', '】') or ('[', ']')
        && line.AsSpan().IndexOfAny(ClosingBrackets) == line.Length - 1;

    /// <summary>A disclaimer or copyright note, after which a page has no more article.</summary>
    public bool IsDisclaimer(string line)
    {
        var trimmed = line.TrimStart('（', '(', '【', '[', ' ', '　');
        if (_disclaimerPrefixes.Any(p => trimmed.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || IsFooter(trimmed)) return true;
        // A heading set out letter by letter (郑 重 声 明): Chinese has no spaces between words to lose.
        return trimmed.Length <= 24 && trimmed.Contains(' ') && TextMeasure.IsCjk(trimmed[0]) && IsDisclaimer(trimmed.Replace(" ", "", StringComparison.Ordinal).Replace("　", "", StringComparison.Ordinal));
    }

    /// <summary>A short dateline such as "2022.01.20 16:31 来源：河南日报客户端" or "05/10/2018 - Publicado por: …".</summary>
    public bool IsMetaLine(string line) =>
        line.Length <= 120 && TextMeasure.Tokens(line) <= 30 && DateInLine().IsMatch(line) && _metaLineWords.Any(w => line.Contains(w, StringComparison.OrdinalIgnoreCase));

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}\s*[-./年]\s*\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{1,2}:\d{2}")]
    private static partial System.Text.RegularExpressions.Regex DateInLine();
}
