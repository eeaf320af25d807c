using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// Forwarded headers from configured proxies only (<see cref="ProxyOptions"/>). The client address
/// they give is what the sign-in limit, the audit log and the request log see, so a header from
/// anyone else must not move it: ASP.NET Core's defaults trust loopback, which here is cleared.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static void Configure(IServiceCollection services)
    {
        // Read when first resolved (not at registration), so settings a host or a test adds late still count.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var proxies = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in proxies.KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)))
                o.KnownProxies.Add(IPAddress.TryParse(p.Trim(), out var ip) ? ip : throw new OptionsValidationException(ProxyOptions.Section, typeof(ProxyOptions),
                    [$"Proxies:KnownProxies: '{p}' is not an IP address"]));
            foreach (var n in proxies.KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n)))
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(n.Trim(), out var network) ? network : throw new OptionsValidationException(ProxyOptions.Section, typeof(ProxyOptions),
                    [$"Proxies:KnownNetworks: '{n}' is not a CIDR range such as 10.0.0.0/8"]));
            // A chain of proxies is walked from the nearest one back, and stops at the first address not listed.
            o.ForwardLimit = null;
        });
    }

    public static void UseTrustedForwardedHeaders(this WebApplication app)
    {
        // Without proxies the middleware is left out: it would apply the headers of a connection
        // that has no address (a Unix socket, the test server) even with empty lists.
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count + options.KnownIPNetworks.Count > 0) app.UseForwardedHeaders();
    }
}
