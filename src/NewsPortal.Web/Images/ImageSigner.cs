using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NewsPortal.Web.Images;

/// <summary>
/// Image addresses: <c>/img/{mac}.{url}</c> (and <c>?w=N</c> for a thumbnail N pixels wide), the URL
/// in base64url and the MAC an HMAC-SHA256 (first 16 bytes, base64url) of width and URL. Only
/// addresses this site wrote are fetched, so the proxy is no open proxy, and a width no page asked
/// for cannot be made to fill the cache. The key is set once at start (<see cref="ImageProxyStartup"/>).
/// </summary>
public sealed class ImageSigner
{
    public const string PathPrefix = "/img/";

    /// <summary>Lists show lead images 120 CSS pixels wide: made at twice that for 2x screens.</summary>
    public const int ListThumbnailWidth = 240;

    private const int MacBytes = 16;
    private byte[]? _key;

    internal void UseKey(byte[] key) => _key = key;

    /// <summary>Whether the key has been loaded (it comes from the database unless configured).</summary>
    public bool HasKey => _key is not null;

    private byte[] Key => _key ?? throw new InvalidOperationException("The image signing key has not been loaded (ImageProxyStartup runs at start).");

    /// <summary>The proxy's address for <paramref name="url"/>, or null when it is not an absolute http(s) URL.</summary>
    public string? PathFor(string? url, int width = 0)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return null;
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(url));
        var path = PathPrefix + Mac(width, url) + "." + payload;
        return width > 0 ? path + "?w=" + width.ToString(CultureInfo.InvariantCulture) : path;
    }

    /// <summary>The URL a token stands for, or null when the token is malformed or its MAC does not match.</summary>
    public string? Verify(string token, int width)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1) return null;
        string url;
        try
        {
            url = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(dot + 1)));
        }
        catch (FormatException)
        {
            return null;
        }
        var expected = Encoding.ASCII.GetBytes(Mac(width, url));
        var given = Encoding.ASCII.GetBytes(token[..dot]);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? url : null;
    }

    private string Mac(int width, string url)
    {
        var data = Encoding.UTF8.GetBytes(width.ToString(CultureInfo.InvariantCulture) + "\n" + url);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(Key, data, mac);
        return Base64Url.EncodeToString(mac[..MacBytes]);
    }
}
