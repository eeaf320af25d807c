using System.Text.RegularExpressions;

namespace NewsPortal.Evaluation.Corpus;

/// <summary>
/// The site a corpus page comes from, so the corpus can be split by site: pages of one site always
/// fall in the same half, and a rule fitted to a site's template cannot score on its own check pages.
/// The key is the registrable domain (<c>www.theguardian.com</c> and <c>theguardian.com</c> are one
/// site, <c>bbc.co.uk</c> keeps its second-level label), taken from the label's URL (an archive.org
/// address counts as the address it archives), else from the page's canonical or og:url address,
/// else from what the source says of the page (<see cref="LabelledPage.SiteHint"/>).
/// </summary>
public static partial class SiteKey
{
    public static string For(LabelledPage page, ReadOnlySpan<byte> html)
    {
        if (page.Url is { } url && HostOf(url) is { } fromLabel) return RegistrableDomain(fromLabel);
        var head = System.Text.Encoding.Latin1.GetString(html[..Math.Min(html.Length, 200_000)]);
        foreach (var pattern in PageAddresses())
        {
            var match = pattern.Match(head);
            if (match.Success && HostOf(match.Groups[1].Value) is { } fromPage) return RegistrableDomain(fromPage);
        }
        return page.SiteHint ?? page.Id;
    }

    public static string? HostOf(string url)
    {
        var archived = ArchivedAddress().Match(url);
        if (archived.Success) url = archived.Groups[1].Value;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.Host.ToLowerInvariant() : null;
    }

    private static string RegistrableDomain(string host) => NewsPortal.Core.Text.RegistrableDomain.Of(host);

    private static Regex[] PageAddresses() =>
    [
        CanonicalFirst(), CanonicalLast(), OgUrl(),
    ];

    [GeneratedRegex(@"web\.archive\.org/web/[0-9a-z_]+/(https?://.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ArchivedAddress();

    [GeneratedRegex(@"<link[^>]+rel=[""']?canonical[""']?[^>]*href=[""']?(https?://[^""' >]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CanonicalFirst();

    [GeneratedRegex(@"<link[^>]+href=[""']?(https?://[^""' >]+)[""']?[^>]*rel=[""']?canonical", RegexOptions.IgnoreCase)]
    private static partial Regex CanonicalLast();

    [GeneratedRegex(@"<meta[^>]+property=[""']og:url[""'][^>]*content=[""'](https?://[^""']+)", RegexOptions.IgnoreCase)]
    private static partial Regex OgUrl();
}
