namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Phrases that mark where a news page's article ends and its furniture begins. Kept as data so
/// that a new site's wording is a one-line change, not new code.
/// </summary>
public sealed class BoilerplatePhrases
{
    public static readonly BoilerplatePhrases Default = new(
        bodyEnders: ["展开全文", "阅读全文", "点击展开全文", "查看全文", "展开阅读全文"],
        teaserHeadings: ["相关文章", "相关资讯", "热门资讯", "推荐阅读", "相关阅读", "热门推荐", "猜你喜欢", "热点推荐", "延伸阅读", "相关新闻"],
        footerPrefixes: ["版权所有", "Copyright", "©", "关于我们", "联系我们", "免责声明"]);

    private readonly HashSet<string> _bodyEnders;
    private readonly HashSet<string> _teaserHeadings;
    private readonly string[] _footerPrefixes;

    public BoilerplatePhrases(IEnumerable<string> bodyEnders, IEnumerable<string> teaserHeadings, IEnumerable<string> footerPrefixes)
    {
        _bodyEnders = [.. bodyEnders];
        _teaserHeadings = [.. teaserHeadings];
        _footerPrefixes = [.. footerPrefixes];
    }

    /// <summary>A line at which the article body stops: an expand button, a teaser heading or a footer.</summary>
    public bool EndsBody(string line) => _bodyEnders.Contains(line) || IsTeaserHeading(line) || IsFooter(line);

    public bool IsTeaserHeading(string line) => _teaserHeadings.Contains(line.TrimEnd(':', '：'));

    public bool IsFooter(string line) => _footerPrefixes.Any(p => line.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
