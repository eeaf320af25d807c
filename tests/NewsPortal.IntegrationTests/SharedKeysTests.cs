using System.Net;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>Two web nodes on one database share one data-protection key ring: a form from one is accepted by the other, and so is the session it starts.</summary>
public sealed class SharedKeysTests(PortalFactory fixture) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_sign_in_form_from_one_node_signs_in_on_another_and_the_session_holds_there_and_on_the_first()
    {
        await using var nodeA = fixture.WithWebHostBuilder(b => b.UseSetting("Site:Title", "node A"));
        await using var nodeB = fixture.WithWebHostBuilder(b => b.UseSetting("Site:Title", "node B"));
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        var a = nodeA.CreateClient(options);
        var b = nodeB.CreateClient(options);

        var form = await a.GetAsync("/editor/login");
        var cookies = form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var token = Html.Parse(await form.Content.ReadAsStringAsync()).AntiforgeryToken();

        var post = new HttpRequestMessage(HttpMethod.Post, "/editor/login")
        {
            Content = new FormUrlEncodedContent([new("name", PortalFactory.EditorName), new("password", PortalFactory.EditorPassword), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies));
        var signedIn = await b.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".NewsPortal.Editor=", StringComparison.Ordinal));

        foreach (var node in new[] { a, b })
        {
            var desk = new HttpRequestMessage(HttpMethod.Get, "/editor");
            desk.Headers.Add("Cookie", session);
            Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(desk)).StatusCode);
        }
        await using var c = await fixture.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM data_protection_keys"));
    }
}
