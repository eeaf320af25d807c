using System.Text.Json;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Golden;

/// <summary>
/// The examples of docs/formats.md are the files under <c>testdata/formats/</c>: each parses to the
/// reviewed JSON beside it, and the doc shows each one as it is, so the doc cannot drift from what
/// the parsers do.
/// </summary>
public sealed class FormatExampleTests
{
    private const string SidecarSuffix = ".meta.json";

    public static TheoryData<string> Examples() => new(ExampleNames());

    // What docs/formats.md shows: the examples and their sidecars.
    public static TheoryData<string> DocumentedFiles() =>
        new([.. Directory.EnumerateFiles(TestData.PathOf("formats"))
            .Select(path => Path.GetFileName(path))
            .Where(name => !name.EndsWith(".expected.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)]);

    private static List<string> ExampleNames() =>
        [.. Directory.EnumerateFiles(TestData.PathOf("formats"))
            .Select(path => Path.GetFileName(path))
            .Where(name => !name.EndsWith(".expected.json", StringComparison.Ordinal) && !name.EndsWith(SidecarSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_parses_to_its_golden_json(string example)
    {
        var path = TestData.PathOf("formats", example);

        var result = ParserSelector.CreateDefault().Parse(File.ReadAllBytes(path), OriginOf(path));

        GoldenFile.AssertMatches(Path.Combine("formats", example + ".expected.json"), GoldenFile.Serialize(result));
    }

    [Theory]
    [MemberData(nameof(DocumentedFiles))]
    public void Docs_show_the_example_as_it_is(string example)
    {
        var docs = File.ReadAllText(Path.Combine(TestData.SolutionDirectory(), "docs", "formats.md")).Replace("\r\n", "\n");
        var text = TestData.Text("formats", example).Replace("\r\n", "\n").TrimEnd('\n');

        Assert.True(docs.Contains("\n" + text + "\n```", StringComparison.Ordinal), $"docs/formats.md does not show testdata/formats/{example} verbatim in a code block");
    }

    [Fact]
    public void Every_input_format_has_an_example()
    {
        var formats = ExampleNames()
            .Select(name => ParserSelector.CreateDefault().Parse(TestData.Bytes("formats", name), OriginOf(TestData.PathOf("formats", name))).Format)
            .ToHashSet();

        Assert.Superset(formats, new HashSet<string> { MarkdownFeedDumpParser.FormatName, TextDumpParser.FormatName, NewsPortal.Core.Ingestion.Feeds.FeedFileParser.FormatName, NewsPortal.Core.Ingestion.Html.HtmlPageParser.FormatName, JsonListingParser.FormatName });
    }

    // The service reads FILE.meta.json beside an input; here only the fields the examples use.
    private static InputOrigin OriginOf(string path)
    {
        if (!File.Exists(path + SidecarSuffix)) return new InputOrigin(path);
        var sidecar = JsonDocument.Parse(File.ReadAllText(path + SidecarSuffix)).RootElement;
        string? Field(string name) => sidecar.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new InputOrigin(path, Field("url"), Field("outlet"), Field("outlet_host"));
    }
}
