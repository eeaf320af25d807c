namespace NewsPortal.Core.Text;

/// <summary>
/// The part of a host name its owner registered: <c>auto.sohu.com</c> → <c>sohu.com</c>,
/// <c>news.bbc.co.uk</c> → <c>bbc.co.uk</c>. Country domains that sell names one level down
/// (<c>.co.uk</c>, <c>.com.cn</c>, <c>.com.br</c>) keep their second-level label. On hosting platforms
/// each subdomain belongs to someone else (<c>stevenhgm.pixnet.net</c>, <c>x.blogspot.com</c>), so those
/// keep one more label. A compact stand-in for the Public Suffix List, which covers far more than the
/// hosts a news portal meets.
/// </summary>
public static class RegistrableDomain
{
    private static readonly HashSet<string> SecondLevel = new(StringComparer.Ordinal)
    {
        "co", "com", "org", "net", "gov", "edu", "ac", "gob", "or", "ne", "go", "nic", "mil", "info", "biz", "nom", "ltd", "plc",
    };

    // Platforms whose subdomains are separate publishers.
    private static readonly HashSet<string> Platforms = new(StringComparer.Ordinal)
    {
        "blogspot.com", "wordpress.com", "tumblr.com", "substack.com", "medium.com", "github.io", "gitlab.io", "pixnet.net",
        "livejournal.com", "typepad.com", "over-blog.com", "blog.163.com", "blog.sina.com.cn", "home.blog.fc2.com", "fc2.com",
        "weebly.com", "wixsite.com", "netlify.app", "vercel.app", "herokuapp.com", "appspot.com", "cloudfront.net",
    };

    public static string Of(string host)
    {
        var name = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (name.StartsWith("www.", StringComparison.Ordinal)) name = name[4..];
        if (System.Net.IPAddress.TryParse(name, out _)) return name;
        var labels = name.Split('.');
        if (labels.Length <= 2) return name;
        var keep = labels[^1].Length == 2 && SecondLevel.Contains(labels[^2]) ? 3 : 2;
        for (var platformLabels = 3; platformLabels >= 2; platformLabels--)
        {
            if (labels.Length > platformLabels && Platforms.Contains(string.Join('.', labels[^platformLabels..])))
                return string.Join('.', labels[^(platformLabels + 1)..]);
        }
        return string.Join('.', labels[^Math.Min(keep, labels.Length)..]);
    }
}
