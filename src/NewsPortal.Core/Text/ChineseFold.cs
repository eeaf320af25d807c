using System.Text;

namespace NewsPortal.Core.Text;

/// <summary>
/// Folds Traditional Chinese (including Hong Kong and Taiwan variant forms) to Simplified, and
/// full-width ASCII to ASCII, one character at a time, so that a Taiwan or Hong Kong report and a
/// mainland report of the same story compare equal. The result is a key to compare, not text to show:
/// a character OpenCC can only convert by phrase gets one fixed reading (乾 → 干 also in 乾隆), which is
/// harmless because both sides of a comparison fold the same way. Case is kept.
/// </summary>
public static class ChineseFold
{
    // Generated from OpenCC's dictionaries by scripts/make-ts-characters.py; see the file's header.
    internal const string ResourceName = "NewsPortal.Core.Text.ts-characters.txt";

    // Every UTF-16 unit indexes straight into this, so the hot loop is one array load a character.
    // The type initializer builds it once, on first use, and the runtime makes that thread-safe.
    private static readonly char[] Map = BuildMap();

    public static char Fold(char c) => Map[c];

    /// <summary>
    /// The folded text, always of the same length, so an offset found in it (a match to highlight)
    /// is the same offset in <paramref name="s"/>. Returns <paramref name="s"/> itself when nothing
    /// folds, which is the common case for mainland text and costs no allocation.
    /// </summary>
    public static string Fold(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var map = Map;
        foreach (var c in s)
        {
            if (map[c] != c) return string.Create(s.Length, s, static (destination, source) => Fold(source, destination));
        }
        return s;
    }

    /// <summary>Folds into <paramref name="destination"/>, which may be the same memory as <paramref name="source"/>.</summary>
    public static void Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException($"destination holds {destination.Length} characters; source has {source.Length}", nameof(destination));
        var map = Map;
        for (var i = 0; i < source.Length; i++) destination[i] = map[source[i]];
    }

    /// <summary>The table's pairs as stored: a character and its Simplified fold.</summary>
    internal static IReadOnlyList<(char From, char To)> ReadPairs()
    {
        using var stream = typeof(ChineseFold).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var pairs = new List<(char From, char To)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            // A pair outside the BMP would need surrogates and break the one-unit-to-one-unit promise
            // that keeps offsets stable; the generator drops those, so one here is a broken file.
            if (line.Length != 2 || char.IsSurrogate(line[0]) || char.IsSurrogate(line[1]))
                throw new InvalidDataException($"{ResourceName}: \"{line}\" is not one character and its fold");
            pairs.Add((line[0], line[1]));
        }
        return pairs;
    }

    private static char[] BuildMap()
    {
        var map = new char[char.MaxValue + 1];
        for (var c = 0; c < map.Length; c++) map[c] = (char)c;
        foreach (var (from, to) in ReadPairs()) map[from] = to;
        // Chinese layouts set Latin letters, digits and punctuation full-width (ＣＮＮ，５Ｇ); the same
        // words typed half-width elsewhere should match them.
        for (var c = '\uFF01'; c <= '\uFF5E'; c++) map[c] = (char)(c - 0xFEE0);
        map['\u3000'] = ' ';
        return map;
    }
}
