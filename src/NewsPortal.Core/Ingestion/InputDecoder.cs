using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Bytes to text: a BOM wins, then UTF-8 (legacy CJK bytes are almost never valid UTF-8, so this
/// holds even against a wrong declaration; a few stray invalid bytes among many valid sequences
/// are replaced, not taken as proof of another encoding), then the declared charset when the bytes
/// agree with it (the document's own declaration before the HTTP Content-Type's), then the best of
/// GB18030 (a superset of GBK and GB2312), Big5 and Windows-1252. Bytes that only that last
/// resort reads, as mojibake, and binary data, fail with the reason.
/// </summary>
public static class InputDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Replaces each invalid sequence with U+FFFD, as browsers do.
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    // A handful of NULs in a large text is a scraper's slip (lostiempos.com: 22 in 190 KB); text
    // with more than one NUL per thousand characters is not text.
    private const int NulsPerThousandAllowed = 1;

    static InputDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <param name="transportCharset">The charset an HTTP Content-Type declared, if any: a hint below the document's own declaration.</param>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string? error, string? transportCharset = null) =>
        TryDecode(bytes, out text, out error, out _, transportCharset);

    /// <summary>As above, with what was repaired on the way (replaced bytes, dropped NULs) as warnings for the article.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string? error, out IReadOnlyList<string> warnings, string? transportCharset = null)
    {
        var notes = new List<string>();
        warnings = notes;
        text = "";
        if (BinarySignature(bytes) is { } kind)
        {
            error = $"binary data ({kind}), not text";
            return false;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) { text = Encoding.Unicode.GetString(bytes[2..]); return Check(ref text, out error, notes); }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) { text = Encoding.BigEndianUnicode.GetString(bytes[2..]); return Check(ref text, out error, notes); }
        // Validate first: throwing from a strict decoder costs more than the decode itself on legacy pages.
        if (Utf8.IsValid(bytes)) text = StrictUtf8.GetString(bytes);
        else if (MostlyUtf8(bytes, transportCharset) is { } invalid)
        {
            text = LenientUtf8.GetString(bytes);
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{invalid} invalid UTF-8 byte sequence{(invalid == 1 ? "" : "s")} replaced with U+FFFD"));
        }
        else
        {
            text = CharsetSniffer.Choose(bytes, transportCharset).GetString(bytes);
            // UTF-8 too broken to trust, read as Windows-1252 for want of better: never stored as text.
            if (Mojibake.Find(text) is { } sample)
            {
                error = Mojibake.Reason(sample);
                return false;
            }
        }
        return Check(ref text, out error, notes);
    }

    /// <summary>
    /// The number of invalid sequences when the bytes are UTF-8 with a few stray bytes, else null.
    /// A declared UTF-8 is trusted at ten valid multi-byte sequences per invalid one; undeclared,
    /// the bytes must speak for themselves (twenty to one, and at least twenty sequences). GBK
    /// bytes read as UTF-8 form valid sequences often enough (the text dump seed in GBK: one valid
    /// for four invalid), but never more valid than invalid.
    /// </summary>
    private static int? MostlyUtf8(ReadOnlySpan<byte> bytes, string? transportCharset)
    {
        int valid = 0, invalid = 0;
        for (var rest = bytes; !rest.IsEmpty;)
        {
            var ascii = rest.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            if (ascii < 0) break;
            rest = rest[ascii..];
            var status = Rune.DecodeFromUtf8(rest, out _, out var consumed);
            if (status == OperationStatus.Done) valid++;
            else invalid++;
            rest = rest[consumed..];
        }
        var declared = IsUtf8(CharsetSniffer.Declared(bytes)) || IsUtf8(CharsetSniffer.Named(transportCharset));
        var trusted = declared ? valid >= 10 * invalid : valid >= 20 && valid >= 20 * invalid;
        return trusted ? invalid : null;
    }

    private static bool IsUtf8(Encoding? encoding) => encoding?.CodePage == Encoding.UTF8.CodePage;

    private static bool Check(ref string text, out string? error, List<string> warnings)
    {
        error = null;
        var nuls = text.AsSpan().Count('\0');
        if (nuls > 0)
        {
            if ((long)nuls * 1000 > (long)text.Length * NulsPerThousandAllowed)
            {
                error = "binary data (NUL bytes), not text";
                return false;
            }
            text = text.Replace("\0", "", StringComparison.Ordinal);
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{nuls} NUL byte{(nuls == 1 ? "" : "s")} dropped"));
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty input";
            return false;
        }
        return true;
    }

    // Files a crawler saves by mistake; their first bytes say what they are.
    private static string? BinarySignature(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "a PNG image",
        [0xFF, 0xD8, 0xFF, ..] => "a JPEG image",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "a GIF image",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "a WebP image",
        [(byte)'P', (byte)'K', 0x03, 0x04, ..] => "a zip archive",
        [0x1F, 0x8B, ..] => "gzip-compressed data",
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..] => "a PDF document",
        _ => null,
    };
}
