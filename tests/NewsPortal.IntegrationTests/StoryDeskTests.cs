using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Stories;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Editors shaping stories through the desk (move out, merge, split), as a signed-in editor posts
/// the desk's own forms, and what readers and later ingests then make of it. Each test on its own
/// portal and database, with the story fixtures ingested on top (one account held back where a
/// test ingests it later).
/// </summary>
public sealed partial class StoryDeskTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    [GeneratedRegex(@"^/editor/stories/(\d+)(\?|$)")]
    private static partial Regex DeskPath();

    private async Task<IngestCounts> IngestAsync(params string[] paths)
    {
        await using var host = new IngestionHost(_portal.Database);
        return await host.IngestAsync(paths);
    }

    private static string[] InputsWithout(string file) => [.. StoryPortal.Inputs.Where(p => p != StoryPortal.PathOf(file))];

    /// <summary>The dump as its outlet later updated it: the same item, its title amended.</summary>
    private static string Updated(string file)
    {
        var text = File.ReadAllText(StoryPortal.PathOf(file));
        var titleEnd = text.IndexOf("](", StringComparison.Ordinal);
        return text[..titleEnd] + "（更新）" + text[titleEnd..];
    }

    private Task<long> IdOfAsync(string file) => StoryPortal.IdOfAsync(_portal.Database, file);

    private async Task<long> StoryOfAsync(string file) =>
        await StoryPortal.StoryOfAsync(_portal.Database, file) ?? throw new InvalidOperationException($"{file} has no story");

    private async Task<List<long>> MembersAsync(long story)
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        return [.. await c.QueryAsync<long>("SELECT id FROM articles WHERE story_id = @Id ORDER BY id", new { Id = story })];
    }

    private async Task<EditorClient> SignedInEditorAsync()
    {
        var editor = new EditorClient(_portal);
        var signIn = await editor.SignInAsync();
        Assert.Equal("/editor", signIn.Headers.Location?.OriginalString);
        return editor;
    }

    /// <summary>The story of the desk page a change redirected to.</summary>
    private static async Task<long> DeskStoryAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var match = DeskPath().Match(response.Headers.Location?.OriginalString ?? "");
        Assert.True(match.Success, $"redirected to {response.Headers.Location}");
        return long.Parse(match.Groups[1].Value);
    }

    private async Task<List<string?>> TimelineAsync(long story) =>
        [.. (await _portal.CreateClient().GetDocumentAsync($"/stories/{story}"))
            .QuerySelectorAll("ol.timeline > li").Select(li => li.QuerySelector(".title a")!.GetAttribute("href"))];

    /// <summary>The article sidebar's 同一事件的其他报道, not the related coverage below it.</summary>
    private async Task<List<string?>> SameStorySidebarAsync(long article) =>
        [.. (await _portal.CreateClient().GetDocumentAsync($"/articles/{article}"))
            .QuerySelectorAll("aside ol.story-accounts a").Select(a => a.GetAttribute("href"))];

    /// <summary>The articles the front page lists, one entry per story.</summary>
    private async Task<List<string?>> FrontPageAsync() =>
        [.. (await _portal.CreateClient().GetDocumentAsync("/"))
            .QuerySelectorAll(".article-item .article-item-title a").Select(a => a.GetAttribute("href"))];

    private static List<long> DeskAccounts(IDocument desk) =>
        [.. desk.QuerySelectorAll("input[type=checkbox][name=articles]").Select(i => long.Parse(i.GetAttribute("value")!)).Order()];

    private static IElement DeskForm(IDocument desk, string actionSuffix) =>
        desk.QuerySelectorAll("form").Single(f => f.GetAttribute("action")!.EndsWith(actionSuffix, StringComparison.Ordinal));

    private async Task<List<StoryDecision>> DecisionsAsync()
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        return [.. await c.QueryAsync<StoryDecision>("""
            SELECT d.id, d.action, d.story_id, d.other_story_id, d.article_ids, e.name AS editor_name, d.created_at
            FROM story_decisions d JOIN editors e ON e.id = d.editor_id ORDER BY d.id
            """)];
    }

    private static void AssertLogged(IDocument desk, string action, params long[] articles)
    {
        var entry = Assert.Single(desk.QuerySelectorAll("ol.story-decisions > li"));
        Assert.Equal(action, entry.QuerySelector("strong")?.TextContent.Trim());
        Assert.Contains(PortalFactory.EditorName, entry.TextContent);
        Assert.NotNull(entry.QuerySelector("time"));
        foreach (var article in articles) Assert.Contains(article.ToString(), entry.TextContent);
    }

    [Fact]
    public async Task An_article_moved_out_gets_a_story_of_its_own_that_later_ingests_and_a_new_account_leave_alone()
    {
        await IngestAsync(InputsWithout(StoryPortal.SanctionsDw));
        var (zaobao, rfi) = (await IdOfAsync(StoryPortal.SanctionsZaobao), await IdOfAsync(StoryPortal.SanctionsRfi));
        var story = await StoryOfAsync(StoryPortal.SanctionsZaobao);
        Assert.Equal(story, await StoryOfAsync(StoryPortal.SanctionsRfi));
        // Captured 08:39 and 09:55: the later account stands for the story on the front page.
        Assert.DoesNotContain($"/articles/{zaobao}", await FrontPageAsync());
        var editor = await SignedInEditorAsync();
        var edit = await editor.Http.GetDocumentAsync($"/editor/articles/{rfi}");
        Assert.Equal($"所属事件 {story}", edit.QuerySelector($"a[href='/editor/stories/{story}']")?.TextContent.Trim());
        var moveOut = edit.QuerySelectorAll("form").Single(f => f.TextContent.Contains("移出所属事件"));
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        var created = await DeskStoryAsync(await editor.PostAsync(moveOut.GetAttribute("action")!, edit));

        Assert.NotEqual(story, created);
        Assert.Equal([rfi], await MembersAsync(created));
        Assert.Equal([zaobao], await MembersAsync(story));
        Assert.Equal([$"/articles/{rfi}"], await TimelineAsync(created));
        Assert.Equal([$"/articles/{zaobao}"], await TimelineAsync(story));
        Assert.Empty(await SameStorySidebarAsync(zaobao));
        Assert.Empty(await SameStorySidebarAsync(rfi));
        var front = await FrontPageAsync();
        Assert.Contains($"/articles/{zaobao}", front);
        Assert.Contains($"/articles/{rfi}", front);
        foreach (var desk in new[] { story, created })
            AssertLogged(await editor.Http.GetDocumentAsync($"/editor/stories/{desk}"), "移出", rfi);
        var decision = Assert.Single(await DecisionsAsync());
        Assert.Equal(("moved-out", story, (long?)created, PortalFactory.EditorName), (decision.Action, decision.StoryId, decision.OtherStoryId, decision.EditorName));
        Assert.Equal([rfi], decision.ArticleIds);
        Assert.InRange(decision.CreatedAt, before, DateTimeOffset.UtcNow.AddMinutes(1));

        // The same files again, the held-back account of the event, and the moved article as its outlet updated it.
        Assert.Equal("read 9, new 1, updated 0, unchanged 8, failed 0", (await IngestAsync(StoryPortal.Inputs)).ToString());
        using var folder = new TempFolder();
        Assert.Equal("read 1, new 0, updated 1, unchanged 0, failed 0",
            (await IngestAsync(folder.Write(StoryPortal.SanctionsRfi, Updated(StoryPortal.SanctionsRfi)))).ToString());

        Assert.Equal(created, await StoryOfAsync(StoryPortal.SanctionsRfi));
        Assert.Equal(story, await StoryOfAsync(StoryPortal.SanctionsZaobao));
        Assert.DoesNotContain(rfi, await MembersAsync(story));
        Assert.DoesNotContain($"/articles/{rfi}", await TimelineAsync(story));
        Assert.DoesNotContain($"/articles/{rfi}", await SameStorySidebarAsync(zaobao));
        Assert.Single(await DecisionsAsync());
    }

    [Fact]
    public async Task Two_stories_merged_keep_the_older_id_the_other_redirects_there_and_a_later_ingest_keeps_them_together()
    {
        await IngestAsync(InputsWithout(StoryPortal.CpiCna));
        var (cpi, sanctions) = (await StoryOfAsync(StoryPortal.CpiZaobao), await StoryOfAsync(StoryPortal.SanctionsZaobao));
        Assert.NotEqual(cpi, sanctions);
        var (older, newer) = (Math.Min(cpi, sanctions), Math.Max(cpi, sanctions));
        var merged = (await MembersAsync(cpi)).Concat(await MembersAsync(sanctions)).Order().ToList();
        Assert.Equal(5, merged.Count);
        var editor = await SignedInEditorAsync();
        var desk = await editor.Http.GetDocumentAsync($"/editor/stories/{newer}");

        // From the newer story's desk: the older one still survives.
        var response = await editor.PostAsync(DeskForm(desk, "/merge").GetAttribute("action")!, desk, ("other", older.ToString()));

        Assert.Equal(older, await DeskStoryAsync(response));
        Assert.Equal(merged, await MembersAsync(older));
        var reader = _portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var gone = await reader.GetAsync($"/stories/{newer}");
        Assert.Equal(HttpStatusCode.MovedPermanently, gone.StatusCode);
        Assert.Equal($"/stories/{older}", gone.Headers.Location?.OriginalString);
        Assert.Equal(merged.Select(id => $"/articles/{id}").Order(), (await TimelineAsync(older)).Order());
        var survivorDesk = await editor.Http.GetDocumentAsync($"/editor/stories/{older}");
        Assert.Equal(merged, DeskAccounts(survivorDesk));
        AssertLogged(survivorDesk, "合并");
        Assert.Contains($"{older} ↔ {newer}", survivorDesk.QuerySelector("ol.story-decisions > li")!.TextContent);
        var goneDesk = await editor.Http.GetAsync($"/editor/stories/{newer}");
        Assert.Equal(older, await DeskStoryAsync(goneDesk));
        var decision = Assert.Single(await DecisionsAsync());
        Assert.Equal(("merged", older, (long?)newer, PortalFactory.EditorName), (decision.Action, decision.StoryId, decision.OtherStoryId, decision.EditorName));
        Assert.Equal(merged, decision.ArticleIds);

        // The same files again with the held-back CPI account, and a merged account updated by its outlet.
        Assert.Equal("read 9, new 1, updated 0, unchanged 8, failed 0", (await IngestAsync(StoryPortal.Inputs)).ToString());
        using var folder = new TempFolder();
        Assert.Equal("read 1, new 0, updated 1, unchanged 0, failed 0",
            (await IngestAsync(folder.Write(StoryPortal.SanctionsRfi, Updated(StoryPortal.SanctionsRfi)))).ToString());

        var members = await MembersAsync(older);
        Assert.All(merged, id => Assert.Contains(id, members));
        Assert.Equal(older, await StoryOfAsync(StoryPortal.CpiCna));
        Assert.Empty(await MembersAsync(newer));
        gone = await reader.GetAsync($"/stories/{newer}");
        Assert.Equal((HttpStatusCode.MovedPermanently, $"/stories/{older}"), (gone.StatusCode, gone.Headers.Location?.OriginalString));
        Assert.Single(await DecisionsAsync());
    }

    [Fact]
    public async Task Two_accounts_split_off_form_a_new_story_the_third_stays_and_a_later_ingest_keeps_both()
    {
        await IngestAsync(StoryPortal.Inputs);
        var story = await StoryOfAsync(StoryPortal.CpiZaobao);
        var (zaobao, reuters, cna) = (await IdOfAsync(StoryPortal.CpiZaobao), await IdOfAsync(StoryPortal.CpiReuters), await IdOfAsync(StoryPortal.CpiCna));
        var editor = await SignedInEditorAsync();
        Assert.DoesNotContain($"/articles/{zaobao}", await FrontPageAsync());
        var desk = await editor.Http.GetDocumentAsync($"/editor/stories/{story}");
        Assert.Equal(new[] { zaobao, reuters, cna }.Order(), DeskAccounts(desk));
        Assert.Equal("暂无。", desk.QuerySelector("p.empty")?.TextContent.Trim());

        var created = await DeskStoryAsync(await editor.PostAsync(DeskForm(desk, "/split").GetAttribute("action")!, desk,
            ("articles", reuters.ToString()), ("articles", cna.ToString())));

        Assert.NotEqual(story, created);
        Assert.Equal(new[] { reuters, cna }.Order(), await MembersAsync(created));
        Assert.Equal([zaobao], await MembersAsync(story));
        // Captured 02:23 (路透) and 09:57 (中央社).
        Assert.Equal([$"/articles/{reuters}", $"/articles/{cna}"], await TimelineAsync(created));
        Assert.Equal([$"/articles/{zaobao}"], await TimelineAsync(story));
        Assert.Equal([$"/articles/{cna}"], await SameStorySidebarAsync(reuters));
        Assert.Empty(await SameStorySidebarAsync(zaobao));
        var front = await FrontPageAsync();
        Assert.Contains($"/articles/{zaobao}", front);
        Assert.Contains($"/articles/{cna}", front);
        Assert.DoesNotContain($"/articles/{reuters}", front);
        var newDesk = await editor.Http.GetDocumentAsync($"/editor/stories/{created}");
        Assert.Equal(new[] { reuters, cna }.Order(), DeskAccounts(newDesk));
        AssertLogged(newDesk, "拆分", reuters, cna);
        AssertLogged(await editor.Http.GetDocumentAsync($"/editor/stories/{story}"), "拆分", reuters, cna);
        var decision = Assert.Single(await DecisionsAsync());
        Assert.Equal(("split", story, (long?)created, PortalFactory.EditorName), (decision.Action, decision.StoryId, decision.OtherStoryId, decision.EditorName));
        Assert.Equal(new[] { reuters, cna }.Order(), decision.ArticleIds);

        Assert.Equal("read 9, new 0, updated 0, unchanged 9, failed 0", (await IngestAsync(StoryPortal.Inputs)).ToString());
        using var folder = new TempFolder();
        Assert.Equal("read 1, new 0, updated 1, unchanged 0, failed 0",
            (await IngestAsync(folder.Write(StoryPortal.CpiCna, Updated(StoryPortal.CpiCna)))).ToString());
        // The account left behind, updated at its outlet, stays where the editor left it too.
        Assert.Equal("read 1, new 0, updated 1, unchanged 0, failed 0",
            (await IngestAsync(folder.Write(StoryPortal.CpiZaobao, Updated(StoryPortal.CpiZaobao)))).ToString());

        Assert.Equal(new[] { reuters, cna }.Order(), await MembersAsync(created));
        Assert.Equal([zaobao], await MembersAsync(story));
        Assert.Equal([$"/articles/{zaobao}"], await TimelineAsync(story));
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        Assert.Equal([(story, 1), (created, 2)], await c.QueryAsync<(long, int)>(
            "SELECT id, article_count FROM stories WHERE id = ANY(@Ids) ORDER BY id", new { Ids = new[] { story, created } }));
    }
}
