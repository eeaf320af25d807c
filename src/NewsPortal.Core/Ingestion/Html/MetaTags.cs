using AngleSharp.Dom;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// A page's <c>&lt;meta&gt;</c> values by key, whether the key sits in <c>property</c> (OpenGraph),
/// <c>name</c> or <c>itemprop</c>. Keys compare case-insensitively: pages write <c>PubDate</c> and
/// <c>pubdate</c> alike. The first non-empty value of a key wins.
/// </summary>
internal sealed class MetaTags
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public MetaTags(PageElements elements)
    {
        foreach (var meta in elements.Metas)
        {
            var content = meta.GetAttribute("content")?.Trim();
            if (string.IsNullOrEmpty(content)) continue;
            foreach (var attribute in (string[])["property", "name", "itemprop", "http-equiv"])
            {
                var key = meta.GetAttribute(attribute)?.Trim();
                if (!string.IsNullOrEmpty(key)) _values.TryAdd(key, content);
            }
        }
        // itemprop on other elements: <time itemprop="datePublished" datetime="…">, <span itemprop="author">.
        foreach (var element in elements.ItemProps)
        {
            var key = element.GetAttribute("itemprop")!.Trim();
            var value = element.GetAttribute("datetime") ?? element.GetAttribute("content");
            if (!string.IsNullOrWhiteSpace(value)) _values.TryAdd("itemprop:" + key, value.Trim());
        }
    }

    /// <summary>
    /// The value a labelled pair of Twitter card fields gives for a label: SEO plugins write
    /// <c>twitter:label1 = "Written by"</c> (in the site's language) with <c>twitter:data1 = "R.C. Baker"</c>.
    /// </summary>
    public string? Labelled(Func<string, bool> label)
    {
        for (var i = 1; i <= 4; i++)
            if (Get($"twitter:label{i}") is { } name && label(name.Trim()) && Get($"twitter:data{i}") is { } value) return value;
        return null;
    }

    /// <summary>The value of the first of <paramref name="keys"/> the page has.</summary>
    public string? Get(params string[] keys) => Find(keys)?.Value;

    /// <summary>The first of <paramref name="keys"/> the page has, with its value: for saying where a value came from.</summary>
    public (string Key, string Value)? Find(params string[] keys)
    {
        foreach (var key in keys)
            if (_values.TryGetValue(key, out var value)) return (key, value);
        return null;
    }
}
