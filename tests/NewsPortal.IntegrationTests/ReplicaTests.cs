using System.Diagnostics;
using System.Net;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Readers read from a real streaming replica; an editor reads what they saved from the primary; a
/// replica that is stopped, paused or behind does not take the site down. Each test leaves the
/// replica running and replaying, and the article's title as the samples had it.
/// </summary>
public sealed class ReplicaTests(ReplicaPortal portal) : IClassFixture<ReplicaPortal>
{
    [Fact]
    public async Task Readers_see_the_replica_and_the_editor_who_saved_sees_the_primary_at_once()
    {
        var reader = portal.CreateClient();
        var editor = new EditorClient(portal);
        await editor.SignInAsync();
        var original = await TitleAsync(reader);
        await using var paused = await PauseReplayAsync();

        var form = await editor.Http.GetDocumentAsync($"/editor/articles/{portal.ArticleId}");
        var saved = await editor.PostAsync($"/editor/articles/{portal.ArticleId}", form, ("title", "副本测试：编辑后的标题"), ("summary", "摘要"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // The replica has not replayed the save: readers still get the title it has...
        Assert.Equal(original, await TitleAsync(reader));
        // ...and the editor, read from the primary, the one just saved.
        Assert.Equal("副本测试：编辑后的标题", await TitleAsync(editor.Http));

        await paused.DisposeAsync();
        // Replayed: the replica's change stamp moves with it, and the page is built again from the replica.
        await Eventually.TrueAsync(async () => await TitleAsync(reader) == "副本测试：编辑后的标题", "readers see the save once the replica replays it");
        await RestoreTitleAsync(original);
    }

    [Fact]
    public async Task Reader_queries_run_on_the_replica()
    {
        await using var app = portal.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:NewsPortalRead",
            portal.Replica.ConnectionString(portal.DatabaseName) + ";Application Name=np-replica-reads"));
        var reader = app.CreateClient();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/articles/{portal.ArticleId}")).StatusCode);

        var onReplica = await portal.Replica.QueryAsync<long>("postgres", "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'np-replica-reads'");
        var onPrimary = await portal.Primary.QueryAsync<long>("postgres", "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'np-replica-reads'");
        Assert.True(onReplica > 0, "the reads' pooled connections are on the replica");
        Assert.Equal(0, onPrimary);
    }

    [Fact]
    public async Task One_multi_host_string_with_prefer_standby_writes_to_the_primary_and_reads_from_the_standby()
    {
        var both = $"Host=127.0.0.1:{portal.Replica.Port},127.0.0.1:{portal.Primary.Port};Username=postgres;Database={portal.DatabaseName};" +
                   "Target Session Attributes=prefer-standby;Application Name=np-multi-host";
        await using var app = portal.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:NewsPortal", both)
            .UseSetting("ConnectionStrings:NewsPortalRead", ""));
        var reader = app.CreateClient();
        var editor = new EditorClient(app);
        await editor.SignInAsync(); // a write (the sign-in is recorded on the account)
        var form = await editor.Http.GetDocumentAsync($"/editor/articles/{portal.ArticleId}");
        var original = form.QuerySelector("input[name=title]")!.GetAttribute("value")!;
        var saved = await editor.PostAsync($"/editor/articles/{portal.ArticleId}", form, ("title", "多主机连接串保存的标题"), ("summary", "摘要"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("多主机连接串保存的标题", await portal.Primary.QueryAsync<string>(portal.DatabaseName, $"SELECT title FROM articles WHERE id = {portal.ArticleId}"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).StatusCode);

        Assert.True(await portal.Replica.QueryAsync<long>("postgres", "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'np-multi-host'") > 0,
            "reader queries ran on the standby");
        await RestoreTitleAsync(original);
    }

    [Fact]
    public async Task Reads_go_on_from_the_primary_while_the_replica_is_stopped()
    {
        var reader = portal.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).StatusCode); // pooled replica connections now exist
        await portal.Replica.StopAsync();
        try
        {
            foreach (var path in new[] { "/", $"/articles/{portal.ArticleId}", "/feeds/rss.xml", "/search?q=美国", "/outlets" })
                Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);
            await using (var c = await portal.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync())
                await c.ExecuteAsync("UPDATE articles SET title = title || '（主库）' WHERE id = @Id", new { Id = portal.ArticleId });
            // With the replica away, reads (and the stamp) come from the primary: the write shows.
            Assert.EndsWith("（主库）", await TitleAsync(reader));
        }
        finally
        {
            await portal.Replica.StartAsync();
            await using var c = await portal.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync();
            await c.ExecuteAsync("UPDATE articles SET title = replace(title, '（主库）', '') WHERE id = @Id", new { Id = portal.ArticleId });
            await portal.WaitForReplayAsync();
        }
    }

    [Theory]
    [InlineData(true)] // the change stamp's read meets the cut first
    [InlineData(false)] // no stamp is read: the page's own queries meet it
    public async Task A_replica_connection_cut_off_mid_request_is_read_again_from_the_primary(bool pageCache)
    {
        await using var forwarder = new TcpForwarder(portal.Replica.Port);
        await using var app = portal.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:NewsPortalRead", $"Host=127.0.0.1;Port={forwarder.Port};Username=postgres;Database={portal.DatabaseName}")
            .UseSetting("Delivery:PageCache", pageCache ? "true" : "false"));
        var reader = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/articles/{portal.ArticleId}")).StatusCode);

        forwarder.Cut();

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/articles/{portal.ArticleId}")).StatusCode);
    }

    [Fact]
    public async Task With_replay_paused_the_site_answers_and_past_the_lag_limit_reads_move_to_the_primary()
    {
        await using var app = portal.WithWebHostBuilder(b => b
            .UseSetting("Database:ReplicaMaxLagSeconds", "0.5")
            .UseSetting("Database:ReplicaCheckSeconds", "0.1"));
        var reader = app.CreateClient();
        var original = await TitleAsync(reader);
        await using var paused = await PauseReplayAsync();
        await using (var c = await portal.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync())
            await c.ExecuteAsync("UPDATE articles SET title = '副本落后时的新标题' WHERE id = @Id", new { Id = portal.ArticleId });

        var watch = Stopwatch.StartNew();
        foreach (var path in new[] { "/", "/feeds/atom.xml", "/outlets" })
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);
        await Eventually.TrueAsync(async () => await TitleAsync(reader) == "副本落后时的新标题", "reads move to the primary once the replica is 0.5 s behind", 10);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");

        await paused.DisposeAsync();
        await RestoreTitleAsync(original);
    }

    private async Task<string> TitleAsync(HttpClient client) =>
        (await client.GetDocumentAsync($"/articles/{portal.ArticleId}")).QuerySelector("article h1")!.TextContent.Trim();

    private async Task RestoreTitleAsync(string title)
    {
        await using var c = await portal.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync();
        await c.ExecuteAsync("UPDATE articles SET title = @Title WHERE id = @Id", new { Id = portal.ArticleId, Title = title });
        await portal.WaitForReplayAsync();
    }

    /// <summary>Pauses the replica's replay; disposing resumes it (once).</summary>
    private async Task<IAsyncDisposable> PauseReplayAsync()
    {
        await portal.Replica.QueryAsync<object>("postgres", "SELECT pg_wal_replay_pause()::text");
        return new Resume(portal);
    }

    private sealed class Resume(ReplicaPortal portal) : IAsyncDisposable
    {
        private bool _done;

        public async ValueTask DisposeAsync()
        {
            if (_done) return;
            _done = true;
            await portal.Replica.QueryAsync<object>("postgres", "SELECT pg_wal_replay_resume()::text");
        }
    }
}
