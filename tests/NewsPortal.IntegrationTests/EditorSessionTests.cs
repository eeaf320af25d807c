using System.Net;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Core.Editors;
using NewsPortal.Core.Storage;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>A session ends when its account changes: a reset password, a disabled account (even by SQL), or its absolute lifetime.</summary>
public sealed class EditorSessionTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    private async Task<(PortalFactory Portal, EditorClient Editor)> SignedInAsync()
    {
        var portal = _portal;
        var editor = new EditorClient(portal);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SignInAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.GetAsync("/editor")).StatusCode);
        return (portal, editor);
    }

    private static async Task AssertSignedOutAsync(EditorClient editor)
    {
        var response = await editor.Http.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/editor/login", response.Headers.Location?.OriginalString.Replace("http://localhost", ""));
    }

    [Fact]
    public async Task Resetting_the_password_ends_the_sessions_signed_in_with_the_old_one()
    {
        var (portal, editor) = await SignedInAsync();
        var hash = new EditorPasswords().Hash(PortalFactory.EditorName, "a brand new secret phrase");
        Assert.True(await new EditorStore(portal.Database.DataSource).ResetPasswordAsync(PortalFactory.EditorName, hash, CancellationToken.None));
        await AssertSignedOutAsync(editor);
        // And a save with the old session is refused, not stored.
        var fresh = new EditorClient(portal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.SignInAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.SignInAsync(password: "a brand new secret phrase")).StatusCode);
    }

    [Fact]
    public async Task Disabling_the_account_by_SQL_ends_its_session_at_the_next_request()
    {
        var (portal, editor) = await SignedInAsync();
        await using var c = await portal.Database.DataSource.OpenConnectionAsync();
        await c.ExecuteAsync("UPDATE editors SET disabled_at = now() WHERE name = @Name", new { Name = PortalFactory.EditorName });
        await AssertSignedOutAsync(editor);
        // Enabled again, the old cookie stays dead: the stamp moved twice.
        await c.ExecuteAsync("UPDATE editors SET disabled_at = NULL WHERE name = @Name", new { Name = PortalFactory.EditorName });
        await AssertSignedOutAsync(editor);
    }

    [Fact]
    public async Task A_session_ends_after_its_absolute_lifetime_however_busy()
    {
        var portal = _portal;
        // About two seconds: the time signed in is a claim of its own, which no renewal of the cookie changes.
        await using var shortLived = portal.WithWebHostBuilder(b => b.UseSetting("Editors:SessionHours", "0.0006"));
        var client = shortLived.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetDocumentAsync("/editor/login");
        var signIn = await client.PostAsync("/editor/login", new FormUrlEncodedContent([
            new("name", PortalFactory.EditorName), new("password", PortalFactory.EditorPassword), new("__RequestVerificationToken", form.AntiforgeryToken())]));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/editor")).StatusCode);
        await Task.Delay(2600);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/editor")).StatusCode);
    }
}
