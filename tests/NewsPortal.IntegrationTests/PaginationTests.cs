using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

public sealed class PaginationTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public async Task InitializeAsync()
    {
        await _portal.InitializeAsync();
        var store = new ArticleStore(_portal.Database.DataSource);
        await using var connection = await _portal.Database.DataSource.OpenConnectionAsync();
        // 45 more articles, several sharing one timestamp so the id breaks ties; each tells an event
        // of its own (a place name no other holds), so each is a story of its own and listed.
        for (var i = 0; i < 45; i++)
        {
            var article = new ParsedArticle
            {
                Title = $"{Places[i]}{Words(i, 6)}",
                Url = $"https://news.example.cn/{i}.html",
                PublishedAt = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero).AddHours(i / 3),
                BodyHtml = $"<p>{Words(i + 100, 30)}</p>",
                BodyText = Words(i + 100, 30),
                // Chinese, as ingestion's language guess would say: the front page is the Chinese section.
                Language = "zh-Hans",
            };
            await store.UpsertAsync(connection, new ArticleWrite(article, null, ArticleIdentity.KeyOf(article),
                ArticleIdentity.ContentHashOf(article), "generated", "test", null), CancellationToken.None);
        }
    }

    private static readonly string[] Places =
    [
        "北京", "上海", "广州", "深圳", "成都", "重庆", "武汉", "西安", "南京", "杭州", "苏州", "天津", "长沙", "郑州", "沈阳",
        "青岛", "济南", "大连", "厦门", "福州", "昆明", "贵阳", "南宁", "海口", "拉萨", "兰州", "西宁", "银川", "乌鲁木齐", "呼和浩特",
        "太原", "石家庄", "合肥", "南昌", "哈尔滨", "长春", "宁波", "无锡", "温州", "珠海", "汕头", "洛阳", "桂林", "三亚", "丽江",
    ];

    // Characters drawn from the commonest ideographs, seeded per article: text no other article shares.
    private static string Words(int seed, int length)
    {
        var random = new Random(seed);
        return new string([.. Enumerable.Range(0, length).Select(_ => (char)(0x4E00 + random.Next(3000)))]);
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    [Fact]
    public async Task Following_next_links_visits_every_article_once_newest_first()
    {
        var client = _portal.CreateClient();
        var seen = new List<string>();
        var pages = 0;
        for (var url = "/"; url is not null; pages++)
        {
            var page = await client.GetDocumentAsync(url);
            var items = page.QuerySelectorAll(".article-item time").Select(t => t.GetAttribute("datetime")!).ToList();
            Assert.True(items.Count <= 20);
            seen.AddRange(page.QuerySelectorAll(".article-item h2 a").Select(a => a.GetAttribute("href")!));
            url = page.QuerySelector(".pager a[rel=next]")?.GetAttribute("href");
            Assert.True(pages < 10, "pagination does not end");
        }

        Assert.Equal(3, pages);
        Assert.Equal(47, seen.Count);
        Assert.Equal(47, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_garbled_cursor_is_a_bad_request_and_the_page_says_so()
    {
        var response = await _portal.CreateClient().GetAsync("/?after=not-a-cursor");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("article-item", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Store_pages_are_ordered_by_listing_time_then_id()
    {
        var store = _portal.Services.GetRequiredService<ArticleStore>();
        var all = new List<ArticleListItem>();
        ListCursor? cursor = null;
        do
        {
            var page = await store.ListPublishedAsync(cursor, 7, null, CancellationToken.None);
            all.AddRange(page.Items);
            cursor = page.Next;
        } while (cursor is not null);

        Assert.Equal(47, all.Count);
        Assert.Equal(all.OrderByDescending(a => a.ListedAt).ThenByDescending(a => a.Id).Select(a => a.Id), all.Select(a => a.Id));
    }
}
