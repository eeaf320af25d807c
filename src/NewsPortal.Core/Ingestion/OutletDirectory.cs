using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Known outlets by host, for inputs that carry a URL but no outlet name. Subdomains match their
/// parent (<c>www.voachinese.com</c> → <c>voachinese.com</c>); the longest registered suffix wins.
/// The built-in entries are data (<c>outlets.tsv</c>, embedded); operators add or replace entries
/// from configuration (<see cref="OutletSettings"/>) without a rebuild.
/// </summary>
public sealed class OutletDirectory
{
    private const string BuiltInResource = "NewsPortal.Core.Ingestion.outlets.tsv";

    public static OutletDirectory Default { get; } = new OutletDirectory(new Dictionary<string, string>()).With(ReadBuiltIn());

    private readonly Dictionary<string, string> _byHost;

    public OutletDirectory(IReadOnlyDictionary<string, string> byHost)
    {
        _byHost = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (host, name) in byHost) _byHost[NormalizeHost(host, "entry")] = name;
    }

    /// <summary>Every entry, by normalised host.</summary>
    public IReadOnlyDictionary<string, string> Entries => _byHost;

    /// <summary>
    /// A copy with <paramref name="entries"/> laid over this table: a host already present gets the
    /// new name, a new host is added, and an empty name removes the host (it is then named by its host).
    /// </summary>
    public OutletDirectory With(IEnumerable<OutletEntry> entries)
    {
        var merged = new Dictionary<string, string>(_byHost, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var host = NormalizeHost(entry.Host, entry.Source);
            var name = entry.Name.Trim();
            if (name.Length == 0) merged.Remove(host);
            else merged[host] = name;
        }
        return new OutletDirectory(merged);
    }

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

    /// <summary>
    /// The outlet's host for a URL we have no entry for: the registrable domain, so that
    /// <c>auto.sohu.com</c> and <c>www.sohu.com</c> are one outlet (<see cref="RegistrableDomain"/>).
    /// </summary>
    public static string? HostOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? RegistrableDomain.Of(uri.Host) : null;

    /// <summary>
    /// The first of <paramref name="candidates"/> that can name an outlet: a feed title, a page's
    /// og:site_name or JSON-LD publisher, a configured name. An address (<c>https://www.hawaiinewsnow.com</c>)
    /// or a bare host is no name: the outlet is then named by the table or by its host.
    /// </summary>
    public static string? PlausibleName(params string?[] candidates)
    {
        foreach (var candidate in candidates)
        {
            var name = candidate?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 80) continue;
            if (name.Contains("://", StringComparison.Ordinal) || name.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) continue;
            if (!name.Contains(' ') && name.Contains('.') && Uri.CheckHostName(name) == UriHostNameType.Dns && name[(name.LastIndexOf('.') + 1)..].All(char.IsAsciiLetterLower)) continue;
            return name;
        }
        return null;
    }

    /// <summary>
    /// Reads a table in the <c>outlets.tsv</c> format: <c>host&lt;TAB&gt;name</c> a line, <c>#</c> comments
    /// and blank lines skipped. A malformed line is an <see cref="OutletTableException"/> naming it.
    /// </summary>
    public static IReadOnlyList<OutletEntry> ParseTable(string text, string sourceName)
    {
        var entries = new List<OutletEntry>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var tab = line.IndexOf('\t');
            if (tab < 0) throw new OutletTableException($"{sourceName}, line {i + 1}: expected a host, a tab and the outlet's name, got \"{line}\"");
            entries.Add(new OutletEntry(line[..tab], line[(tab + 1)..], $"{sourceName}, line {i + 1}"));
        }
        return entries;
    }

    // Operators write hosts as they see them: "WWW.Example.com." is example.com.
    private static string NormalizeHost(string host, string source)
    {
        var normalized = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (normalized.StartsWith("www.", StringComparison.Ordinal)) normalized = normalized[4..];
        if (normalized.Length == 0 || Uri.CheckHostName(normalized) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
            throw new OutletTableException($"{source}: \"{host}\" is not a host name (write example.com, not a URL)");
        return normalized;
    }

    private static IReadOnlyList<OutletEntry> ReadBuiltIn()
    {
        using var stream = typeof(OutletDirectory).Assembly.GetManifestResourceStream(BuiltInResource)
            ?? throw new InvalidOperationException($"embedded resource {BuiltInResource} is missing from the build");
        using var reader = new StreamReader(stream);
        return ParseTable(reader.ReadToEnd(), "built-in outlets.tsv");
    }
}
