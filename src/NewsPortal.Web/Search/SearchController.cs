using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Npgsql;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Search;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Text;
using NewsPortal.Web.Delivery;
using NewsPortal.Web.Feeds;
using NewsPortal.Web.Infrastructure;
using NewsPortal.Web.Navigation;

namespace NewsPortal.Web.Search;

/// <summary>The reader's search form and what it asks for: filters as given, the query as <see cref="SearchQuery"/> keeps it.</summary>
public sealed record SearchForm(SearchQuery Query, long? Outlet, string? Language, DateOnly? From, DateOnly? To, bool ByTime)
{
    public static readonly IReadOnlyList<(string Value, string Label)> Languages = [("", "全部语言"), .. Sections.All.Select(s => (s.Slug, s.Label))];

    public SearchFilters Filters => new(
        Outlet, Sections.TryParse(Language, out var section) ? section : null,
        From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime() : null,
        To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime() : null,
        ByTime);

    /// <summary>The query string of this search (without a cursor), for links to its pages and feeds.</summary>
    public string QueryString(bool? byTime = null)
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(Query.Text) };
        if (Outlet is { } outlet) parts.Add("outlet=" + outlet.ToString(CultureInfo.InvariantCulture));
        if (Language is not null) parts.Add("lang=" + Language);
        if (From is { } from) parts.Add("from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (To is { } to) parts.Add("to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (byTime ?? ByTime) parts.Add("sort=time");
        return string.Join("&", parts);
    }
}

public sealed record SearchPageModel(SearchForm Form, IReadOnlyList<SearchHit> Hits, string? NextPageUrl, bool IsFirstPage, bool WindowFull,
    string? Problem, IReadOnlyList<OutletListing> Outlets);

/// <summary>
/// <c>/search</c>: Chinese and Latin full-text search with filters by outlet, language and China-time
/// dates, by relevance (default) or time, keyset-paged, and as RSS/Atom (newest matches first).
/// Nothing a reader can type gives a 500: the query is cut and split at syntax (see
/// <see cref="SearchQuery"/>), a filter that is not one is ignored, a cursor that is not one is 400.
/// </summary>
public sealed class SearchController([FromKeyedServices(ReadDataSource.Key)] SearchStore search, [FromKeyedServices(ReadDataSource.Key)] ArticleStore articles, OutletDirectoryCache outlets, FeedWriter writer,
    TimeProvider time, Metrics.PortalMetrics metrics, ILogger<SearchController> logger) : Controller
{
    public const int PageSize = 20;
    public const int FeedItemCount = 50;

    [HttpGet("/search")]
    [OutputCache(PolicyName = PageCache.Pages)]
    public async Task<IActionResult> Index(string? q, string? outlet, string? lang, string? from, string? to, string? sort, string? after, CancellationToken ct)
    {
        if (!SearchCursor.TryParse(after, out var cursor)) return BadRequest();
        var form = FormOf(q, outlet, lang, from, to, sort);
        var directory = await outlets.GetAsync(ct);
        if (form.Query.IsEmpty)
            return View(new SearchPageModel(form, [], null, true, false, q is null ? null : "请输入要搜索的字词。", directory));
        try
        {
            var page = await search.SearchAsync(form.Query, form.Filters, cursor, PageSize, time.GetUtcNow(), ct);
            metrics.SearchQuery("ok");
            var next = page.Next is null ? null : $"/search?{form.QueryString()}&after={page.Next}";
            return View(new SearchPageModel(form, page.Hits, next, cursor is null, page.WindowFull, null, directory));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            metrics.SearchQuery("timeout");
            logger.LogWarning("Search for {Query} ran out of time", form.Query.Text);
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return View(new SearchPageModel(form, [], null, true, false, "这次搜索用时过长，请加上更具体的字词或缩小日期范围。", directory));
        }
    }

    /// <summary>A search's feeds, newest matches first: /search/rss.xml, atom.xml, feed.json with the page's query.</summary>
    [HttpGet("/search/{file}")]
    [OutputCache(PolicyName = PageCache.Feeds)]
    public async Task<IActionResult> Feed(string file, string? q, string? outlet, string? lang, string? from, string? to, CancellationToken ct) =>
        FeedFormats.TryParse(file, out var format) ? await FeedAsync(FormOf(q, outlet, lang, from, to, "time"), format, ct) : NotFound();

    private async Task<IActionResult> FeedAsync(SearchForm form, FeedFormat format, CancellationToken ct)
    {
        if (form.Query.IsEmpty) return NotFound();
        var page = await search.SearchAsync(form.Query, form.Filters, null, FeedItemCount, time.GetUtcNow(), ct);
        metrics.SearchQuery("ok");
        var items = await articles.DetailsAsync(page.Hits.Select(h => h.Item.Id).ToList(), ct);
        var query = form.QueryString(byTime: false);
        var channel = new FeedChannel($"搜索：{form.Query.Text}", $"含“{form.Query.Text}”的最新文章",
            $"/search/rss.xml?{query}", $"/search/atom.xml?{query}", $"/search?{form.QueryString(byTime: true)}");
        var baseUrl = SiteUrls.BaseUrl(Request);
        return File(writer.Write(format, items, baseUrl, channel), FeedFormats.ContentType(format));
    }

    private static SearchForm FormOf(string? q, string? outlet, string? lang, string? from, string? to, string? sort) => new(
        SearchQuery.Parse(q),
        long.TryParse(outlet, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null,
        Sections.TryParse(lang, out _) ? lang : null,
        Date(from), Date(to),
        sort == "time");

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 1900 and <= 9998 ? d : null;
}
