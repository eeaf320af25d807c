using System.Text.Encodings.Web;
using System.Text.Json;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Golden;

/// <summary>
/// Expected output kept as reviewed JSON beside its input. A mismatch fails with both texts; with
/// <c>UPDATE_GOLDEN=1</c> the source copy is rewritten instead, to be reviewed as a diff.
/// </summary>
public static class GoldenFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Chinese stays readable in the file instead of becoming \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        IndentCharacter = ' ',
        IndentSize = 2,
        NewLine = "\n",
    };

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static string Serialize(ParsedArticle article) => JsonSerializer.Serialize(article, Options) + "\n";

    /// <summary>A whole parse result: its format, the input's error, and each item (article or error).</summary>
    public static string Serialize(ParseResult result) =>
        JsonSerializer.Serialize(new
        {
            result.Format,
            result.Error,
            Items = result.Items.Select(item => new { item.Error, item.Article }),
        }, Options) + "\n";

    public static ParsedArticle? Deserialize(string json) => JsonSerializer.Deserialize<ParsedArticle>(json, Options);

    /// <summary>Compares <paramref name="actual"/> with <c>testdata/&lt;relativePath&gt;</c>, or rewrites it when updating.</summary>
    public static void AssertMatches(string relativePath, string actual)
    {
        if (Updating)
        {
            var target = Path.Combine(TestData.SourceTestDataDirectory(), relativePath);
            File.WriteAllText(target, actual);
            return;
        }
        var expectedPath = TestData.PathOf(relativePath);
        Assert.True(File.Exists(expectedPath), $"missing golden file {relativePath}; run the tests once with UPDATE_GOLDEN=1 and review it");
        var expected = File.ReadAllText(expectedPath).Replace("\r\n", "\n");
        if (expected == actual) return;
        Assert.Fail($"{relativePath} differs at line {FirstDifferentLine(expected, actual)}.\n" +
                    $"--- expected\n{expected}\n--- actual\n{actual}\n" +
                    "If the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff.");
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return i + 1;
    }
}
