namespace NewsPortal.Web.Images;

/// <summary>
/// What an image is, told by its first bytes and never by the origin's Content-Type (which is often
/// wrong, and which an attacker controls). Only raster formats browsers show inline: SVG can carry
/// script, so it is not among them, nor is anything else (HTML, text, PDF).
/// </summary>
public static class ImageFormat
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The MIME type of an image the proxy serves, or null when the bytes are none of them.</summary>
    public static string? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "image/jpeg";
        if (b.StartsWith(PngSignature)) return "image/png";
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)) return "image/gif";
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (IsAvif(b)) return "image/avif";
        // A bitmap file header: "BM", then the file size, two reserved zero words, then the pixel offset.
        if (b.Length >= 14 && b.StartsWith("BM"u8) && b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0) return "image/bmp";
        return null;
    }

    /// <summary>An ISO-BMFF <c>ftyp</c> box whose major or a compatible brand is <c>avif</c> or <c>avis</c>.</summary>
    private static bool IsAvif(ReadOnlySpan<byte> b)
    {
        if (b.Length < 16 || !b[4..8].SequenceEqual("ftyp"u8)) return false;
        var boxSize = (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
        if (boxSize < 16 || boxSize > b.Length || boxSize % 4 != 0) return false;
        for (var i = 8; i + 4 <= boxSize; i += 4)
        {
            if (i == 12) continue; // the minor version, not a brand
            var brand = b.Slice(i, 4);
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8)) return true;
        }
        return false;
    }

    /// <summary>A short description of bytes that are not an image, for the log: what they start like.</summary>
    public static string Describe(ReadOnlySpan<byte> b)
    {
        var head = System.Text.Encoding.UTF8.GetString(b[..Math.Min(b.Length, 64)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (head.StartsWith('<'))
        {
            return head.Contains("<svg", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase)
                ? "SVG or other XML (never served inline)"
                : "HTML or other markup";
        }
        return b.Length == 0 ? "an empty body" : $"{b.Length} bytes of no image format served";
    }
}
