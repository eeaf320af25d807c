using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Every response carries a content security policy without inline script, nosniff and a referrer
/// policy; desk pages also refuse to be framed. Pages hold no inline script that such a policy would
/// break. With <c>Site:BaseUrl</c> set, links never come from a spoofed Host or forwarded host.
/// </summary>
public sealed class SecurityHeaderTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_portal).DisposeAsync();

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/{article}")]
    [InlineData("/feeds/rss.xml")]
    [InlineData("/no-such-page")]
    public async Task Reader_responses_carry_the_security_headers(string path)
    {
        var client = _portal.CreateClient();
        var url = path.Replace("{article}", _portal.TextDumpId.ToString());
        await client.GetAsync(url);
        // The second time from the page cache, which keeps the page but not the headers set as it starts.
        var response = await client.GetAsync(url);

        AssertCommonHeaders(response);
        Assert.DoesNotContain("frame-ancestors", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Theory]
    [InlineData("/editor/login", false)]
    [InlineData("/editor", true)]
    [InlineData("/editor/articles/{article}", true)]
    public async Task Desk_pages_also_refuse_to_be_framed(string path, bool signedIn)
    {
        var client = new EditorClient(_portal);
        if (signedIn) await client.SignInAsync();

        var response = await client.Http.GetAsync(path.Replace("{article}", _portal.FeedDumpId.ToString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        Assert.Contains("frame-ancestors 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/{article}")]
    [InlineData("/editor/articles/{article}")]
    [InlineData("/editor/login")]
    public async Task Pages_have_no_inline_script_or_event_handler(string path)
    {
        var client = new EditorClient(_portal);
        await client.SignInAsync();

        var page = await client.Http.GetDocumentAsync(path.Replace("{article}", _portal.TextDumpId.ToString()));

        Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src") || s.GetAttribute("type") == "application/ld+json", s.OuterHtml));
        Assert.Empty(page.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).Select(a => a.Name));
        Assert.Empty(page.All.Where(e => e.HasAttribute("style")).Select(e => e.OuterHtml));
    }

    [Fact]
    public async Task With_a_base_URL_links_ignore_a_spoofed_host_and_forwarded_host()
    {
        await using var site = _portal.WithWebHostBuilder(b =>
        {
            b.UseSetting("Site:BaseUrl", "https://news.example.org");
            b.UseSetting("Proxies:KnownProxies:0", "10.9.9.9");
            b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new TestPeer("10.9.9.9")));
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/rss.xml");
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil-forwarded.example");
        request.Headers.Add("X-Forwarded-Proto", "http");

        var body = await (await site.CreateClient().SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains($"https://news.example.org/articles/{_portal.TextDumpId}", body);
        Assert.DoesNotContain("evil", body);
    }
}
