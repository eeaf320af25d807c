using System.Net;
using Dapper;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// The built processes with their console output on a full disk (<c>/dev/full</c>: every write fails
/// with "No space left on device"): the web app starts and serves, ingestion stores and exits as the
/// run went, and only a command whose output is its product fails for the lost output.
/// </summary>
public sealed class FullDiskLogTests
{
    [Fact]
    public async Task Web_app_logging_to_a_full_disk_starts_serves_pages_and_stays_up()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var ingestion = new IngestionHost(db)) await ingestion.IngestAsync(Repo.Samples);
        var articleId = await Scalar(db, "SELECT min(id) FROM articles");
        // Every request and the host's own start-up lines are logged, so that every one of them meets the full disk.
        await using var web = WebNodeProcess.Start(db.ConnectionString, new Dictionary<string, string>
        {
            ["Serilog__MinimumLevel__Default"] = "Information",
            ["Serilog__MinimumLevel__Override__Microsoft"] = "Information",
        }, outputFile: OutputFiles.FullDisk);
        await web.WaitReadyAsync();
        Assert.Equal(OutputFiles.FullDisk, new FileInfo($"/proc/{web.Id}/fd/1").LinkTarget);
        Assert.Equal(OutputFiles.FullDisk, new FileInfo($"/proc/{web.Id}/fd/2").LinkTarget);
        using var client = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/articles/{articleId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/articles/999999999")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.False(web.HasExited);
    }

    [Fact]
    public async Task Ingest_with_its_output_on_a_full_disk_stores_the_articles_and_exits_as_the_run_went()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);

        var run = await CliProcess.RunWithOutputFilesAsync(db.ConnectionString, OutputFiles.FullDisk, null, "ingest", Repo.Samples);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(2, await Scalar(db, "SELECT count(*) FROM articles"));
        // The summary line it could not print is in the log (stderr) instead.
        Assert.Contains("Standard output cannot be written (No space left on device); what it was to show: read 2, new 2, updated 0, unchanged 0, failed 0", run.Stderr);

        // With the log on the full disk too: the same exit codes, a failed input still 1.
        var again = await CliProcess.RunWithOutputFilesAsync(db.ConnectionString, OutputFiles.FullDisk, OutputFiles.FullDisk, "ingest", Repo.Samples);
        Assert.Equal(0, again.ExitCode);
        using var inbox = new TempFolder();
        var broken = inbox.Write("empty.txt", "");
        var failed = await CliProcess.RunWithOutputFilesAsync(db.ConnectionString, OutputFiles.FullDisk, OutputFiles.FullDisk, "ingest", broken);
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal(1, await Scalar(db, "SELECT count(*) FROM failed_inputs"));
    }

    [Fact]
    public async Task A_list_that_cannot_be_written_fails_its_command_with_exit_code_5()
    {
        await using var db = await TestDatabase.CreateAsync();

        var list = await CliProcess.RunWithOutputFilesAsync(db.ConnectionString, OutputFiles.FullDisk, null, "feed", "list");

        Assert.Equal(5, list.ExitCode);
        Assert.Contains("Cannot write to standard output: No space left on device", list.Stderr);
    }

    private static async Task<long> Scalar(TestDatabase db, string sql)
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>(sql);
    }
}
