using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace NewsPortal.Core.Tests.Sanitizer;

/// <summary>
/// Says what in a piece of HTML could run script once a browser parses it: forbidden elements,
/// event-handler attributes, script-bearing URL schemes, and script in inline styles. It parses the
/// way a browser does (an HTML5 parser with scripting on), never with regexes over the markup.
/// </summary>
public sealed partial class HtmlInvariantChecker
{
    public static readonly IReadOnlySet<string> ForbiddenElements = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "form",
        "style", "svg", "math", "template", "noscript",
    };

    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "srcset", "imagesrcset", "action", "formaction", "xlink:href", "poster", "background", "cite",
        "data", "codebase", "classid", "archive", "longdesc", "lowsrc", "dynsrc", "usemap", "profile", "manifest",
        "icon", "ping",
    };

    // Space-separated URL lists (srcset is comma-separated and handled on its own).
    private static readonly HashSet<string> UrlListAttributes = new(StringComparer.OrdinalIgnoreCase) { "ping", "archive" };

    // The README's three, plus the Netscape-era aliases of javascript: that old engines ran.
    private static readonly string[] DangerousSchemes = ["javascript:", "vbscript:", "data:", "livescript:", "mocha:"];
    // The README's three, plus IE's behaviors (HTC files run script) and vbscript:.
    private static readonly string[] DangerousStyle = ["expression(", "javascript:", "vbscript:", "-moz-binding", "behavior:"];

    // Scripting on, as in a browser: <noscript> content is then raw text, which changes the tree.
    private readonly HtmlParser _parser = new(new HtmlParserOptions { IsScripting = true });

    /// <summary>Every violation found, each as a short description; empty when the HTML is safe.</summary>
    public IReadOnlyList<string> Check(string html)
    {
        var violations = new List<string>();
        // Once as a whole page, and once as the body of an article <div>, where our pages put it.
        var document = _parser.ParseDocument(html);
        Inspect(document.DocumentElement, violations);
        var host = _parser.ParseDocument("<!DOCTYPE html><html><body><div></div></body></html>");
        foreach (var element in _parser.ParseFragment(html, host.Body!.FirstElementChild!).OfType<IElement>())
            Inspect(element, violations);
        return [.. violations.Distinct()];
    }

    private static void Inspect(IElement root, List<string> violations)
    {
        foreach (var element in root.DescendantsAndSelf<IElement>())
        {
            if (ForbiddenElements.Contains(element.LocalName)) violations.Add($"element <{element.LocalName}>");
            foreach (var attribute in element.Attributes)
                CheckAttribute(element.LocalName, attribute.Name.ToLowerInvariant(), attribute.LocalName, attribute.Value, violations);
            if (element is IHtmlTemplateElement template)
            {
                foreach (var inner in template.Content.Children) Inspect(inner, violations);
            }
        }
    }

    private static void CheckAttribute(string element, string name, string localName, string value, List<string> violations)
    {
        if (name.StartsWith("on", StringComparison.Ordinal))
            violations.Add($"event handler {element}@{name}");
        if ((UrlAttributes.Contains(name) || UrlAttributes.Contains(localName)) && UrlValues(name, value).Any(HasDangerousScheme))
            violations.Add($"script URL {element}@{name}=\"{value}\"");
        if (name == "style" && DangerousStyle.Any(NormalizeStyle(value).Contains))
            violations.Add($"script in style {element}@style=\"{value}\"");
    }

    private static IEnumerable<string> UrlValues(string name, string value)
    {
        if (name.EndsWith("srcset", StringComparison.Ordinal))
            return value.Split(',').Select(candidate => candidate.Trim().Split(' ', 2)[0]);
        return UrlListAttributes.Contains(name) ? value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [value];
    }

    /// <summary>True when the URL, stripped of entities, whitespace and control characters, starts with a script scheme.</summary>
    public static bool HasDangerousScheme(string url)
    {
        var cleaned = StripInvisible(DecodeEntities(url)).ToLowerInvariant();
        return DangerousSchemes.Any(scheme => cleaned.StartsWith(scheme, StringComparison.Ordinal));
    }

    /// <summary>Style text as a CSS parser sees it: entities, comments and escapes gone, no whitespace, lower case.</summary>
    public static string NormalizeStyle(string style)
    {
        // A quoted string hides comment markers ("*//*"), so strings are matched first and kept.
        var text = CssCommentOutsideStrings().Replace(DecodeEntities(style), m => m.Groups["string"].Success ? m.Value : "");
        text = CssEscape().Replace(text, m => m.Groups[1].Success ? CodePoint(m.Groups[1].Value) : m.Groups[2].Value);
        // Old IE folded full-width letters ("ｅｘｐｒｅｓｓｉｏｎ") to ASCII; compatibility normalisation does the same.
        return StripInvisible(text.Normalize(NormalizationForm.FormKC)).ToLowerInvariant();
    }

    // CSS turns zero, surrogates and out-of-range escapes into U+FFFD.
    private static string CodePoint(string hex)
    {
        var value = int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return value is 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF) ? "\uFFFD" : char.ConvertFromUtf32(value);
    }

    // An attribute value arrives decoded once by the parser; decode again so that a doubly encoded
    // scheme is not waved through.
    private static string DecodeEntities(string text)
    {
        for (var i = 0; i < 3; i++)
        {
            var decoded = WebUtility.HtmlDecode(text);
            if (decoded == text) break;
            text = decoded;
        }
        return text;
    }

    private static string StripInvisible(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsControl(c) && !char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format) builder.Append(c);
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"(?<string>""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*')|/\*.*?(?:\*/|$)", RegexOptions.Singleline)]
    private static partial Regex CssCommentOutsideStrings();

    [GeneratedRegex(@"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", RegexOptions.Singleline)]
    private static partial Regex CssEscape();
}
