using System.Net;
using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>Sections by language (the front page is 中文 unless configured) and tag pages.</summary>
public sealed class SectionAndTagTests(StoryPortal fixture) : IClassFixture<StoryPortal>
{
    private HttpClient Reader => fixture.Portal.CreateClient(new() { AllowAutoRedirect = false });

    private async Task<List<long>> ListedAsync(string path)
    {
        var page = await Reader.GetDocumentAsync(path);
        return page.QuerySelectorAll(".article-list .article-item-title a")
            .Select(a => long.Parse(a.GetAttribute("href")!["/articles/".Length..])).ToList();
    }

    [Fact]
    public async Task The_front_page_is_the_Chinese_section_and_each_section_holds_only_its_language()
    {
        var english = await StoryPortal.IdOfAsync(fixture.Database, StoryPortal.Nra);
        // Both accounts of the airliner story unknown: whichever heads the story is in 其他.
        var airliner = new[] { await StoryPortal.IdOfAsync(fixture.Database, StoryPortal.AirlinerFirst), await StoryPortal.IdOfAsync(fixture.Database, StoryPortal.AirlinerSecond) };
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        var unknown = await c.ExecuteScalarAsync<long>("SELECT id FROM articles WHERE id = ANY(@Ids) AND story_head", new { Ids = airliner });
        var languages = (await c.QueryAsync<(long Id, string? Language)>("SELECT id, language FROM articles WHERE id = ANY(@Ids)", new { Ids = airliner.Append(english).ToArray() })).ToList();
        try
        {
            await c.ExecuteAsync("UPDATE articles SET language = 'en-US' WHERE id = @Id", new { Id = english });
            await c.ExecuteAsync("UPDATE articles SET language = NULL WHERE id = ANY(@Ids)", new { Ids = airliner });

            var front = await ListedAsync("/");
            Assert.DoesNotContain(english, front);
            Assert.DoesNotContain(unknown, front);
            Assert.Equal(front, await ListedAsync("/sections/zh"));
            Assert.Equal([english], await ListedAsync("/sections/en"));
            Assert.Contains(unknown, await ListedAsync("/sections/other"));
            var all = await ListedAsync("/sections/all");
            Assert.Contains(english, all);
            Assert.Contains(unknown, all);
            Assert.True(all.Count > front.Count);

            var page = await Reader.GetDocumentAsync("/sections/en");
            Assert.Equal("English", page.QuerySelector("nav.sections a[aria-current=page]")!.TextContent);
            Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync("/sections/fr")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await Reader.GetAsync("/sections/en?after=nope")).StatusCode);
        }
        finally
        {
            foreach (var (id, language) in languages)
                await c.ExecuteAsync("UPDATE articles SET language = @Language WHERE id = @Id", new { Id = id, Language = language });
        }
    }

    [Fact]
    public async Task A_feed_tag_has_its_page_and_the_article_links_to_it()
    {
        var cpi = StoryPortal.Cpi;
        var tagged = new List<long>();
        foreach (var file in cpi) tagged.Add(await StoryPortal.IdOfAsync(fixture.Database, file));
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        try
        {
            await c.ExecuteAsync("UPDATE articles SET tags = '{物价,\"C/P I\"}' WHERE id = ANY(@Ids)", new { Ids = tagged.ToArray() });
            var listed = await ListedAsync("/tags/" + Uri.EscapeDataString("物价"));
            Assert.Equal(tagged.Order(), listed.Order());

            var article = await Reader.GetDocumentAsync($"/articles/{tagged[0]}");
            var links = article.QuerySelectorAll(".tags a[rel=tag]").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
            Assert.Contains(("物价", "/tags/" + Uri.EscapeDataString("物价")), links);
            Assert.Contains(("C/P I", "/tags/" + Uri.EscapeDataString("C/P I")), links);
            Assert.Equal(HttpStatusCode.OK, (await Reader.GetAsync("/tags/" + Uri.EscapeDataString("C/P I"))).StatusCode);

            Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync("/tags/" + Uri.EscapeDataString("没有这个标签"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync("/tags/" + new string('x', 300))).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await Reader.GetAsync("/tags/" + Uri.EscapeDataString("物价") + "?after=x")).StatusCode);
        }
        finally
        {
            await c.ExecuteAsync("UPDATE articles SET tags = '{}' WHERE id = ANY(@Ids)", new { Ids = tagged.ToArray() });
        }
    }
}
