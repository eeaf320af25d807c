using System.Net;
using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Stories as ingestion forms them from real feed dumps of labelled events, and as readers see them:
/// the article page's sidebar, the story page, the front page and the story feeds. One portal for
/// the class; nothing here changes it.
/// </summary>
public sealed class StoryTests(StoryPortal portal) : IClassFixture<StoryPortal>
{
    private readonly HttpClient _client = portal.Portal.CreateClient();

    private async Task<Dictionary<string, long>> IdsAsync(params string[] files)
    {
        var ids = new Dictionary<string, long>();
        foreach (var file in files) ids[file] = await portal.IdOfAsync(file);
        return ids;
    }

    public static TheoryData<string, string[]> LabelledEvents => new()
    {
        { "dev-019 sanctions, three outlets", StoryPortal.Sanctions },
        { "dev-024 July CPI, three outlets", StoryPortal.Cpi },
        { "dev-046 Shenzhen Airlines, one outlet twice", StoryPortal.Airliner },
    };

    [Theory]
    [MemberData(nameof(LabelledEvents))]
    public async Task Accounts_of_one_labelled_event_share_one_story_that_holds_nothing_else(string cluster, string[] files)
    {
        var stories = new List<long>();
        foreach (var file in files) stories.Add(await portal.StoryOfAsync(file));

        Assert.True(stories.Distinct().Count() == 1, $"{cluster}: stories {string.Join(", ", stories)}");
        await using var c = await portal.Database.DataSource.OpenConnectionAsync();
        var members = await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles WHERE story_id = @Id", new { Id = stories[0] });
        Assert.Equal(files.Length, members);
        var row = await c.QuerySingleAsync<(long? MergedInto, int ArticleCount)>(
            "SELECT merged_into, article_count FROM stories WHERE id = @Id", new { Id = stories[0] });
        Assert.Equal((null, files.Length), row);
    }

    [Fact]
    public async Task An_unrelated_article_and_every_other_event_have_stories_of_their_own()
    {
        var nra = await portal.StoryOfAsync(StoryPortal.Nra);
        var sanctions = await portal.StoryOfAsync(StoryPortal.SanctionsZaobao);
        var cpi = await portal.StoryOfAsync(StoryPortal.CpiZaobao);

        Assert.Equal(3, new[] { nra, sanctions, cpi }.Distinct().Count());
        await using var c = await portal.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles WHERE story_id = @Id", new { Id = nra }));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles WHERE story_id IS NULL"));
    }

    [Fact]
    public async Task Article_sidebar_lists_the_other_outlets_accounts_of_its_story_with_their_outlet_names()
    {
        var ids = await IdsAsync(StoryPortal.SanctionsZaobao, StoryPortal.SanctionsRfi, StoryPortal.SanctionsDw);
        var story = await portal.StoryOfAsync(StoryPortal.SanctionsZaobao);

        var page = await _client.GetDocumentAsync($"/articles/{ids[StoryPortal.SanctionsZaobao]}");

        var aside = Assert.Single(page.QuerySelectorAll("aside"));
        Assert.Equal("相关文章", aside.QuerySelector("h2")!.TextContent.Trim());
        var accounts = aside.QuerySelectorAll("li")
            .Select(li => (Href: li.QuerySelector("a")!.GetAttribute("href") ?? "", Outlet: li.QuerySelector(".outlet")!.TextContent.Trim()))
            .OrderBy(a => a.Href).ToList();
        var expected = new[]
        {
            ($"/articles/{ids[StoryPortal.SanctionsRfi]}", "法国国际广播电台"),
            ($"/articles/{ids[StoryPortal.SanctionsDw]}", "德国之声"),
        }.OrderBy(a => a.Item1).ToList();
        Assert.Equal(expected, accounts);
        Assert.Null(aside.QuerySelector("p.empty"));
        Assert.Equal($"/stories/{story}", aside.QuerySelector(".story-link a")?.GetAttribute("href"));
        Assert.Contains("3 家媒体报道", aside.QuerySelector(".story-link")!.TextContent);
    }

    [Fact]
    public async Task An_article_alone_in_its_story_has_no_links_in_its_sidebar()
    {
        var page = await _client.GetDocumentAsync($"/articles/{await portal.IdOfAsync(StoryPortal.Nra)}");

        var aside = Assert.Single(page.QuerySelectorAll("aside"));
        Assert.Empty(aside.QuerySelectorAll("a"));
        Assert.Equal("暂无其他媒体报道。", aside.QuerySelector("p.empty")?.TextContent.Trim());
        Assert.Null(page.QuerySelector(".story-note"));
    }

    [Fact]
    public async Task Story_page_lists_every_account_earliest_first_and_marks_the_first_report()
    {
        var ids = await IdsAsync(StoryPortal.Sanctions);
        var story = await portal.StoryOfAsync(StoryPortal.SanctionsZaobao);

        var page = await _client.GetDocumentAsync($"/stories/{story}");

        var accounts = page.QuerySelectorAll("ol.timeline > li").ToList();
        // Captured 08:39 (联合早报), 09:55 (法广), 12:54 (德国之声).
        Assert.Equal(StoryPortal.Sanctions.Select(f => $"/articles/{ids[f]}"), accounts.Select(li => li.QuerySelector(".title a")!.GetAttribute("href")));
        Assert.Equal(["联合早报", "法国国际广播电台", "德国之声"], accounts.Select(li => li.QuerySelector(".outlet")!.TextContent.Trim()));
        Assert.True(accounts[0].ClassList.Contains("first-report"));
        Assert.Equal("首发", accounts[0].QuerySelector(".first-mark")?.TextContent.Trim());
        Assert.All(accounts.Skip(1), li => Assert.False(li.ClassList.Contains("first-report") || li.QuerySelector(".first-mark") is not null));
        Assert.Equal("中国外交部宣布制裁卢比奥等11名美国人", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("3 家媒体报道", page.QuerySelector(".story-count")!.TextContent);
        var alternates = page.QuerySelectorAll("head link[rel=alternate]").Select(l => l.GetAttribute("href")).ToList();
        Assert.Contains($"/stories/{story}/rss.xml", alternates);
        Assert.Contains($"/stories/{story}/atom.xml", alternates);
    }

    [Theory]
    [InlineData("/stories/999999")]
    [InlineData("/stories/999999/rss.xml")]
    [InlineData("/stories/999999/atom.xml")]
    public async Task An_unknown_story_is_not_found(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Front_page_shows_each_story_once_by_its_newest_account_with_a_link_to_the_story()
    {
        var ids = await IdsAsync(StoryPortal.All);
        await using var c = await portal.Database.DataSource.OpenConnectionAsync();
        var storyCount = await c.ExecuteScalarAsync<int>(
            "SELECT count(DISTINCT story_id) FROM articles WHERE status = 'published' AND duplicate_of IS NULL");

        var page = await _client.GetDocumentAsync("/");

        var items = page.QuerySelectorAll(".article-item").ToList();
        Assert.Equal(storyCount, items.Count);
        var byHref = items.ToDictionary(i => i.QuerySelector(".article-item-title a")!.GetAttribute("href")!);
        foreach (var (files, newest) in new[] { (StoryPortal.Sanctions, StoryPortal.SanctionsDw), (StoryPortal.Cpi, StoryPortal.CpiCna) })
        {
            var listed = files.Where(f => byHref.ContainsKey($"/articles/{ids[f]}")).ToList();
            Assert.Equal([newest], listed);
            var link = byHref[$"/articles/{ids[newest]}"].QuerySelector("a.story-count");
            Assert.Equal($"/stories/{await portal.StoryOfAsync(newest)}", link?.GetAttribute("href"));
            Assert.Equal("另有 2 家媒体报道", link!.TextContent.Trim());
        }
        Assert.Null(byHref[$"/articles/{ids[StoryPortal.Nra]}"].QuerySelector(".story-count"));
    }

    [Theory]
    [InlineData("rss.xml", "rss20", "application/rss+xml")]
    [InlineData("atom.xml", "atom10", "application/atom+xml")]
    public async Task Story_feeds_are_valid_and_hold_the_storys_accounts(string file, string version, string mediaType)
    {
        var ids = await IdsAsync(StoryPortal.Sanctions);
        var story = await portal.StoryOfAsync(StoryPortal.SanctionsZaobao);

        var response = await _client.GetAsync($"/stories/{story}/{file}");

        response.EnsureSuccessStatusCode();
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var feed = await FeedParser.ParseAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.True(feed.Bozo == 0, feed.BozoException);
        Assert.Equal(version, feed.Version);
        Assert.Contains("3 家媒体报道", feed.Title);
        Assert.Equal(ids.Values.Select(id => $"http://localhost/articles/{id}").Order(), feed.Entries.Select(e => e.Link).Order());
        Assert.All(feed.Entries, e => Assert.True(e.HasContent, e.Link));
        Assert.Equal(3, feed.Entries.Select(e => e.Id).Distinct().Count());
    }
}
