using Dapper;
using NewsPortal.Core.Stories;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Related coverage in the sidebar: a story ingestion found alike but not the same event. An
/// article alone in its story offers it; beside the story's own accounts it is offered only when it
/// nearly joined (<see cref="StoryStore.RelatedBesideAccounts"/>). The relations are written here
/// as ingestion records them, on a portal of this class's own.
/// </summary>
public sealed class StoryRelatedCoverageTests : IAsyncLifetime
{
    private readonly StoryPortal _portal = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public Task DisposeAsync() => _portal.DisposeAsync();

    private async Task RelateAsync(long story, long other, double score)
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("""
            INSERT INTO story_relations (story_id, related_story_id, score) VALUES (@Story, @Other, @Score), (@Other, @Story, @Score)
            ON CONFLICT (story_id, related_story_id) DO UPDATE SET score = excluded.score
            """, new { Story = story, Other = other, Score = (float)score });
    }

    /// <summary>A story's earliest account: the one the sidebar offers for it.</summary>
    private async Task<string> EarliestAsync(long story)
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        return "/articles/" + await c.ExecuteScalarAsync<long>(
            "SELECT id FROM articles WHERE story_id = @Story ORDER BY story_time, id LIMIT 1", new { Story = story });
    }

    private async Task<List<string>> RelatedLinksAsync(string file)
    {
        var page = await _portal.Portal.CreateClient().GetDocumentAsync($"/articles/{await _portal.IdOfAsync(file)}");
        return [.. page.QuerySelectorAll("aside .related-coverage a").Select(a => a.GetAttribute("href") ?? "")];
    }

    [Fact]
    public async Task An_article_alone_in_its_story_offers_a_related_story_however_weak_ingestion_found_it()
    {
        var cpi = await _portal.StoryOfAsync(StoryPortal.CpiZaobao);
        await RelateAsync(await _portal.StoryOfAsync(StoryPortal.Nra), cpi, StorySettings.Default.RelatedThreshold);

        Assert.Equal([await EarliestAsync(cpi)], await RelatedLinksAsync(StoryPortal.Nra));
    }

    [Fact]
    public async Task Beside_its_storys_accounts_an_article_offers_only_a_related_story_that_nearly_joined()
    {
        var (cpi, sanctions) = (await _portal.StoryOfAsync(StoryPortal.CpiReuters), await _portal.StoryOfAsync(StoryPortal.SanctionsDw));
        await RelateAsync(cpi, sanctions, StoryStore.RelatedBesideAccounts - 0.05);
        Assert.Empty(await RelatedLinksAsync(StoryPortal.CpiReuters));

        await RelateAsync(cpi, sanctions, StoryStore.RelatedBesideAccounts + 0.01);
        Assert.Equal([await EarliestAsync(sanctions)], await RelatedLinksAsync(StoryPortal.CpiReuters));
    }
}
