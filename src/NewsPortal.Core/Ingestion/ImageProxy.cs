namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Feed archivers route images through resizing proxies (<c>images.weserv.nl/?url=…</c>, and its newer
/// host <c>wsrv.nl</c>). We store the original address, and keep the proxy address as a fallback for
/// when the original is gone. Resizing parameters (<c>&amp;w=</c>, <c>&amp;h=</c>, <c>&amp;output=</c>) are ignored.
/// </summary>
public static class ImageProxy
{
    private static readonly string[] ProxyHosts = ["images.weserv.nl", "wsrv.nl"];

    /// <summary>The original URL behind a proxy URL, or null when <paramref name="url"/> is not proxied.</summary>
    public static string? Unwrap(string url)
    {
        if (!Uri.TryCreate(url.StartsWith("//", StringComparison.Ordinal) ? "https:" + url : url, UriKind.Absolute, out var uri)) return null;
        if (!ProxyHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)) return null;
        var target = QueryValue(uri.Query, "url");
        if (string.IsNullOrWhiteSpace(target)) return null;
        // weserv's own way to ask for https is an "ssl:" prefix; a target without a scheme is taken as
        // https too (weserv would fetch http), so that pages never show mixed content.
        if (target.StartsWith("ssl:", StringComparison.OrdinalIgnoreCase)) target = "https://" + target[4..].TrimStart('/');
        else if (target.StartsWith("//", StringComparison.Ordinal)) target = "https:" + target;
        else if (!target.Contains("://", StringComparison.Ordinal)) target = "https://" + target;
        return Uri.TryCreate(target, UriKind.Absolute, out var original) && original.Scheme is "http" or "https"
            ? original.AbsoluteUri
            : null;
    }

    /// <summary>
    /// A proxy address written without a scheme (<c>images.weserv.nl/?url=…</c>), which would otherwise
    /// read as a path relative to the item, gets https; any other value is returned as it is.
    /// </summary>
    public static string WithScheme(string src)
    {
        var trimmed = src.Trim();
        foreach (var host in ProxyHosts)
        {
            if (trimmed.Length > host.Length && trimmed.StartsWith(host, StringComparison.OrdinalIgnoreCase) && trimmed[host.Length] is '/' or '?')
                return "https://" + trimmed;
        }
        return src;
    }

    private static string? QueryValue(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var eq = pair.IndexOf('=');
            var key = eq < 0 ? pair : pair[..eq];
            if (key == name) return Uri.UnescapeDataString(eq < 0 ? "" : pair[(eq + 1)..].Replace('+', ' '));
        }
        return null;
    }
}
