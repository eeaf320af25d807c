using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// Forwarded headers from configured proxies only (<see cref="ProxyOptions"/>). The client address
/// they give is what the sign-in limit, the audit log and the request log see, so a header from
/// anyone else must not move it: ASP.NET Core's defaults trust loopback, which here is cleared.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static void Configure(IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        var addresses = proxies.KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => IPAddress.TryParse(p.Trim(), out var ip) ? ip : throw new InvalidOperationException($"Proxies:KnownProxies: '{p}' is not an IP address")).ToList();
        var networks = proxies.KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network) ? network : throw new InvalidOperationException($"Proxies:KnownNetworks: '{n}' is not a CIDR range such as 10.0.0.0/8")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var ip in addresses) o.KnownProxies.Add(ip);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
            // A chain of proxies is walked from the nearest one back, and stops at the first address not listed.
            o.ForwardLimit = null;
        });
        services.AddSingleton(new TrustedProxies(addresses.Count + networks.Count > 0));
    }

    public static void UseTrustedForwardedHeaders(this WebApplication app)
    {
        // Without proxies the middleware is left out: it would apply the headers of a connection
        // that has no address (a Unix socket, the test server) even with empty lists.
        if (app.Services.GetRequiredService<TrustedProxies>().Any) app.UseForwardedHeaders();
    }

    /// <summary>Whether any proxy is configured.</summary>
    public sealed record TrustedProxies(bool Any);
}
