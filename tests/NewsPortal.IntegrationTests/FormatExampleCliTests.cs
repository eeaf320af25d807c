using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>docs/formats.md's examples run through the real <c>extract --json</c>, sidecar and gzip included.</summary>
public sealed partial class FormatExampleCliTests
{
    private const string NoDatabase = "Host=127.0.0.1;Port=1;Timeout=1";

    private static List<JsonElement> Lines(CliProcess.Result result) =>
        [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task Extract_prints_one_line_per_item_each_with_its_files_path()
    {
        using var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(Repo.FormatExamples).Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)))
            folder.Copy(file);
        using (var gz = new GZipStream(File.Create(Path.Combine(folder.Path, "rss2-copy.gz")), CompressionLevel.Fastest))
            gz.Write(File.ReadAllBytes(Path.Combine(Repo.FormatExamples, "rss2.xml")));

        var result = await CliProcess.RunAsync(NoDatabase, null, null, "extract", folder.Path, "--json");

        Assert.Equal(1, result.ExitCode); // the dump with no heading, the bad JSON Feed item and the broken JSON Lines line
        var lines = Lines(result);
        var byFile = lines.GroupBy(l => Path.GetFileName(l.GetProperty("path").GetString()!)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["atom.xml", "dump-atx.md", "dump-no-heading.md", "dump-setext.md", "dump-title-only.md", "feed.json", "listing.json", "listing.jsonl", "page.html", "rdf.xml", "rss2-copy.gz", "rss2.xml", "text-dump.txt"],
            byFile.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, byFile["rss2.xml"].Count);
        Assert.Equal(byFile["rss2.xml"].Select(l => l.GetProperty("title").GetString()), byFile["rss2-copy.gz"].Select(l => l.GetProperty("title").GetString()));
        Assert.Equal([JsonValueKind.Null, JsonValueKind.String], byFile["feed.json"].Select(l => l.GetProperty("error").ValueKind));
        Assert.StartsWith("no heading:", byFile["dump-no-heading.md"][0].GetProperty("error").GetString());
        // The sidecar beside the text dump gives its URL and outlet.
        Assert.Equal("https://world.huanqiu.com/article/4KJtH0x2mBq", byFile["text-dump.txt"][0].GetProperty("url").GetString());
        Assert.Equal("环球网", byFile["text-dump.txt"][0].GetProperty("outlet").GetString());
        Assert.Equal([JsonValueKind.Null, JsonValueKind.String, JsonValueKind.Null], byFile["listing.jsonl"].Select(l => l.GetProperty("error").ValueKind));
        Assert.Equal("listing:published_at", byFile["listing.json"][0].GetProperty("published_source").GetString());
        Assert.Equal("2023-11-08T18:25:56.412+00:00", byFile["listing.json"][0].GetProperty("published").GetString()); // milliseconds kept
        Assert.Equal(19, lines.Count);
    }

    [Fact]
    public async Task The_extract_output_the_docs_show_is_what_extract_prints()
    {
        var docs = File.ReadAllText(Path.Combine(Repo.Root, "docs", "formats.md"));
        var shown = JsonDocument.Parse(DocsExtractExample().Match(docs).Groups[1].Value).RootElement;

        var result = await CliProcess.RunAsync(NoDatabase, null, null, "extract", Path.Combine(Repo.FormatExamples, "dump-title-only.md"), "--json");

        var printed = Assert.Single(Lines(result));
        Assert.Equal(shown.EnumerateObject().Select(p => p.Name), printed.EnumerateObject().Select(p => p.Name));
        foreach (var property in shown.EnumerateObject().Where(p => p.Name != "path"))
            Assert.Equal(JsonSerializer.Serialize(property.Value), JsonSerializer.Serialize(printed.GetProperty(property.Name)));
    }

    [GeneratedRegex(@"`extract dump-title-only\.md --json` prints[^\n]*\n\n```json\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex DocsExtractExample();
}
