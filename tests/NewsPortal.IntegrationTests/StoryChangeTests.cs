using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Stories that grow over several runs, or that an editor reshapes, as readers then see them. Each
/// test on its own portal and database.
/// </summary>
public sealed partial class StoryChangeTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    [GeneratedRegex(@"^<!--(\d{13})-->")]
    private static partial Regex CaptureLine();

    private static DateTimeOffset CapturedAt(string file) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(CaptureLine().Match(File.ReadAllText(StoryPortal.PathOf(file))).Groups[1].Value));

    /// <summary>The dump as it reads when its feed gave the item a date: the seed layout's date line, at the capture time.</summary>
    private static string Dated(string file)
    {
        var text = File.ReadAllText(StoryPortal.PathOf(file));
        var body = text.IndexOf("\n------\n", StringComparison.Ordinal) + "\n------\n".Length;
        return text[..body] + $"<div><i>{CapturedAt(file):R}</i></div>" + text[body..];
    }

    /// <summary>Ingests each input in a run of its own, in the order given.</summary>
    private async Task IngestOneByOneAsync(IEnumerable<string> paths)
    {
        await using var host = new IngestionHost(_portal.Database);
        foreach (var path in paths) Assert.Equal(1, (await host.IngestAsync(path)).New);
    }

    private async Task<IReadOnlyList<string?>> TimelineAsync(long story) =>
        [.. (await _portal.CreateClient().GetDocumentAsync($"/stories/{story}"))
            .QuerySelectorAll("ol.timeline > li").Select(li => li.QuerySelector(".title a")!.GetAttribute("href"))];

    private async Task<List<string>> HrefsAsync(IEnumerable<string> files)
    {
        var hrefs = new List<string>();
        foreach (var file in files) hrefs.Add($"/articles/{await StoryPortal.IdOfAsync(_portal.Database, file)}");
        return hrefs;
    }

    [Fact]
    public async Task Story_page_orders_accounts_by_publication_time_not_by_when_they_arrived()
    {
        using var folder = new TempFolder();
        // The latest report arrives first.
        await IngestOneByOneAsync(StoryPortal.Sanctions.Reverse().Select(f => folder.Write(f, Dated(f))));
        var story = await StoryPortal.StoryOfAsync(_portal.Database, StoryPortal.SanctionsDw);
        var hrefs = await HrefsAsync(StoryPortal.Sanctions);
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(StoryPortal.Sanctions.Select(CapturedAt), await c.QueryAsync<DateTimeOffset>(
            "SELECT published_at FROM articles WHERE '/articles/' || id = ANY(@Hrefs) ORDER BY published_at", new { Hrefs = hrefs.ToArray() }));

        Assert.Equal(hrefs, await TimelineAsync(story!.Value));

        // The latest report's sidebar: the story's other accounts, most alike first, with outlet and
        // time. 德国之声's text follows 联合早报's closely and RFI's much less (under
        // StoryStore.LikenessShare of the best), so RFI's account comes second: one of the story's
        // StoryStore.LeastAccounts most alike, listed whatever its likeness.
        var page = await _portal.CreateClient().GetDocumentAsync(hrefs[2]);
        var accounts = page.QuerySelectorAll("aside ol.story-accounts li").ToList();
        Assert.Equal([hrefs[0], hrefs[1]], accounts.Select(li => li.QuerySelector("a")!.GetAttribute("href")));
        Assert.Equal("联合早报", accounts[0].QuerySelector(".outlet")!.TextContent.Trim());
        Assert.Equal([.. StoryPortal.Sanctions.Take(2).Select(f => CapturedAt(f).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"))],
            accounts.Select(li => li.QuerySelector("time")?.GetAttribute("datetime")));
        Assert.Contains("3 家媒体报道", page.QuerySelector("aside .story-link")!.TextContent);
    }

    [Fact]
    public async Task Accounts_known_only_by_their_capture_time_are_ordered_by_it_on_the_story_page()
    {
        // The real dumps carry no date line; their capture line is the time the portal lists them by.
        await IngestOneByOneAsync(StoryPortal.Sanctions.Reverse().Select(StoryPortal.PathOf));
        var story = await StoryPortal.StoryOfAsync(_portal.Database, StoryPortal.SanctionsDw);
        var hrefs = await HrefsAsync(StoryPortal.Sanctions);

        var front = await _portal.CreateClient().GetDocumentAsync("/");

        Assert.Contains(hrefs[2], front.QuerySelectorAll(".article-item-title a").Select(a => a.GetAttribute("href")));
        Assert.Equal(hrefs, await TimelineAsync(story!.Value));
    }

    [Fact]
    public async Task A_story_an_editor_merged_into_another_redirects_to_the_survivor_for_good()
    {
        await using (var host = new IngestionHost(_portal.Database)) await host.IngestAsync(StoryPortal.Inputs);
        var cpi = (await StoryPortal.StoryOfAsync(_portal.Database, StoryPortal.CpiZaobao))!.Value;
        var sanctions = (await StoryPortal.StoryOfAsync(_portal.Database, StoryPortal.SanctionsZaobao))!.Value;
        var (survivor, gone) = (Math.Min(cpi, sanctions), Math.Max(cpi, sanctions));
        var editor = new EditorClient(_portal);
        await editor.SignInAsync();
        IDocument form = await editor.Http.GetDocumentAsync($"/editor/articles/{await StoryPortal.IdOfAsync(_portal.Database, StoryPortal.CpiZaobao)}");

        var merge = await editor.PostAsync($"/editor/stories/{gone}/merge", form, ("other", survivor.ToString()));

        Assert.True(merge.StatusCode == HttpStatusCode.Redirect, $"merge: {(int)merge.StatusCode} {await merge.Content.ReadAsStringAsync()}");
        var reader = _portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var (from, to) in new[] { ("", ""), ("/rss.xml", "/rss.xml"), ("/atom.xml", "/atom.xml") })
        {
            var response = await reader.GetAsync($"/stories/{gone}{from}");
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal($"/stories/{survivor}{to}", response.Headers.Location?.OriginalString);
        }
        var accounts = await HrefsAsync([.. StoryPortal.Cpi, .. StoryPortal.Sanctions]);
        Assert.Equal(accounts.Order(), (await TimelineAsync(survivor)).Order());

        // A later ingest keeps the editor's merge.
        await using (var host = new IngestionHost(_portal.Database)) await host.IngestAsync(StoryPortal.Inputs);
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(6, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM articles WHERE story_id = @Id", new { Id = survivor }));
        Assert.Equal(survivor, await c.ExecuteScalarAsync<long?>("SELECT merged_into FROM stories WHERE id = @Id", new { Id = gone }));
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM story_decisions WHERE action = 'merged'"));
    }
}
