using System.Text.Json;
using Dapper;
using NewsPortal.Core.Editors;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>The ingestion service run as a user runs it: a process with arguments, stdin and an exit code.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Ingest_prints_the_summary_line_and_exits_zero()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);

        var result = await CliProcess.RunAsync(db.ConnectionString, null, null, "ingest", Repo.Samples);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("read 2, new 2, updated 0, unchanged 0, failed 0", result.Stdout.Trim());
    }

    [Fact]
    public async Task User_add_reads_the_password_from_stdin()
    {
        await using var db = await TestDatabase.CreateAsync();

        var result = await CliProcess.RunAsync(db.ConnectionString, "a long enough secret", null, "user", "add", "wang");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("editor wang created", result.Stdout);
        await using var c = await db.DataSource.OpenConnectionAsync();
        var hash = await c.ExecuteScalarAsync<string>("SELECT password_hash FROM editors WHERE name = 'wang'");
        Assert.True(new EditorPasswords().Verify("wang", hash!, "a long enough secret", out _));
        Assert.DoesNotContain("a long enough secret", hash);
    }

    [Fact]
    public async Task User_add_takes_the_password_from_the_environment()
    {
        await using var db = await TestDatabase.CreateAsync();

        var result = await CliProcess.RunAsync(db.ConnectionString, null,
            new Dictionary<string, string> { ["NEWSPORTAL_PASSWORD"] = "from the environment" }, "user", "add", "li");

        Assert.True(result.ExitCode == 0, result.Stderr);
        await using var c = await db.DataSource.OpenConnectionAsync();
        var hash = await c.ExecuteScalarAsync<string>("SELECT password_hash FROM editors WHERE name = 'li'");
        Assert.True(new EditorPasswords().Verify("li", hash!, "from the environment", out _));
    }

    [Fact]
    public async Task Search_index_indexes_what_ingest_queued_and_reindex_queues_everything_again()
    {
        await using var db = await TestDatabase.CreateAsync();
        Assert.Equal(0, (await CliProcess.RunAsync(db.ConnectionString, null, null, "ingest", Repo.Samples)).ExitCode);

        var index = await CliProcess.RunAsync(db.ConnectionString, null, null, "search", "index");
        Assert.True(index.ExitCode == 0, index.Stderr);
        Assert.Equal("indexed 2 article(s) for search", index.Stdout.Trim());
        var reindex = await CliProcess.RunAsync(db.ConnectionString, null, null, "search", "reindex");
        Assert.True(reindex.ExitCode == 0, reindex.Stderr);
        Assert.Equal("indexed 2 article(s) for search", reindex.Stdout.Trim());
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM article_search"));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM search_pending"));
        // The key index is back, as the migration made it.
        Assert.Contains("USING gin (keys)", await c.ExecuteScalarAsync<string>("SELECT pg_get_indexdef('article_search_keys_idx'::regclass)"));
    }

    [Fact]
    public async Task User_commands_add_refuse_a_taken_name_set_passwords_disable_enable_list_and_remove()
    {
        await using var db = await TestDatabase.CreateAsync();
        async Task<CliProcess.Result> User(string? password, params string[] args) =>
            await CliProcess.RunAsync(db.ConnectionString, password, null, ["user", .. args]);
        async Task<(string Hash, bool Disabled, Guid Stamp)?> Row(string name)
        {
            await using var c = await db.DataSource.OpenConnectionAsync();
            return await c.QuerySingleOrDefaultAsync<(string, bool, Guid)>(
                "SELECT password_hash, disabled_at IS NOT NULL, security_stamp FROM editors WHERE name = @Name", new { Name = name });
        }

        Assert.Equal(0, (await User("first long secret", "add", "zhou")).ExitCode);
        var created = await Row("zhou");
        var again = await User("second long secret", "add", "zhou");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("exists: nothing changed", again.Stdout);
        Assert.Equal(created, await Row("zhou"));

        Assert.Equal(0, (await User("second long secret", "passwd", "zhou")).ExitCode);
        var reset = (await Row("zhou"))!.Value;
        Assert.True(new EditorPasswords().Verify("zhou", reset.Hash, "second long secret", out _));
        Assert.NotEqual(created!.Value.Stamp, reset.Stamp);

        Assert.Equal(0, (await User(null, "disable", "zhou")).ExitCode);
        var disabled = (await Row("zhou"))!.Value;
        Assert.True(disabled.Disabled);
        Assert.NotEqual(reset.Stamp, disabled.Stamp);
        Assert.Contains("zhou\teditor\tdisabled", (await User(null, "list")).Stdout);
        Assert.Equal(0, (await User(null, "enable", "zhou")).ExitCode);
        Assert.False((await Row("zhou"))!.Value.Disabled);

        Assert.Equal(1, (await User(null, "disable", "nobody")).ExitCode);
        Assert.Equal(0, (await User(null, "remove", "zhou")).ExitCode);
        await using (var c = await db.DataSource.OpenConnectionAsync())
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM editors WHERE name = 'zhou'"));
        Assert.Equal(1, (await User(null, "remove", "zhou")).ExitCode);
    }

    [Theory]
    [InlineData("search", "everything")]
    [InlineData("user", "add", "zhao", "password-on-argv")] // never from the command line
    [InlineData("user", "add")]
    [InlineData("frobnicate")]
    public async Task Wrong_usage_exits_with_2_and_says_why(params string[] args)
    {
        await using var db = await TestDatabase.CreateAsync();

        var result = await CliProcess.RunAsync(db.ConnectionString, "whatever password", null, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage", result.Stderr);
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM editors"));
    }

    [Fact]
    public async Task A_short_password_is_refused()
    {
        await using var db = await TestDatabase.CreateAsync();

        var result = await CliProcess.RunAsync(db.ConnectionString, "short", null, "user", "add", "qian");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("at least 8 characters", result.Stderr);
    }

    [Fact]
    public async Task Extract_prints_one_json_line_per_input_needs_no_database_and_reports_failures()
    {
        using var folder = new TempFolder();
        folder.Copy(Repo.FeedDumpSample, "a.txt");
        folder.Write("b.bin", [0x00, 0x01, 0x02]);

        // An unreachable database: extract must not need one.
        var result = await CliProcess.RunAsync("Host=127.0.0.1;Port=1;Timeout=1", null, null, "extract", folder.Path, "--json");

        Assert.Equal(1, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(Repo.FeedDumpTitle, lines[0].GetProperty("title").GetString());
        Assert.Equal("2023-11-08T18:25:56+00:00", lines[0].GetProperty("published").GetString());
        Assert.Equal(2, lines[0].GetProperty("images").GetArrayLength());
        Assert.StartsWith("https://gdb.voanews.com/", lines[0].GetProperty("images")[0].GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("error").ValueKind);
        Assert.EndsWith("b.bin", lines[1].GetProperty("path").GetString());
        Assert.Contains("binary", lines[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Extract_reads_gzip_compressed_pages_and_names_a_corrupt_one()
    {
        using var folder = new TempFolder();
        using (var gz = new System.IO.Compression.GZipStream(File.Create(Path.Combine(folder.Path, "a.txt.gz")), System.IO.Compression.CompressionLevel.Fastest))
            gz.Write(File.ReadAllBytes(Repo.FeedDumpSample));
        folder.Write("b.gz", [0x1F, 0x8B, 0x08, 0x00, 0x67, 0x61, 0x72, 0x62]);

        var result = await CliProcess.RunAsync("Host=127.0.0.1;Port=1;Timeout=1", null, null, "extract", folder.Path, "--json");

        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Repo.FeedDumpTitle, lines[0].GetProperty("title").GetString());
        Assert.Contains("gzip", lines[1].GetProperty("error").GetString());
        Assert.Equal(1, result.ExitCode);
    }
}
