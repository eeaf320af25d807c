namespace NewsPortal.Core.Tests.Fuzzing;

/// <summary>One real input the fuzzer starts from, named by the format family it belongs to.</summary>
public sealed record FuzzSeed(string Family, string Name, byte[] Bytes)
{
    public override string ToString() => $"{Family}:{Name}";
}

/// <summary>
/// The real inputs of <c>testdata/</c> grouped by format, and the XSS vectors spliced into them.
/// Large pages are cut to <c>maxBytes</c> so that a bounded run stays bounded; a long run may lift the cap.
/// </summary>
public static class FuzzSeeds
{
    public static IReadOnlyList<FuzzSeed> Load(int maxBytes)
    {
        var seeds = new List<FuzzSeed>();
        foreach (var path in Directory.EnumerateFiles(TestData.PathOf(), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (FamilyOf(path) is not { } family) continue;
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length > maxBytes) bytes = bytes[..maxBytes];
            seeds.Add(new FuzzSeed(family, Path.GetFileName(path), bytes));
        }
        return seeds;
    }

    /// <summary>Every XSS vector input (shared/xss), the payloads spliced into bodies.</summary>
    public static IReadOnlyList<string> XssPayloads() =>
        [.. Sanitizer.XssVector.LoadAll().Select(v => v.Input).Where(i => i.Length > 0).Distinct()];

    private static string? FamilyOf(string path)
    {
        var name = Path.GetFileName(path);
        var folder = Path.GetFileName(Path.GetDirectoryName(path)!);
        if (name.EndsWith(".json", StringComparison.Ordinal) && (name.Contains(".expected.") || name.Contains(".meta.") || name.Contains(".result.")))
            return null;
        return (folder, name) switch
        {
            ("pages", _) when name.EndsWith(".html", StringComparison.Ordinal) => "html",
            ("formats", "page.html") => "html",
            ("dumps", _) when name.EndsWith(".txt", StringComparison.Ordinal) => "text-dump",
            ("formats", "text-dump.txt") => "text-dump",
            ("seeds", TestData.TextDumpSeed) => "text-dump",
            ("seeds", TestData.FeedDumpSeed) => "markdown-dump",
            ("formats", _) when name.StartsWith("dump-", StringComparison.Ordinal) => "markdown-dump",
            ("formats", "rss2.xml") => "rss",
            ("formats", "atom.xml") => "atom",
            ("formats", "rdf.xml") => "rdf",
            ("formats", "feed.json") => "json-feed",
            ("formats", _) when name.StartsWith("listing.", StringComparison.Ordinal) => "json-listing",
            ("listings", _) when name.EndsWith(".json", StringComparison.Ordinal) => "json-listing",
            _ => null,
        };
    }
}
