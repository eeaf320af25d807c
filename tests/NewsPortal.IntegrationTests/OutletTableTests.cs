using System.Text.Json;
using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>The host → outlet table as operators set it: configuration, environment, --outlets.</summary>
public sealed class OutletTableTests
{
    // extract needs no database: an unreachable one proves it.
    private const string NoDatabase = "Host=127.0.0.1;Port=1;Timeout=1";

    private static List<JsonElement> Lines(CliProcess.Result result) =>
        [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task Ingest_stores_a_dump_under_the_outlet_configuration_names()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db, settings: new Dictionary<string, string?> { ["Outlets:voachinese.com"] = "VOA 中文网" });
        using var folder = new TempFolder();
        folder.Copy(Repo.FeedDumpSample, "voa.md");
        folder.Copy(Path.Combine(Repo.FormatExamples, "dump-title-only.md"));

        var counts = await host.IngestAsync(folder.Path);

        Assert.Equal("read 2, new 2, updated 0, unchanged 0, failed 0", counts.ToString());
        await using var c = await db.DataSource.OpenConnectionAsync();
        var sources = (await c.QueryAsync<(string Title, string Source)>(
            "SELECT a.title, s.name FROM articles a JOIN sources s ON s.id = a.source_id")).OrderBy(r => r.Source, StringComparer.Ordinal).ToList();
        Assert.Equal([(Repo.FeedDumpTitle, "VOA 中文网"), ("人民网评：让“银发经济”成色更足", "人民网")], sources);
    }

    [Fact]
    public async Task Extract_takes_an_outlets_file_and_the_environment_wins_over_it()
    {
        using var folder = new TempFolder();
        var table = folder.Write("outlets.tsv", "# ours\nvoachinese.com\t文件里的名字\nrfa.org\tRFA 中文\n");
        var inputs = Path.Combine(folder.Path, "in");
        Directory.CreateDirectory(inputs);
        File.Copy(Repo.FeedDumpSample, Path.Combine(inputs, "voa.md"));
        File.Copy(Path.Combine(Repo.FormatExamples, "dump-atx.md"), Path.Combine(inputs, "rfa.md"));

        var fromFile = await CliProcess.RunAsync(NoDatabase, null, null, "extract", inputs, "--outlets", table, "--json");
        var fromEnvironment = await CliProcess.RunAsync(NoDatabase, null,
            new Dictionary<string, string> { ["Outlets__voachinese.com"] = "环境变量里的名字" }, "extract", "--outlets", table, inputs, "--json");

        Assert.True(fromFile.ExitCode == 0, fromFile.Stderr);
        Assert.Equal(["RFA 中文", "文件里的名字"], Lines(fromFile).Select(l => l.GetProperty("outlet").GetString()));
        Assert.Equal(["RFA 中文", "环境变量里的名字"], Lines(fromEnvironment).Select(l => l.GetProperty("outlet").GetString()));
        Assert.Equal("voachinese.com", Lines(fromEnvironment)[1].GetProperty("outlet_host").GetString());
    }

    [Fact]
    public async Task A_bad_outlets_file_stops_the_command_naming_the_line()
    {
        using var folder = new TempFolder();
        var table = folder.Write("outlets.tsv", "voachinese.com\t美国之音\nhttps://example.com/\t示例网\n");

        var result = await CliProcess.RunAsync(NoDatabase, null, null, "extract", Repo.FeedDumpSample, "--json", "--outlets", table);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{table}, line 2: \"https://example.com/\" is not a host name", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Outlets_needs_a_file()
    {
        var result = await CliProcess.RunAsync(NoDatabase, null, null, "extract", Repo.FeedDumpSample, "--json", "--outlets");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--outlets needs a file", result.Stderr);
    }
}
