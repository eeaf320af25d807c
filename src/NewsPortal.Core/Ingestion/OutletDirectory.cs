namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Known outlets by host, for inputs that carry a URL but no outlet name. Subdomains match their
/// parent (<c>www.voachinese.com</c> → <c>voachinese.com</c>).
/// </summary>
public sealed class OutletDirectory
{
    public static readonly OutletDirectory Default = new(new Dictionary<string, string>
    {
        ["voachinese.com"] = "美国之音",
        ["rfa.org"] = "自由亚洲电台",
        ["bbc.com"] = "BBC",
        ["dw.com"] = "德国之声",
        ["rfi.fr"] = "法国国际广播电台",
        ["nytimes.com"] = "纽约时报",
        ["xinhuanet.com"] = "新华网",
        ["news.cn"] = "新华网",
        ["people.com.cn"] = "人民网",
        ["chinanews.com.cn"] = "中国新闻网",
        ["chinanews.com"] = "中国新闻网",
        ["huanqiu.com"] = "环球网",
        ["guancha.cn"] = "观察者网",
        ["thepaper.cn"] = "澎湃新闻",
        ["zaobao.com"] = "联合早报",
        ["zaobao.com.sg"] = "联合早报",
    });

    private readonly IReadOnlyDictionary<string, string> _byHost;

    public OutletDirectory(IReadOnlyDictionary<string, string> byHost) => _byHost = byHost;

    /// <summary>The outlet's name and the registered host it was found under, or null for an unknown host.</summary>
    public (string Name, string Host)? Find(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var host = uri.Host.ToLowerInvariant();
        while (true)
        {
            if (_byHost.TryGetValue(host, out var name)) return (name, host);
            var dot = host.IndexOf('.');
            if (dot < 0 || host.IndexOf('.', dot + 1) < 0) return null;
            host = host[(dot + 1)..];
        }
    }

    /// <summary>The host without <c>www.</c>, used to name an outlet we have no entry for.</summary>
    public static string? HostOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host).ToLowerInvariant()
            : null;
}
