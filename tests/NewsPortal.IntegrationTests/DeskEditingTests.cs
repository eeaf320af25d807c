using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Editing an article's body and tags at the desk: the preview, the revision with who and when, the
/// diff of two versions (Chinese by character, English by word) and the correction note readers
/// see on the page and in the three feeds.
/// </summary>
public sealed class DeskEditingTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    private string EditPath => $"/editor/articles/{_portal.FeedDumpId}/edit";

    private async Task<EditorClient> SignedInAsync()
    {
        var client = new EditorClient(_portal);
        await client.SignInAsync();
        return client;
    }

    private static (string, string)[] Form(string title, string summary, string body, string tags = "", string note = "", string intent = "save") =>
        [("title", title), ("summary", summary), ("body", body), ("tags", tags), ("note", note), ("intent", intent)];

    [Fact]
    public async Task A_preview_shows_the_sanitized_body_and_saves_nothing()
    {
        var client = await SignedInAsync();
        var page = await client.Http.GetDocumentAsync(EditPath);

        var response = await client.PostAsync(EditPath, page,
            Form("预览标题", "摘要", "<p onclick=\"x()\">预览正文<script>alert(1)</script></p><iframe src=\"https://evil.example\"></iframe>", intent: "preview"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".preview .article-body")!;
        Assert.Equal("<p>预览正文</p>", preview.InnerHtml.Trim());
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(Repo.FeedDumpTitle, await c.ExecuteScalarAsync<string>("SELECT title FROM articles WHERE id = @Id", new { Id = _portal.FeedDumpId }));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM article_revisions WHERE editor_id IS NOT NULL"));
    }

    [Fact]
    public async Task Saving_a_body_keeps_a_revision_and_the_diff_page_marks_the_changed_characters()
    {
        var client = await SignedInAsync();
        var page = await client.Http.GetDocumentAsync(EditPath);
        var stored = page.QuerySelector("textarea[name=body]")!.TextContent;
        Assert.Contains("普京是在莫斯科郊外的住处会见张又侠", stored);

        var saved = await client.PostAsync(EditPath, page, Form(Repo.FeedDumpTitle + "（更新）", "编辑的摘要",
            stored.Replace("普京是在莫斯科郊外的住处会见张又侠", "普京是在克里姆林宫会见张又侠"), "俄罗斯，军事"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var reader = await _portal.CreateClient().GetDocumentAsync($"/articles/{_portal.FeedDumpId}");
        Assert.Contains("普京是在克里姆林宫会见张又侠", reader.QuerySelector(".article-body")!.TextContent);
        Assert.Equal(["俄罗斯", "军事"], reader.QuerySelectorAll(".tags a").Select(a => a.TextContent));
        await using (var c = await _portal.Database.DataSource.OpenConnectionAsync())
        {
            var revision = await c.QuerySingleAsync<(string Action, string Editor, string Body)>("""
                SELECT r.action, e.name, r.body_html FROM article_revisions r JOIN editors e ON e.id = r.editor_id WHERE r.article_id = @Id
                """, new { Id = _portal.FeedDumpId });
            Assert.Equal(("edited", PortalFactory.EditorName), (revision.Action, revision.Editor));
            Assert.Contains("克里姆林宫", revision.Body);
        }

        // The last two versions by default: the ingested one and the editor's.
        var diff = await client.Http.GetDocumentAsync($"/editor/articles/{_portal.FeedDumpId}/revisions");
        var body = diff.QuerySelectorAll(".diffs .diff")[2];
        Assert.Equal("莫斯科郊外的住处", string.Concat(body.QuerySelectorAll("del").Select(d => d.TextContent)));
        Assert.Equal("克里姆林宫", string.Concat(body.QuerySelectorAll("ins").Select(d => d.TextContent)));
        Assert.Equal("（更新）", diff.QuerySelectorAll(".diffs .diff")[0].QuerySelector("ins")!.TextContent);
        Assert.Contains(PortalFactory.EditorName, diff.QuerySelector("select[name=to] option[selected]")!.TextContent);
    }

    [Fact]
    public async Task The_diff_of_an_English_edit_is_by_word_and_any_two_versions_can_be_compared()
    {
        var client = await SignedInAsync();
        var page = await client.Http.GetDocumentAsync(EditPath);
        await client.PostAsync(EditPath, page, Form("Putin meets the general", "", "<p>The quick brown fox jumps over the lazy dog.</p>"));
        await client.PostAsync(EditPath, page, Form("Putin meets the general", "", "<p>The quick red fox jumped over the lazy dog.</p>"));
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        var ids = (await c.QueryAsync<long>("SELECT id FROM article_revisions WHERE article_id = @Id ORDER BY id", new { Id = _portal.FeedDumpId })).ToList();
        Assert.Equal(3, ids.Count);

        var latest = await client.Http.GetDocumentAsync($"/editor/articles/{_portal.FeedDumpId}/revisions?from={ids[1]}&to={ids[2]}");
        var body = latest.QuerySelectorAll(".diffs .diff")[2];
        Assert.Equal(["brown", "jumps"], body.QuerySelectorAll("del").Select(d => d.TextContent));
        Assert.Equal(["red", "jumped"], body.QuerySelectorAll("ins").Select(d => d.TextContent));

        // The first and the last: the Chinese body gone, the English one in, the title changed.
        var across = await client.Http.GetDocumentAsync($"/editor/articles/{_portal.FeedDumpId}/revisions?from={ids[0]}&to={ids[2]}");
        Assert.Contains("普京周三", string.Concat(across.QuerySelectorAll(".diffs .diff")[2].QuerySelectorAll("del").Select(d => d.TextContent)));
        Assert.Equal("Putin meets the general", string.Concat(across.QuerySelectorAll(".diffs .diff")[0].QuerySelectorAll("ins").Select(d => d.TextContent)));
    }

    [Fact]
    public async Task A_correction_note_shows_on_the_article_page_and_goes_into_each_feed_as_an_update()
    {
        var client = await SignedInAsync();
        var page = await client.Http.GetDocumentAsync(EditPath);
        var body = page.QuerySelector("textarea[name=body]")!.TextContent;
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);

        await client.PostAsync(EditPath, page, Form(Repo.FeedDumpTitle, "摘要", body, note: "更正：会见地点为莫斯科郊外。"));

        var reader = _portal.CreateClient();
        var article = await reader.GetDocumentAsync($"/articles/{_portal.FeedDumpId}");
        var note = article.QuerySelector(".correction-note")!;
        Assert.Contains("更正：会见地点为莫斯科郊外。", note.TextContent);
        Assert.NotNull(note.QuerySelector("time[datetime]"));

        var rss = XDocument.Parse(await reader.GetStringAsync("/feeds/rss.xml"));
        XNamespace content = "http://purl.org/rss/1.0/modules/content/", atom = "http://www.w3.org/2005/Atom";
        var item = rss.Descendants("item").Single(i => i.Element("title")!.Value == Repo.FeedDumpTitle);
        Assert.StartsWith("【更正/更新说明（", item.Element("description")!.Value);
        Assert.Contains("更正：会见地点为莫斯科郊外。", item.Element("description")!.Value);
        Assert.StartsWith("<p class=\"correction-note\">", item.Element(content + "encoded")!.Value);
        Assert.True(DateTimeOffset.Parse(item.Element(atom + "updated")!.Value) >= before);

        var feed = XDocument.Parse(await reader.GetStringAsync("/feeds/atom.xml"));
        var entry = feed.Descendants(atom + "entry").Single(e => e.Element(atom + "title")!.Value == Repo.FeedDumpTitle);
        Assert.True(DateTimeOffset.Parse(entry.Element(atom + "updated")!.Value) >= before);
        Assert.Contains("更正：会见地点为莫斯科郊外。", entry.Element(atom + "content")!.Value);

        using var json = JsonDocument.Parse(await reader.GetStringAsync("/feeds/feed.json"));
        var jsonItem = json.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == Repo.FeedDumpTitle);
        Assert.True(DateTimeOffset.Parse(jsonItem.GetProperty("date_modified").GetString()!) >= before);
        Assert.Contains("更正：会见地点为莫斯科郊外。", jsonItem.GetProperty("content_html").GetString());

        // An article without a note carries none.
        Assert.DoesNotContain("correction-note", (await reader.GetDocumentAsync($"/articles/{_portal.TextDumpId}")).QuerySelector("article")!.InnerHtml);
    }

    [Fact]
    public async Task An_empty_title_or_body_is_refused()
    {
        var client = await SignedInAsync();
        var page = await client.Http.GetDocumentAsync(EditPath);

        var noTitle = await client.PostAsync(EditPath, page, Form(" ", "", "<p>正文</p>"));
        var noBody = await client.PostAsync(EditPath, page, Form("标题", "", "<script>x()</script>"));

        Assert.Equal(HttpStatusCode.BadRequest, noTitle.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.Equal(Repo.FeedDumpTitle, (await _portal.CreateClient().GetDocumentAsync($"/articles/{_portal.FeedDumpId}")).QuerySelector("h1")!.TextContent.Trim());
    }
}
