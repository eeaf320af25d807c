namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// The <c>Proxies</c> section: the reverse proxies whose <c>X-Forwarded-For/Proto/Host</c> are
/// believed. <c>KnownProxies</c> are addresses (<c>10.0.0.5</c>), <c>KnownNetworks</c> CIDR ranges
/// (<c>10.0.0.0/8</c>). None by default: then the headers are ignored from everyone, loopback included.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxies";

    public string[] KnownProxies { get; set; } = [];

    public string[] KnownNetworks { get; set; } = [];
}
