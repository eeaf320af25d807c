using System.Text;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// Finds UTF-8 read as Windows-1252 (or Latin-1): each multi-byte character turns into a lead
/// letter <c>Â</c>–<c>ô</c> followed by one to three characters that byte 0x80–0xBF decodes to
/// (<c>æµ·èžºæ²Ÿ</c> for 海螺沟). Real Latin text almost never puts those characters together,
/// so when most of a text's non-ASCII characters form such runs, and the runs are more than a
/// stray footer sign (<c>Â©</c>) in a long English text, the decoding is wrong.
/// </summary>
internal static class Mojibake
{
    private static readonly HashSet<char> Continuation = BuildContinuation();

    /// <summary>Why text with the <paramref name="sample"/> of mojibake that <see cref="Find"/> found is refused.</summary>
    public static string Reason(string sample) =>
        $"implausible decoding: the text reads as UTF-8 decoded as Windows-1252 (mojibake such as \"{sample}\"); the input's encoding is wrong or mixed";

    /// <summary>A short sample of the mojibake when the text is mostly mojibake, else null.</summary>
    public static string? Find(string text)
    {
        var span = text.AsSpan();
        if (span.IndexOfAnyInRange('\u00C2', '\u00F4') < 0) return null;
        int runs = 0, covered = 0, nonAscii = 0, visible = 0, first = -1;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (!char.IsWhiteSpace(c)) visible++;
            if (c < 0x80) continue;
            nonAscii++;
            var needed = c switch { >= '\u00C2' and <= '\u00DF' => 1, >= '\u00E0' and <= '\u00EF' => 2, >= '\u00F0' and <= '\u00F4' => 3, _ => 0 };
            if (needed == 0) continue;
            var all = true;
            for (var k = 1; k <= needed && all; k++) all = i + k < span.Length && Continuation.Contains(span[i + k]);
            if (!all) continue;
            runs++;
            covered += needed + 1;
            nonAscii += needed;
            visible += needed;
            if (first < 0) first = i;
            i += needed;
        }
        if (runs < 3 || covered * 2 < nonAscii || covered * 100 < visible) return null;
        return text.Substring(first, Math.Min(12, text.Length - first));
    }

    // What bytes 0x80–0xBF become in Windows-1252 (€‚ƒ„… ‘’“” and the Latin-1 signs) and in Latin-1
    // (the C1 controls that Windows-1252 leaves undefined).
    private static HashSet<char> BuildContinuation()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Enumerable.Range(0x80, 0x40).Select(b => (byte)b).ToArray();
        return [.. Encoding.GetEncoding(1252).GetString(bytes), .. Encoding.Latin1.GetString(bytes)];
    }
}
