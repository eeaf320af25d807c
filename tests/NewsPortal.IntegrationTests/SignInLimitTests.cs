using System.Net;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Sign-in is limited per account and per address (429 with Retry-After and a page that says how
/// long); the address is the one a configured proxy forwards, and only a configured proxy's
/// forwarded headers are believed. Failed sign-ins are logged as warnings with the account and
/// address, never the password.
/// </summary>
public sealed class SignInLimitTests : IAsyncLifetime
{
    private const string Proxy = "10.9.9.9";

    private readonly PortalFactory _portal = new();
    private readonly LogCapture _log = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    /// <summary>The portal behind a proxy at <see cref="Proxy"/>, every request arriving from <paramref name="peer"/>.</summary>
    private WebApplicationFactory<Program> BehindProxy(string peer, params (string Key, string Value)[] settings) =>
        _portal.WithWebHostBuilder(b =>
        {
            b.UseSetting("Proxies:KnownProxies:0", Proxy);
            b.UseSetting("Serilog:MinimumLevel:Default", "Information");
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureTestServices(services =>
            {
                services.AddSingleton<IStartupFilter>(new TestPeer(peer));
                services.AddSingleton<ILogEventSink>(_log);
            });
        });

    private static async Task<HttpResponseMessage> SignInFromAsync(EditorClient client, string forwardedFor, string password)
    {
        var form = await client.Http.GetDocumentAsync("/editor/login");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/editor/login")
        {
            Content = new FormUrlEncodedContent([
                new("name", PortalFactory.EditorName), new("password", password), new("__RequestVerificationToken", form.AntiforgeryToken())]),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.Http.SendAsync(request);
    }

    private async Task<List<(string Action, string? Address)>> AuditAsync()
    {
        await using var c = await _portal.Database.DataSource.OpenConnectionAsync();
        return [.. await c.QueryAsync<(string, string?)>("SELECT action, host(address) FROM audit_log WHERE action LIKE 'sign-in%' ORDER BY id")];
    }

    [Fact]
    public async Task An_account_is_limited_across_addresses_with_429_and_Retry_After()
    {
        await using var site = BehindProxy(Proxy, ("Editors:SignInFailuresPerAccount", "3"), ("Editors:SignInAccountWindowSeconds", "600"));
        var client = new EditorClient(site);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInFromAsync(client, "203.0.113.1", "wrong guess one")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInFromAsync(client, "203.0.113.1", "wrong guess two")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInFromAsync(client, "203.0.113.2", "wrong guess three")).StatusCode);
        // A fourth try from a new address, with the right password, waits like the rest.
        var refused = await SignInFromAsync(client, "203.0.113.2", PortalFactory.EditorPassword);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("no Retry-After");
        Assert.InRange(retryAfter.TotalSeconds, 590, 600);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"尝试过多，请在 {(int)retryAfter.TotalSeconds} 秒后再试", body);
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".NewsPortal.Editor=")));
        // The addresses the proxy forwarded are the ones recorded.
        Assert.Equal([("sign-in-failed", "203.0.113.1"), ("sign-in-failed", "203.0.113.1"), ("sign-in-failed", "203.0.113.2")], await AuditAsync());
        var warnings = _log.Events.Where(e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.StartsWith("Failed sign-in", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(PortalFactory.EditorName, ((ScalarValue)w.Properties["Account"]).Value));
        Assert.Equal("203.0.113.2", ((ScalarValue)warnings[2].Properties["Address"]).Value);
        Assert.DoesNotContain(_log.Events, e => e.RenderMessage().Contains("wrong guess") || e.Properties.Values.Any(v => v.ToString().Contains("wrong guess")));
        Assert.Contains(_log.Events, e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.StartsWith("Sign-in refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_address_is_limited_whatever_accounts_it_tries()
    {
        await using var site = BehindProxy(Proxy, ("Editors:SignInAttemptsPerAddress", "2"));
        var client = new EditorClient(site);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInFromAsync(client, "198.51.100.7", "wrong one")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInFromAsync(client, "198.51.100.7", PortalFactory.EditorPassword)).StatusCode);
        var third = await SignInFromAsync(client, "198.51.100.7", PortalFactory.EditorPassword);
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // Another address behind the same proxy is not held back.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInFromAsync(new EditorClient(site), "198.51.100.8", PortalFactory.EditorPassword)).StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_no_configured_proxy_are_ignored()
    {
        await using var site = BehindProxy("10.8.8.8");
        var client = new EditorClient(site);

        await SignInFromAsync(client, "203.0.113.50", "a wrong password");

        Assert.Equal([("sign-in-failed", "10.8.8.8")], await AuditAsync());
    }

    [Fact]
    public async Task Without_configured_proxies_even_loopback_cannot_forward_an_address()
    {
        await using var site = _portal.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new TestPeer("127.0.0.1"))));
        var client = new EditorClient(site);

        await SignInFromAsync(client, "203.0.113.60", "a wrong password");

        Assert.Equal([("sign-in-failed", "127.0.0.1")], await AuditAsync());
    }
}
