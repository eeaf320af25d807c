using System.Buffers;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Allowlist sanitizer over AngleSharp's HTML5 parser: what a browser would parse is what we inspect.
/// Elements outside the list are unwrapped (their text kept) unless they carry active or hidden
/// content, in which case they go whole. Only a few attributes survive, and URLs only with http(s)
/// (and mailto: for links). Output is stable: sanitizing it again changes nothing.
/// </summary>
public sealed class HtmlSanitizer
{
    private static readonly HashSet<string> AllowedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "figure", "figcaption",
        "img", "a", "strong", "em", "b", "i", "u", "s", "sub", "sup", "small", "code", "pre", "hr",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "q", "cite", "abbr", "time", "mark",
    };

    // Dropped with everything inside: active content, or content that was never meant to be seen.
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link",
        "form", "svg", "math", "template", "noscript", "textarea", "select", "button", "input", "head", "title",
        "noembed", "noframes", "xmp", "plaintext", "audio", "video", "canvas", "dialog",
        // Ruby annotations (furigana, pinyin): the reading, not the text; kept, the base text and
        // its reading ran together (子供こども) in the body and in what search and stories read.
        "rt", "rp",
    };

    private static readonly Dictionary<string, string[]> AllowedAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = ["href", "title"],
        ["img"] = ["src", "alt", "title", "width", "height"],
        ["td"] = ["colspan", "rowspan"],
        ["th"] = ["colspan", "rowspan"],
        ["abbr"] = ["title"],
        ["time"] = ["datetime"],
    };

    private readonly HtmlParser _parser = new(new HtmlParserOptions { IsScripting = false });
    private IElement? _context;

    /// <summary>Sanitizes an HTML fragment; relative URLs are resolved against <paramref name="baseUrl"/> when given.</summary>
    public string Sanitize(string html, string? baseUrl = null)
    {
        // Fragments are parsed as if inside <body>; the context element is only read, so one serves every call.
        _context ??= _parser.ParseDocument("<!DOCTYPE html><html><body></body></html>").Body!;
        var nodes = _parser.ParseFragment(html, _context);
        if (nodes.Length == 0) return "";
        // The nodes are cleaned where the parser left them, under the fragment's own root: moving them
        // one by one into another element costs a list shift per node, quadratic in the siblings.
        var root = nodes[0].Parent!;
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri);
        CleanChildren(root, baseUri);
        return ((IElement)root).InnerHtml;
    }

    private static void CleanChildren(INode parent, Uri? baseUri)
    {
        var children = parent.ChildNodes;
        // Walk backwards: a removed or unwrapped child only changes the list after the current position.
        for (var c = children.Length - 1; c >= 0; c--)
        {
            switch (children[c])
            {
                case IElement element:
                    CleanElement(element, baseUri);
                    break;
                case IText:
                    break;
                case var other:
                    other.RemoveFromParent(); // comments, processing instructions, doctype
                    break;
            }
        }
    }

    private static void CleanElement(IElement element, Uri? baseUri)
    {
        var name = element.LocalName;
        if (DroppedWithContent.Contains(name) || element.NamespaceUri != "http://www.w3.org/1999/xhtml")
        {
            element.RemoveFromParent();
            return;
        }
        CleanChildren(element, baseUri);
        if (!AllowedElements.Contains(name))
        {
            var parent = element.Parent!;
            foreach (var child in element.ChildNodes.ToArray()) parent.InsertBefore(child, element);
            element.RemoveFromParent();
            return;
        }
        CleanAttributes(element, baseUri);
        if (name == "img" && !element.HasAttribute("src")) element.RemoveFromParent();
        else if (name == "a" && element.HasAttribute("href")) element.SetAttribute("rel", "nofollow noopener");
    }

    private static void CleanAttributes(IElement element, Uri? baseUri)
    {
        AllowedAttributes.TryGetValue(element.LocalName, out var allowed);
        foreach (var attribute in element.Attributes.ToArray())
        {
            var name = attribute.Name;
            if (allowed is null || !allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                element.RemoveAttribute(name);
                continue;
            }
            if (name is "href" or "src")
            {
                var safe = SafeUrl(attribute.Value, baseUri, allowMailto: name == "href");
                if (safe is null) element.RemoveAttribute(name);
                else element.SetAttribute(name, safe);
            }
            else if (name is "width" or "height" or "colspan" or "rowspan" && attribute.Value.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                element.RemoveAttribute(name);
            }
        }
    }

    /// <summary>An absolute http(s) URL (or mailto: where allowed), or null when the value is unsafe or unusable.</summary>
    /// <summary>
    /// Plain text as the sanitizer's own output writes it (AngleSharp's serialization of a text node:
    /// &amp;, &lt;, &gt; and a no-break space escaped, everything else as it is), so a body built from
    /// text reads the same after sanitizing again. What the HTML parser would change is changed here
    /// too: a carriage return becomes a line feed, and a NUL, which the parser drops in body text, is
    /// dropped. <see cref="System.Net.WebUtility.HtmlEncode(string)"/> also escapes quotes and every
    /// character above U+00FF, which is safe but another spelling.
    /// </summary>
    public static string EscapeText(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\u00A0\r\0") < 0) return text;
        var escaped = new System.Text.StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '\u00A0': escaped.Append("&nbsp;"); break;
                case '\0': break;
                case '\r':
                    escaped.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                    break;
                default: escaped.Append(text[i]); break;
            }
        }
        return escaped.ToString();
    }

    public static string? SafeUrl(string value, Uri? baseUri, bool allowMailto = false)
    {
        // Browsers ignore control characters and whitespace inside a scheme ("jav\tascript:").
        var cleaned = value.AsSpan().ContainsAny(ControlOrWhiteSpace)
            ? new string(value.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray())
            : value;
        if (cleaned.Length == 0) return null;
        if (cleaned.StartsWith("//", StringComparison.Ordinal)) cleaned = "https:" + cleaned;
        if (!Uri.TryCreate(cleaned, UriKind.Absolute, out var uri) || IsLocalFileLookalike(cleaned, uri))
        {
            if (baseUri is null || HasScheme(cleaned) || !Uri.TryCreate(baseUri, cleaned, out uri)) return null;
        }
        return uri.Scheme switch
        {
            "http" or "https" => Stable(uri.AbsoluteUri),
            "mailto" when allowMailto => uri.OriginalString,
            _ => null,
        };
    }

    // Uri's escaping is not idempotent: "…%%e5%a4%b4…" (a bare "%" before lower-case escapes) becomes
    // "…%25%e5%a4%b4…" on the first pass and "…%25%E5%A4%B4…" on the second, so a sanitized body
    // changed when sanitized again. The output is taken once it no longer changes.
    private static string Stable(string absolute)
    {
        if (!absolute.Contains('%')) return absolute;
        for (var pass = 0; pass < 3 && Uri.TryCreate(absolute, UriKind.Absolute, out var again) && again.AbsoluteUri != absolute; pass++)
            absolute = again.AbsoluteUri;
        return absolute;
    }

    // Every char.IsControl or char.IsWhiteSpace character: most URLs have none, and are used as they are.
    private static readonly SearchValues<char> ControlOrWhiteSpace =
        SearchValues.Create([.. Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(c => char.IsControl(c) || char.IsWhiteSpace(c))]);

    // On Unix, "/a/b" parses as an absolute file: URI; for us it is a site-relative path.
    private static bool IsLocalFileLookalike(string text, Uri uri) => uri.IsFile && !text.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    private static bool HasScheme(string text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0) return false;
        var slash = text.IndexOfAny(['/', '?', '#']);
        return slash < 0 || colon < slash;
    }
}
