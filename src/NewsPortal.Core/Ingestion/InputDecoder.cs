using System.Text;
using System.Text.Unicode;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Bytes to text: a BOM wins, then strict UTF-8 (legacy CJK bytes are almost never valid UTF-8, so
/// this holds even against a wrong declaration), then the declared charset when the bytes agree
/// with it (the document's own declaration before the HTTP Content-Type's), then the best of
/// GB18030 (a superset of GBK and GB2312), Big5 and Windows-1252.
/// </summary>
public static class InputDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static InputDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <param name="transportCharset">The charset an HTTP Content-Type declared, if any: a hint below the document's own declaration.</param>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string? error, string? transportCharset = null)
    {
        error = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) { text = Encoding.Unicode.GetString(bytes[2..]); return Check(ref text, out error); }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) { text = Encoding.BigEndianUnicode.GetString(bytes[2..]); return Check(ref text, out error); }
        // Validate first: throwing from a strict decoder costs more than the decode itself on legacy pages.
        text = Utf8.IsValid(bytes) ? StrictUtf8.GetString(bytes) : CharsetSniffer.Choose(bytes, transportCharset).GetString(bytes);
        return Check(ref text, out error);
    }

    private static bool Check(ref string text, out string? error)
    {
        error = null;
        if (text.Contains('\0'))
        {
            error = "binary data (NUL bytes), not text";
            return false;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty input";
            return false;
        }
        return true;
    }
}
