using System.Net;
using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// An article an editor changed keeps the editor's version when its source sends a newer one: the
/// newer version waits on the desk ("来源已更新") until an editor accepts, rejects or merges it,
/// and an older copy still writes nothing.
/// </summary>
public sealed class SourceUpdateTests : IAsyncLifetime, IDisposable
{
    private const string OurTitle = "编辑修改后的标题";
    private const string SourceTitle = "普京会见张又侠（来源更新）";

    private readonly PortalFactory _portal = new();
    private readonly TempFolder _folder = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    public void Dispose() => _folder.Dispose();

    private string Id => _portal.FeedDumpId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The sample item as its source later served it: a new title and paragraph, captured later.
    private string SourceCopy(string capture, string title, string paragraph) => File.ReadAllText(Repo.FeedDumpSample)
        .Replace("<!--1699468744000-->", $"<!--{capture}-->")
        .Replace("[普京会见张又侠，盛赞中俄高科技军事合作]", $"[{title}]")
        .Replace("普京是在莫斯科郊外的住处会见张又侠的。", paragraph);

    private async Task<EditorClient> EditedAsync()
    {
        var client = new EditorClient(_portal);
        await client.SignInAsync();
        var page = await client.Http.GetDocumentAsync($"/editor/articles/{Id}/edit");
        var body = page.QuerySelector("textarea[name=body]")!.TextContent;
        var saved = await client.PostAsync($"/editor/articles/{Id}/edit", page,
            ("title", OurTitle), ("summary", "编辑的摘要"), ("body", body.Replace("普京是在莫斯科郊外的住处会见张又侠的。", "编辑改写的段落。")),
            ("tags", "编辑标签"), ("note", ""), ("intent", "save"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return client;
    }

    private async Task IngestSourceCopyAsync(string capture = "1699500000000", string name = "voa-later.txt", string paragraph = "来源补充的新段落。")
    {
        _folder.Write(name, SourceCopy(capture, SourceTitle, paragraph));
        await using var host = new IngestionHost(_portal.Database);
        await host.IngestAsync(Path.Combine(_folder.Path, name));
    }

    private async Task<(string Title, string Body, string[] Tags)> StoredAsync()
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        return await c.QuerySingleAsync<(string, string, string[])>("SELECT title, body_text, tags FROM articles WHERE id = @Id", new { Id = _portal.FeedDumpId });
    }

    [Fact]
    public async Task A_newer_source_version_waits_on_the_desk_and_readers_keep_the_editors()
    {
        var client = await EditedAsync();

        await IngestSourceCopyAsync();

        var reader = await _portal.CreateClient().GetDocumentAsync($"/articles/{Id}");
        Assert.Equal(OurTitle, reader.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("编辑改写的段落。", reader.QuerySelector(".article-body")!.TextContent);
        Assert.DoesNotContain("来源补充的新段落。", reader.QuerySelector(".article-body")!.TextContent);
        var list = await client.Http.GetDocumentAsync("/editor/source-updates");
        var row = list.QuerySelector(".source-updates tbody tr")!;
        Assert.Contains(OurTitle, row.TextContent);
        Assert.Contains(SourceTitle, row.TextContent);
        var show = await client.Http.GetDocumentAsync($"/editor/source-updates/{Id}");
        // By character: the two paragraphs share 的 and 段落, so only the rest is marked.
        Assert.Contains("来源补充", string.Concat(show.QuerySelectorAll(".diff ins").Select(i => i.TextContent)));
        Assert.Contains("编辑改写", string.Concat(show.QuerySelectorAll(".diff del").Select(i => i.TextContent)));
        Assert.Contains("来源已更新", (await client.Http.GetDocumentAsync($"/editor/articles/{Id}/edit")).QuerySelector(".notice")!.TextContent);
    }

    [Fact]
    public async Task An_older_copy_than_the_waiting_one_writes_nothing()
    {
        await EditedAsync();
        await IngestSourceCopyAsync();

        // Captured earlier than the waiting version, though read later.
        _folder.Write("voa-earlier.txt", SourceCopy("1699469000000", "较早的来源标题", "较早的段落。"));
        await using (var host = new IngestionHost(_portal.Database)) await host.IngestAsync(Path.Combine(_folder.Path, "voa-earlier.txt"));

        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(SourceTitle, await c.ExecuteScalarAsync<string>("SELECT title FROM article_source_pending WHERE article_id = @Id", new { Id = _portal.FeedDumpId }));
        Assert.Equal(OurTitle, (await StoredAsync()).Title);
    }

    [Fact]
    public async Task Accepting_takes_the_sources_version_and_hands_the_article_back_to_the_source()
    {
        var client = await EditedAsync();
        await IngestSourceCopyAsync();
        var page = await client.Http.GetDocumentAsync($"/editor/source-updates/{Id}");

        var response = await client.PostAsync($"/editor/source-updates/{Id}", page, ("decision", "accept"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredAsync();
        Assert.Equal(SourceTitle, stored.Title);
        Assert.Contains("来源补充的新段落。", stored.Body);
        Assert.Empty((await client.Http.GetDocumentAsync("/editor/source-updates")).QuerySelectorAll(".source-updates tbody tr"));
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        Assert.Null(await c.ExecuteScalarAsync<DateTimeOffset?>("SELECT desk_edited_at FROM articles WHERE id = @Id", new { Id = _portal.FeedDumpId }));
        Assert.Equal("source-accepted", await c.ExecuteScalarAsync<string>("SELECT action FROM article_revisions WHERE article_id = @Id ORDER BY id DESC LIMIT 1", new { Id = _portal.FeedDumpId }));
    }

    [Fact]
    public async Task Rejecting_keeps_ours_and_the_same_copy_read_again_does_not_come_back()
    {
        var client = await EditedAsync();
        await IngestSourceCopyAsync();
        var page = await client.Http.GetDocumentAsync($"/editor/source-updates/{Id}");

        await client.PostAsync($"/editor/source-updates/{Id}", page, ("decision", "reject"));
        await IngestSourceCopyAsync(name: "voa-later-again.txt");

        var stored = await StoredAsync();
        Assert.Equal(OurTitle, stored.Title);
        Assert.Contains("编辑改写的段落。", stored.Body);
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_source_pending"));
    }

    [Fact]
    public async Task Merging_takes_the_sources_body_and_keeps_our_title_and_tags()
    {
        var client = await EditedAsync();
        await IngestSourceCopyAsync();
        var page = await client.Http.GetDocumentAsync($"/editor/source-updates/{Id}");

        await client.PostAsync($"/editor/source-updates/{Id}", page, ("decision", "merge"), ("take", "body"));

        var stored = await StoredAsync();
        Assert.Equal(OurTitle, stored.Title);
        Assert.Equal(["编辑标签"], stored.Tags);
        Assert.Contains("来源补充的新段落。", stored.Body);
        Assert.DoesNotContain("编辑改写的段落。", stored.Body);
        var reader = await _portal.CreateClient().GetDocumentAsync($"/articles/{Id}");
        Assert.Contains("来源补充的新段落。", reader.QuerySelector(".article-body")!.TextContent);
        // Still the editor's: the source's next version waits again.
        await IngestSourceCopyAsync(capture: "1699600000000", name: "voa-latest.txt", paragraph: "来源再次更新的段落。");
        Assert.Equal(OurTitle, (await StoredAsync()).Title);
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_source_pending"));
    }

    [Fact]
    public async Task An_article_no_editor_changed_is_still_updated_in_place()
    {
        await IngestSourceCopyAsync();

        Assert.Equal(SourceTitle, (await StoredAsync()).Title);
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_source_pending"));
    }
}
