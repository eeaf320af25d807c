using Dapper;
using NewsPortal.Core.Stories;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// What the sidebar lists and in which order. Ingestion records how alike each article is to its
/// most alike candidates (<c>article_likeness</c>); the sidebar lists the story's accounts from it,
/// most alike first, then other stories' alike accounts as related coverage, leaving out any less
/// alike than <see cref="StoryStore.LikenessShare"/> of the best but the story's <see cref="StoryStore.LeastAccounts"/> most alike. An article without recorded
/// likeness lists its story's accounts and related stories (<c>story_relations</c>), a related one
/// beside accounts only when it nearly joined (<see cref="StoryStore.RelatedBesideAccounts"/>). Scores
/// are written here as ingestion records them, on a portal of this class's own.
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

    /// <summary>Sets the recorded likeness of the articles of two inputs (0: none recorded).</summary>
    private async Task LikenAsync(string file, string other, double score)
    {
        var (a, b) = (await _portal.IdOfAsync(file), await _portal.IdOfAsync(other));
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("DELETE FROM article_likeness WHERE article_id = @A AND other_id = @B",
            new { A = Math.Max(a, b), B = Math.Min(a, b) });
        if (score > 0)
            await c.ExecuteAsync("INSERT INTO article_likeness (article_id, other_id, score) VALUES (@A, @B, @Score)",
                new { A = Math.Max(a, b), B = Math.Min(a, b), Score = (float)score });
    }

    /// <summary>Forgets every likeness recorded for the article of an input, as for one placed before it was recorded.</summary>
    private async Task ForgetLikenessAsync(string file)
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("DELETE FROM article_likeness WHERE article_id = @Id OR other_id = @Id", new { Id = await _portal.IdOfAsync(file) });
    }

    /// <summary>A story's earliest account: the one the sidebar offers for it without recorded likeness.</summary>
    private async Task<string> EarliestAsync(long story)
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        return "/articles/" + await c.ExecuteScalarAsync<long>(
            "SELECT id FROM articles WHERE story_id = @Story ORDER BY story_time, id LIMIT 1", new { Story = story });
    }

    /// <summary>Dates the article of an input this many hours after the CPI's Reuters account (the sidebar weighs likeness by time apart).</summary>
    private async Task PublishAfterReutersAsync(string file, double hours)
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        var reuters = await c.ExecuteScalarAsync<DateTimeOffset>("SELECT story_time FROM articles WHERE id = @Id",
            new { Id = await _portal.IdOfAsync(StoryPortal.CpiReuters) });
        await c.ExecuteAsync("UPDATE articles SET published_at = @At WHERE id = @Id",
            new { At = reuters.AddHours(hours), Id = await _portal.IdOfAsync(file) });
    }

    private async Task<string> HrefAsync(string file) => $"/articles/{await _portal.IdOfAsync(file)}";

    private async Task<(List<string> Accounts, List<string> Related)> SidebarAsync(string file)
    {
        var page = await _portal.Portal.CreateClient().GetDocumentAsync(await HrefAsync(file));
        List<string> Links(string selector) => [.. page.QuerySelectorAll(selector).Select(a => a.GetAttribute("href") ?? "")];
        return (Links("aside .story-accounts a"), Links("aside .related-coverage a"));
    }

    private async Task<List<string>> RelatedLinksAsync(string file) => (await SidebarAsync(file)).Related;

    [Fact]
    public async Task Ingestion_records_how_alike_accounts_of_one_event_are_and_nothing_for_an_unrelated_article()
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        var ids = new Dictionary<string, long>();
        foreach (var file in StoryPortal.All) ids[file] = await _portal.IdOfAsync(file);
        var rows = (await c.QueryAsync<(long A, long B, float Score)>(
            "SELECT article_id, other_id, score FROM article_likeness WHERE article_id = ANY(@Ids) OR other_id = ANY(@Ids)",
            new { Ids = ids.Values.ToArray() })).ToList();
        float? Likeness(string x, string y) => rows.Where(r => r.A == Math.Max(ids[x], ids[y]) && r.B == Math.Min(ids[x], ids[y]))
            .Select(r => (float?)r.Score).SingleOrDefault();

        Assert.All(rows, r => Assert.True(r.A > r.B && r.Score >= StorySettings.Default.LikenessThreshold, $"{r}"));
        Assert.True(Likeness(StoryPortal.CpiZaobao, StoryPortal.CpiReuters) >= StorySettings.Default.JoinThreshold);
        Assert.True(Likeness(StoryPortal.SanctionsZaobao, StoryPortal.SanctionsDw) >= StorySettings.Default.JoinThreshold);
        Assert.DoesNotContain(rows, r => r.A == ids[StoryPortal.Nra] || r.B == ids[StoryPortal.Nra]);
        Assert.Null(Likeness(StoryPortal.CpiZaobao, StoryPortal.SanctionsZaobao));
    }

    /// <summary>Puts the article of an input into the story of another's, as a merge would.</summary>
    private async Task MoveIntoStoryOfAsync(string file, string other)
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("UPDATE articles SET story_id = @Story WHERE id = @Id",
            new { Story = await _portal.StoryOfAsync(other), Id = await _portal.IdOfAsync(file) });
    }

    [Fact]
    public async Task The_sidebar_lists_the_most_alike_accounts_first_and_leaves_out_ones_far_less_alike_than_the_best()
    {
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.CpiZaobao, 0.30);
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.CpiCna, 0.50);
        foreach (var file in new[] { StoryPortal.CpiZaobao, StoryPortal.CpiCna }) await PublishAfterReutersAsync(file, hours: 1);

        Assert.Equal([await HrefAsync(StoryPortal.CpiCna), await HrefAsync(StoryPortal.CpiZaobao)], (await SidebarAsync(StoryPortal.CpiReuters)).Accounts);

        // Two more accounts in the story, all three under LikenessShare of the best: the story's
        // LeastAccounts most alike are listed whatever their likeness, the next is left to the story page.
        Assert.Equal(3, StoryStore.LeastAccounts);
        foreach (var file in new[] { StoryPortal.SanctionsZaobao, StoryPortal.SanctionsRfi })
        {
            await MoveIntoStoryOfAsync(file, StoryPortal.CpiReuters);
            await PublishAfterReutersAsync(file, hours: 1);
        }
        var under = 0.50 * StoryStore.LikenessShare;
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.CpiZaobao, under - 0.01);
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.SanctionsZaobao, under - 0.05);
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.SanctionsRfi, under - 0.10);
        var (accounts, related) = await SidebarAsync(StoryPortal.CpiReuters);
        Assert.Equal([await HrefAsync(StoryPortal.CpiCna), await HrefAsync(StoryPortal.CpiZaobao), await HrefAsync(StoryPortal.SanctionsZaobao)], accounts);
        Assert.Empty(related);

        // All above the share: a fourth account is listed too.
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.CpiZaobao, under + 0.03);
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.SanctionsZaobao, under + 0.02);
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.SanctionsRfi, under + 0.01);
        Assert.Equal([await HrefAsync(StoryPortal.CpiCna), await HrefAsync(StoryPortal.CpiZaobao), await HrefAsync(StoryPortal.SanctionsZaobao),
            await HrefAsync(StoryPortal.SanctionsRfi)], (await SidebarAsync(StoryPortal.CpiReuters)).Accounts);
    }

    [Fact]
    public async Task An_account_published_a_day_apart_counts_as_less_alike_than_one_of_the_same_hours()
    {
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.CpiZaobao, 0.50);
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.CpiCna, 0.40);
        await PublishAfterReutersAsync(StoryPortal.CpiCna, hours: 1);
        // 30 hours apart: 0.50 weighs as 0.50·e^(−(30 − 6) / 48) ≈ 0.30, under the other's 0.40 and
        // still above LikenessShare of it.
        await PublishAfterReutersAsync(StoryPortal.CpiZaobao, hours: 30);

        Assert.Equal([await HrefAsync(StoryPortal.CpiCna), await HrefAsync(StoryPortal.CpiZaobao)], (await SidebarAsync(StoryPortal.CpiReuters)).Accounts);

        // Years apart the weight is all but nothing, and no failure: PostgreSQL's exp() refuses to
        // underflow a double. Still listed, last: the story has no more than LeastAccounts others.
        await PublishAfterReutersAsync(StoryPortal.CpiZaobao, hours: 5 * 365 * 24);
        var response = await _portal.Portal.CreateClient().GetAsync(await HrefAsync(StoryPortal.CpiReuters));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([await HrefAsync(StoryPortal.CpiCna), await HrefAsync(StoryPortal.CpiZaobao)], (await SidebarAsync(StoryPortal.CpiReuters)).Accounts);
    }

    [Fact]
    public async Task The_story_page_is_headed_by_the_account_most_alike_to_the_others_and_still_marks_the_first_report()
    {
        await LikenAsync(StoryPortal.SanctionsZaobao, StoryPortal.SanctionsRfi, 0.2);
        await LikenAsync(StoryPortal.SanctionsZaobao, StoryPortal.SanctionsDw, 0.5);
        await LikenAsync(StoryPortal.SanctionsRfi, StoryPortal.SanctionsDw, 0.5);
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        var dwTitle = await c.ExecuteScalarAsync<string>("SELECT title FROM articles WHERE id = @Id", new { Id = await _portal.IdOfAsync(StoryPortal.SanctionsDw) });
        var story = await _portal.StoryOfAsync(StoryPortal.SanctionsDw);

        var page = await _portal.Portal.CreateClient().GetDocumentAsync($"/stories/{story}");

        Assert.Equal(dwTitle, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(await HrefAsync(StoryPortal.SanctionsZaobao), page.QuerySelector("li.first-report .title a")!.GetAttribute("href"));
        var feed = await _portal.Portal.CreateClient().GetStringAsync($"/stories/{story}/rss.xml");
        Assert.Contains($"<title>{dwTitle}（", feed);
    }

    [Fact]
    public async Task An_alike_account_of_another_story_is_offered_as_related_coverage_after_the_storys_own()
    {
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.CpiZaobao, 0.50);
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.CpiCna, 0);
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.SanctionsDw, 0.40);

        var (accounts, related) = await SidebarAsync(StoryPortal.CpiReuters);
        Assert.Equal([await HrefAsync(StoryPortal.CpiZaobao)], accounts);
        Assert.Equal([await HrefAsync(StoryPortal.SanctionsDw)], related);

        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.SanctionsDw, 0.50 * StoryStore.LikenessShare - 0.01);
        Assert.Empty(await RelatedLinksAsync(StoryPortal.CpiReuters));

        // Alike only to another story's account: related coverage, and no empty heading of the story's own.
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.CpiZaobao, 0);
        var page = await _portal.Portal.CreateClient().GetDocumentAsync(await HrefAsync(StoryPortal.CpiReuters));
        Assert.Equal([await HrefAsync(StoryPortal.SanctionsDw)], page.QuerySelectorAll("aside .related-coverage a").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain(page.QuerySelectorAll("aside h3"), h => h.TextContent.Contains("同一事件"));
        Assert.Null(page.QuerySelector("aside .story-accounts"));
    }

    [Fact]
    public async Task Commentary_is_offered_after_reports_and_does_not_cut_them_however_alike()
    {
        // The CPI release's Reuters account, alike to no other CPI account, but to two accounts of
        // another story: one of them commentary (an analysis shares every name and figure of the
        // reports it discusses), far more alike than the other.
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.CpiZaobao, 0);
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.CpiCna, 0);
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.SanctionsDw, 0.90);
        await LikenAsync(StoryPortal.CpiReuters, StoryPortal.SanctionsZaobao, 0.40);
        foreach (var file in new[] { StoryPortal.SanctionsDw, StoryPortal.SanctionsZaobao }) await PublishAfterReutersAsync(file, hours: 1);
        Assert.True(0.40 < 0.90 * StoryStore.LikenessShare);
        var (dw, zaobao) = (await HrefAsync(StoryPortal.SanctionsDw), await HrefAsync(StoryPortal.SanctionsZaobao));

        // As reports, the weaker one is far less alike than the best and left out.
        Assert.Equal([dw], await RelatedLinksAsync(StoryPortal.CpiReuters));

        await using (var c = await _portal.Database.DataSource.OpenConnectionAsync())
            await c.ExecuteAsync("UPDATE articles SET story_commentary = true WHERE id = @Id", new { Id = await _portal.IdOfAsync(StoryPortal.SanctionsDw) });
        Assert.Equal([zaobao, dw], await RelatedLinksAsync(StoryPortal.CpiReuters));
    }

    [Fact]
    public async Task Without_recorded_likeness_an_article_alone_in_its_story_offers_a_related_story_however_weak_ingestion_found_it()
    {
        var cpi = await _portal.StoryOfAsync(StoryPortal.CpiZaobao);
        await ForgetLikenessAsync(StoryPortal.Nra);
        await RelateAsync(await _portal.StoryOfAsync(StoryPortal.Nra), cpi, StorySettings.Default.RelatedThreshold);

        Assert.Equal([await EarliestAsync(cpi)], await RelatedLinksAsync(StoryPortal.Nra));
    }

    [Fact]
    public async Task Without_recorded_likeness_beside_its_storys_accounts_an_article_offers_only_a_related_story_that_nearly_joined()
    {
        var (cpi, sanctions) = (await _portal.StoryOfAsync(StoryPortal.CpiReuters), await _portal.StoryOfAsync(StoryPortal.SanctionsDw));
        await ForgetLikenessAsync(StoryPortal.CpiReuters);
        await RelateAsync(cpi, sanctions, StoryStore.RelatedBesideAccounts - 0.05);
        var (accounts, related) = await SidebarAsync(StoryPortal.CpiReuters);
        Assert.Equal(2, accounts.Count);
        Assert.Empty(related);

        await RelateAsync(cpi, sanctions, StoryStore.RelatedBesideAccounts + 0.01);
        Assert.Equal([await EarliestAsync(sanctions)], await RelatedLinksAsync(StoryPortal.CpiReuters));
    }
}
