using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests;

/// <summary>
/// Where the test inputs are: the copy beside the test assembly for reading, and the source
/// folder for rewriting golden files on purpose (<c>UPDATE_GOLDEN=1</c>).
/// </summary>
public static class TestData
{
    public const string TextDumpSeed = "000_004c24d0aad6edaa.txt";
    public const string FeedDumpSeed = "002_eb24c55ad338b572.txt";

    private const string ProjectFolder = "tests/NewsPortal.Core.Tests";

    /// <summary>A file under the copied <c>testdata/</c> folder of the test output.</summary>
    public static string PathOf(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "testdata", .. parts]);

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(PathOf(parts));

    public static string Text(params string[] parts) => File.ReadAllText(PathOf(parts));

    public static string SeedPath(string name) => PathOf("seeds", name);

    /// <summary>Parses a seed exactly as ingestion does: bytes through the default selector.</summary>
    public static ParseResult ParseSeed(string name) =>
        ParserSelector.CreateDefault().Parse(File.ReadAllBytes(SeedPath(name)), new InputOrigin(SeedPath(name)));

    /// <summary>The parsed article of a seed; fails the test with the parser's reason when there is none.</summary>
    public static ParsedArticle ArticleOf(string name)
    {
        var result = ParseSeed(name);
        Assert.True(result.Succeeded, $"{name} did not parse: {result.Error}");
        return result.Article!;
    }

    /// <summary>The source (not output) <c>testdata/</c> folder, found by walking up to the solution.</summary>
    public static string SourceTestDataDirectory() => Path.Combine(SolutionDirectory(), ProjectFolder, "testdata");

    /// <summary>The repository's root: the folder above the test output that holds NewsPortal.sln.</summary>
    public static string SolutionDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsPortal.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no folder above {AppContext.BaseDirectory} holds NewsPortal.sln");
    }
}
