using AngleSharp.Dom;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// An <c>&lt;img&gt;</c> as an article image: the real address behind lazy-loading attributes and
/// placeholders, the largest srcset candidate, absolute and unwrapped from resizing proxies.
/// Icons, spacers and tracking pixels are not images of the article.
/// </summary>
internal static class ImageReader
{
    private static readonly string[] LazyAttributes =
    [
        "data-src", "data-original", "data-lazy-src", "data-lazy", "data-url", "data-actualsrc", "data-echo",
        "data-original-src", "data-hi-res-src", "data-full-src", "file",
    ];

    private static readonly string[] PlaceholderHints = ["blank.", "spacer.", "placeholder", "loading", "lazy", "grey.", "pixel.", "1x1"];

    public static ArticleImage? Read(IElement img, Uri? pageUrl)
    {
        var source = SourceOf(img);
        if (source is null || IsTiny(img)) return null;
        var safe = HtmlSanitizer.SafeUrl(source, pageUrl);
        if (safe is null) return null;
        var original = ImageProxy.Unwrap(safe);
        var alt = img.GetAttribute("alt") is { Length: > 0 } a ? TextNormalizer.CollapseWhitespace(a) : null;
        if (alt is { Length: 0 }) alt = null;
        return new ArticleImage(original ?? safe, original is null ? null : safe, null, alt);
    }

    private static string? SourceOf(IElement img)
    {
        foreach (var name in LazyAttributes)
        {
            if (img.GetAttribute(name) is { } value && Usable(value)) return value.Trim();
        }
        foreach (var name in (string[])["data-srcset", "srcset"])
        {
            if (img.GetAttribute(name) is { } set && LargestCandidate(set) is { } best) return best;
        }
        if (img.ParentElement is { LocalName: "picture" } picture)
        {
            foreach (var source in picture.Children.Where(c => c.LocalName == "source"))
            {
                if ((source.GetAttribute("srcset") ?? source.GetAttribute("data-srcset")) is { } set && LargestCandidate(set) is { } best) return best;
            }
        }
        var src = img.GetAttribute("src");
        return src is not null && Usable(src) && !PlaceholderHints.Any(h => src.Contains(h, StringComparison.OrdinalIgnoreCase)) ? src.Trim() : null;
    }

    private static bool Usable(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length > 0 && !trimmed.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            && !trimmed.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) && trimmed != "#";
    }

    /// <summary>The widest (or densest) candidate of a srcset attribute.</summary>
    public static string? LargestCandidate(string srcset)
    {
        string? best = null;
        var bestSize = -1.0;
        foreach (var part in srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (pieces.Length == 0 || !Usable(pieces[0])) continue;
            var size = 1.0;
            if (pieces.Length > 1 && pieces[1].Length > 1 && double.TryParse(pieces[1][..^1], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                size = pieces[1].EndsWith('x') ? parsed * 1000 : parsed;
            if (size > bestSize)
            {
                best = pieces[0];
                bestSize = size;
            }
        }
        return best;
    }

    private static bool IsTiny(IElement img)
    {
        static int? Dimension(string? value) =>
            value is not null && int.TryParse(value.Trim().TrimEnd('x', 'p'), out var n) ? n : null;
        var width = Dimension(img.GetAttribute("width"));
        var height = Dimension(img.GetAttribute("height"));
        return width is > 0 and < 48 || height is > 0 and < 48;
    }
}
