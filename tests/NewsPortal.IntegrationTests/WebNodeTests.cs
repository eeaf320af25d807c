using System.Net;
using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Two real web processes on one database behind one address that sends requests to them in turn:
/// an editor signs in, moves between them and saves, as behind a load balancer without sticky sessions.
/// </summary>
public sealed class WebNodeTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    [Fact]
    public async Task A_sign_in_and_forms_from_one_process_are_accepted_by_the_other()
    {
        // Started together, as nodes are after a deploy: neither finds a key ring yet.
        await using var a = WebNodeProcess.Start(_portal.Database.ConnectionString);
        await using var b = WebNodeProcess.Start(_portal.Database.ConnectionString);
        await Task.WhenAll(a.WaitReadyAsync(), b.WaitReadyAsync());
        await using var proxy = await RoundRobinProxy.StartAsync(a.BaseUrl, b.BaseUrl);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            { BaseAddress = new Uri(proxy.BaseUrl) };

        var login = await client.GetDocumentAsync("/editor/login"); // A
        var signedIn = await client.PostAsync("/editor/login", Form(login, ("name", PortalFactory.EditorName), ("password", PortalFactory.EditorPassword))); // B
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/editor")).StatusCode); // A: B's session holds

        var edit = await client.GetDocumentAsync($"/editor/articles/{_portal.FeedDumpId}"); // B
        var saved = await client.PostAsync($"/editor/articles/{_portal.FeedDumpId}", Form(edit, ("title", "两个节点之间保存的标题"), ("summary", ""))); // A
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("两个节点之间保存的标题",
            (await client.GetDocumentAsync($"/articles/{_portal.FeedDumpId}")).QuerySelector("article h1")!.TextContent.Trim()); // B

        Assert.Equal([a.BaseUrl, b.BaseUrl, a.BaseUrl, b.BaseUrl, a.BaseUrl, b.BaseUrl], proxy.Served.Select(s => s.Node).ToArray());
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        // One shared ring: nodes started at the same moment may each make a key at their first request
        // (at most one each), and each reads the other's from the ring when a cookie names it, as the
        // sign-in and forms above crossed nodes in both directions.
        Assert.InRange(await c.ExecuteScalarAsync<long>("SELECT count(*) FROM data_protection_keys"), 1, 2);
    }

    private static FormUrlEncodedContent Form(AngleSharp.Dom.IDocument page, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", page.AntiforgeryToken())));

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();
}
