using System.Net;
using System.Xml.Linq;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Core.Search;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Reader search over the story fixtures (real feed dumps, Simplified and Traditional) and the two
/// samples: phrases, one character, Traditional and Simplified folded together, filters, paging,
/// feeds, the index following edits, and queries that must never give a 500.
/// </summary>
public sealed class SearchTests(StoryPortal fixture) : IClassFixture<StoryPortal>, IAsyncLifetime
{
    private HttpClient Reader => fixture.Portal.CreateClient();

    public async Task InitializeAsync() => await IndexAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<int> IndexAsync() => fixture.Portal.Services.GetRequiredService<SearchIndexer>().IndexAllAsync(CancellationToken.None);

    private async Task<List<long>> ResultIdsAsync(string query)
    {
        var page = await Reader.GetDocumentAsync("/search?" + query);
        return page.QuerySelectorAll(".search-results .article-item-title a")
            .Select(a => long.Parse(a.GetAttribute("href")!["/articles/".Length..])).ToList();
    }

    private async Task SetTitleAsync(long id, string title)
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("UPDATE articles SET title = @Title WHERE id = @Id", new { Title = title, Id = id });
    }

    [Fact]
    public async Task Every_stored_article_is_indexed_and_a_one_character_query_finds_it()
    {
        await using (var c = await fixture.Database.DataSource.OpenConnectionAsync())
        {
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM search_pending"));
            // Every article a search can find, and no other (migration 0031).
            Assert.Equal(await c.ExecuteScalarAsync<long>("SELECT count(*) FROM articles WHERE status = 'published' AND duplicate_of IS NULL"),
                await c.ExecuteScalarAsync<long>("SELECT count(*) FROM article_search s JOIN articles a ON a.id = s.article_id WHERE a.status = 'published' AND a.duplicate_of IS NULL"));
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM article_search s JOIN articles a ON a.id = s.article_id WHERE a.status <> 'published' OR a.duplicate_of IS NOT NULL"));
        }
        // 豬 (Traditional) finds 中央社's 豬肉 and any Simplified 猪 alike.
        var cna = await StoryPortal.IdOfAsync(fixture.Database, StoryPortal.CpiCna);
        var ids = await ResultIdsAsync("q=" + Uri.EscapeDataString("豬"));
        Assert.Contains(cna, ids);
        await using var check = await fixture.Database.DataSource.OpenConnectionAsync();
        foreach (var id in ids)
        {
            var text = await check.ExecuteScalarAsync<string>("SELECT title || summary || body_text FROM articles WHERE id = @Id", new { Id = id });
            Assert.Contains("猪", SearchText.Normalize(text!));
        }
    }

    [Fact]
    public async Task A_Simplified_query_finds_Traditional_text_and_a_Traditional_one_Simplified_text_with_the_match_marked()
    {
        var cna = await StoryPortal.IdOfAsync(fixture.Database, StoryPortal.CpiCna);
        Assert.Contains(cna, await ResultIdsAsync("q=" + Uri.EscapeDataString("猪肉价格")));

        var zaobao = await StoryPortal.IdOfAsync(fixture.Database, StoryPortal.SanctionsZaobao);
        var page = await Reader.GetDocumentAsync("/search?q=" + Uri.EscapeDataString("盧比奧"));
        var hit = page.QuerySelectorAll(".search-results .article-item").Single(li => li.QuerySelector("a")!.GetAttribute("href") == $"/articles/{zaobao}");
        Assert.Contains(hit.QuerySelectorAll("mark"), m => m.TextContent == "卢比奥");
        Assert.Equal("盧比奧", page.QuerySelector("#search-q")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_snippet_is_cut_from_the_body_alone_when_the_summary_is_its_opening()
    {
        // A feed item's summary is its first paragraph cut short: the searched text holds it twice
        // (summary, then body), and a snippet across the two showed the opening twice.
        var id = await StoryPortal.IdOfAsync(fixture.Database, StoryPortal.CpiCna);
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var (summary, body) = await c.QuerySingleAsync<(string, string)>("SELECT summary, body_text FROM articles WHERE id = @Id", new { Id = id });
        Assert.StartsWith(summary.TrimEnd('…'), body);
        var paragraphs = body.Split("\n\n");
        Assert.True(paragraphs.Length >= 2);
        var flat = body.Replace('\n', ' ');
        // A term from the opening (in the summary too) and one from the second paragraph.
        foreach (var term in new[] { paragraphs[0].Substring(12, 6), paragraphs[1][..6] })
        {
            var page = await Reader.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(term));
            var hit = page.QuerySelectorAll(".search-results .article-item").Single(li => li.QuerySelector("a")!.GetAttribute("href") == $"/articles/{id}");
            var snippet = hit.QuerySelector(".snippet")!.TextContent.Trim('…');
            Assert.Contains(term, snippet);
            Assert.Contains(snippet, flat);
        }
    }

    [Fact]
    public async Task A_longer_term_is_a_phrase_its_pairs_apart_do_not_match()
    {
        var apart = await StoryPortal.IdOfAsync(fixture.Database, StoryPortal.Nra);
        var together = await StoryPortal.IdOfAsync(fixture.Database, StoryPortal.AirlinerSecond);
        string? apartTitle, togetherTitle;
        await using (var c = await fixture.Database.DataSource.OpenConnectionAsync())
        {
            apartTitle = await c.ExecuteScalarAsync<string>("SELECT title FROM articles WHERE id = @Id", new { Id = apart });
            togetherTitle = await c.ExecuteScalarAsync<string>("SELECT title FROM articles WHERE id = @Id", new { Id = together });
        }
        try
        {
            // Every pair of 北京大学 (北京, 京大, 大学) is in the first title, but not the phrase.
            await SetTitleAsync(apart, "北京大，京大学的短语测试");
            await SetTitleAsync(together, "北京大学的短语测试");
            await IndexAsync();
            Assert.Equal([together], await ResultIdsAsync("q=" + Uri.EscapeDataString("北京大学")));
            // Two terms: both must be there, anywhere.
            Assert.Equal([together], await ResultIdsAsync("q=" + Uri.EscapeDataString("短语测试 北京大学")));
            Assert.Equal(2, (await ResultIdsAsync("q=" + Uri.EscapeDataString("短语测试"))).Count);
        }
        finally
        {
            await SetTitleAsync(apart, apartTitle!);
            await SetTitleAsync(together, togetherTitle!);
            await IndexAsync();
        }
    }

    [Fact]
    public async Task An_edit_is_searchable_after_indexing_and_the_old_words_are_gone()
    {
        var id = await StoryPortal.IdOfAsync(fixture.Database, StoryPortal.CpiReuters);
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var original = await c.ExecuteScalarAsync<string>("SELECT title FROM articles WHERE id = @Id", new { Id = id });
        try
        {
            await SetTitleAsync(id, "独一无二的编辑标题甲乙");
            Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM search_pending WHERE article_id = @Id", new { Id = id }));
            Assert.Equal(1, await IndexAsync());
            Assert.Equal([id], await ResultIdsAsync("q=" + Uri.EscapeDataString("编辑标题甲乙")));
            // Unchanged text queues nothing: a story move or a view count does not reindex.
            await c.ExecuteAsync("UPDATE articles SET title = title, updated_at = now() WHERE id = @Id", new { Id = id });
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM search_pending"));
        }
        finally
        {
            await SetTitleAsync(id, original!);
            await IndexAsync();
        }
        Assert.Empty(await ResultIdsAsync("q=" + Uri.EscapeDataString("编辑标题甲乙")));
    }

    [Fact]
    public async Task A_withdrawn_article_or_a_copy_leaves_the_index_and_comes_back_when_found_again()
    {
        var id = await StoryPortal.IdOfAsync(fixture.Database, StoryPortal.CpiReuters);
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var other = await c.ExecuteScalarAsync<long>("SELECT min(id) FROM articles"); // a copy points at an earlier article
        async Task<bool> IndexedAsync() => await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM article_search WHERE article_id = @Id)", new { Id = id });
        var query = "q=" + Uri.EscapeDataString("居民消费价格指数");
        Assert.Contains(id, await ResultIdsAsync(query));
        try
        {
            await c.ExecuteAsync("UPDATE articles SET status = 'unpublished' WHERE id = @Id", new { Id = id });
            Assert.DoesNotContain(id, await ResultIdsAsync(query)); // checked on the article before the index follows
            Assert.Equal(1, await IndexAsync());
            Assert.False(await IndexedAsync());

            await c.ExecuteAsync("UPDATE articles SET status = 'published' WHERE id = @Id", new { Id = id });
            Assert.Equal(1, await IndexAsync());
            Assert.True(await IndexedAsync());
            Assert.Contains(id, await ResultIdsAsync(query));

            await c.ExecuteAsync("UPDATE articles SET duplicate_of = @Other WHERE id = @Id", new { Id = id, Other = other });
            Assert.Equal(1, await IndexAsync());
            Assert.False(await IndexedAsync());
        }
        finally
        {
            await c.ExecuteAsync("UPDATE articles SET status = 'published', duplicate_of = NULL WHERE id = @Id", new { Id = id });
            await IndexAsync();
        }
        Assert.True(await IndexedAsync());
        Assert.Contains(id, await ResultIdsAsync(query));
    }

    [Fact]
    public async Task Filters_narrow_by_outlet_language_and_China_time_dates_and_time_order_is_newest_first()
    {
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var zaobao = await StoryPortal.IdOfAsync(fixture.Database, StoryPortal.SanctionsZaobao);
        var outlet = await c.ExecuteScalarAsync<long>("SELECT source_id FROM articles WHERE id = @Id", new { Id = zaobao });
        var all = await ResultIdsAsync("q=" + Uri.EscapeDataString("中国"));
        Assert.True(all.Count >= 5, $"{all.Count} results for 中国");

        var fromOutlet = await ResultIdsAsync($"q={Uri.EscapeDataString("中国")}&outlet={outlet}");
        Assert.NotEmpty(fromOutlet);
        Assert.True(fromOutlet.Count < all.Count);
        foreach (var id in fromOutlet)
            Assert.Equal(outlet, await c.ExecuteScalarAsync<long?>("SELECT source_id FROM articles WHERE id = @Id", new { Id = id }));

        Assert.Empty(await ResultIdsAsync($"q={Uri.EscapeDataString("中国")}&lang=en"));
        Assert.Equal(all.Order(), (await ResultIdsAsync($"q={Uri.EscapeDataString("中国")}&lang=zh")).Order());

        // The fixtures were captured on 9 and 10 August 2020 (UTC); 11 August China time onwards holds none of them.
        Assert.Empty(await ResultIdsAsync($"q={Uri.EscapeDataString("中国")}&from=2020-08-11&to=2020-08-20"));
        var ninth = await ResultIdsAsync($"q={Uri.EscapeDataString("中国")}&from=2020-08-09&to=2020-08-09");
        Assert.NotEmpty(ninth);
        Assert.True(ninth.Count < all.Count);

        var byTime = await ResultIdsAsync($"q={Uri.EscapeDataString("中国")}&sort=time");
        var listed = (await c.QueryAsync<(long Id, DateTime At)>("SELECT id, listed_at FROM articles WHERE id = ANY(@Ids)", new { Ids = byTime.ToArray() }))
            .ToDictionary(r => r.Id, r => r.At);
        Assert.Equal(byTime, byTime.OrderByDescending(id => listed[id]).ThenByDescending(id => id));
        Assert.Equal(all.Order(), byTime.Order());
    }

    [Fact]
    public async Task Pages_follow_a_keyset_cursor_without_repeats_or_gaps_in_both_orders()
    {
        var store = fixture.Portal.Services.GetRequiredService<SearchStore>();
        var query = SearchQuery.Parse("中国");
        var now = DateTimeOffset.UtcNow;
        foreach (var byTime in new[] { false, true })
        {
            var filters = new SearchFilters(ByTime: byTime);
            var whole = await store.SearchAsync(query, filters, null, 100, now, CancellationToken.None);
            var paged = new List<long>();
            SearchCursor? cursor = null;
            do
            {
                var page = await store.SearchAsync(query, filters, cursor, 2, now, CancellationToken.None);
                Assert.True(page.Hits.Count <= 2);
                paged.AddRange(page.Hits.Select(h => h.Item.Id));
                cursor = page.Next;
            }
            while (cursor is not null);
            Assert.Equal(whole.Hits.Select(h => h.Item.Id), paged);
            if (!byTime)
                Assert.Equal(whole.Hits.Select(h => h.Score), whole.Hits.Select(h => h.Score).OrderDescending());
        }
        // Relevance: a title match outranks a body-only match of the same day.
        var ranked = await store.SearchAsync(SearchQuery.Parse("CPI"), new SearchFilters(), null, 10, now, CancellationToken.None);
        Assert.Contains("CPI", ranked.Hits[0].Item.Title);

        // The page takes the store's cursor: the second page starts after the first two.
        var firstTwo = await store.SearchAsync(query, new SearchFilters(), null, 2, now, CancellationToken.None);
        var rest = await ResultIdsAsync($"q={Uri.EscapeDataString("中国")}&after={firstTwo.Next}");
        Assert.NotEmpty(rest);
        Assert.Empty(rest.Intersect(firstTwo.Hits.Select(h => h.Item.Id)));
    }

    [Theory]
    [InlineData("q=%22%26%7C!():*%27%5C")]
    [InlineData("q=%00%01")]
    [InlineData("q=%ED%A0%80")]
    [InlineData("q=")]
    [InlineData("")]
    [InlineData("q=%E4%B8%AD&outlet=abc&lang=xx&from=2020-13-45&to=yesterday&sort=%27")]
    [InlineData("q=%E4%B8%AD&outlet=-1&from=0001-01-01&to=9999-12-31")]
    [InlineData("q=a%20OR%201%3D1--%20%3B%20DROP%20TABLE%20articles")]
    [InlineData("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public async Task Malformed_queries_and_filters_never_give_a_500(string query)
    {
        var response = await Reader.GetAsync("/search?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert(1)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_very_long_query_is_cut_at_100_characters_and_a_bad_cursor_is_400()
    {
        var response = await Reader.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("中国外交部", 60))));
        Assert.Equal(100, response.QuerySelector("#search-q")!.GetAttribute("value")!.Length);
        Assert.Equal(HttpStatusCode.BadRequest, (await Reader.GetAsync("/search?q=x&after=garbage")).StatusCode);
    }

    [Fact]
    public async Task A_search_has_RSS_and_Atom_feeds_of_its_newest_matches_linked_from_its_page()
    {
        var cna = await StoryPortal.IdOfAsync(fixture.Database, StoryPortal.CpiCna);
        var page = await Reader.GetDocumentAsync("/search?q=CPI");
        var rssHref = page.QuerySelector("link[rel=alternate][type='application/rss+xml'][href^='/search/']")!.GetAttribute("href")!;
        var rss = XDocument.Parse(await Reader.GetStringAsync(rssHref));
        var links = rss.Descendants("item").Select(i => i.Element("link")!.Value).ToList();
        Assert.Contains(links, l => l.EndsWith($"/articles/{cna}"));
        Assert.Contains("CPI", rss.Root!.Element("channel")!.Element("title")!.Value);

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await Reader.GetStringAsync("/search/atom.xml?q=CPI"));
        Assert.Equal(links.Count, feed.Root!.Elements(atom + "entry").Count());
        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync("/search/rss.xml?q=%20%26")).StatusCode);
    }

    [Fact]
    public async Task Every_page_has_a_search_box()
    {
        foreach (var path in new[] { "/", $"/articles/{fixture.Portal.TextDumpId}", "/outlets", "/popular" })
        {
            var page = await Reader.GetDocumentAsync(path);
            var form = page.QuerySelector("form.site-search[role=search]");
            Assert.NotNull(form);
            Assert.Equal("/search", form!.GetAttribute("action"));
            Assert.NotNull(form.QuerySelector("input[name=q]"));
        }
    }
}
