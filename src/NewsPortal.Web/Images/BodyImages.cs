using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsPortal.Web.Images;

/// <summary>
/// An article body's images as pages show them: through the proxy (<see cref="ImageSigner"/>),
/// loaded lazily and decoded off the main thread, with their alt, width and height as stored. The
/// stored body is the sanitizer's serialisation (attribute values double-quoted), so a scan of its
/// <c>img</c> tags is enough; the body is read once per change of the site and cached as part of
/// the page. An <c>src</c> that cannot be proxied (not http(s)) is left as it is.
/// </summary>
public sealed partial class BodyImages(ImageSigner signer)
{
    // An img tag whose attribute values may hold '>' (an alt text can).
    [GeneratedRegex("""<img\b((?:\s+[^\s=/>"]+(?:\s*=\s*"[^"]*")?)*)\s*/?>""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ImgTag();

    [GeneratedRegex("""\s+([^\s=/>"]+)(?:\s*=\s*"([^"]*)")?""", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();

    public string Rewrite(string bodyHtml)
    {
        if (!bodyHtml.Contains("<img", StringComparison.OrdinalIgnoreCase)) return bodyHtml;
        return ImgTag().Replace(bodyHtml, RewriteTag);
    }

    private string RewriteTag(Match tag)
    {
        var html = new StringBuilder("<img");
        bool lazy = false, decoding = false;
        foreach (Match attribute in Attribute().Matches(tag.Groups[1].Value))
        {
            var name = attribute.Groups[1].Value.ToLowerInvariant();
            var value = attribute.Groups[2].Success ? attribute.Groups[2].Value : null;
            if (name == "src" && value is not null && signer.PathFor(WebUtility.HtmlDecode(value)) is { } proxied)
                value = WebUtility.HtmlEncode(proxied);
            lazy |= name == "loading";
            decoding |= name == "decoding";
            html.Append(' ').Append(name);
            if (value is not null) html.Append("=\"").Append(value).Append('"');
        }
        if (!lazy) html.Append(" loading=\"lazy\"");
        if (!decoding) html.Append(" decoding=\"async\"");
        return html.Append('>').ToString();
    }
}
