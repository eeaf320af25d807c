using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Ingestion;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>Every recorded failure is retriable or says it is not; an operator lists and dismisses them.</summary>
public sealed class FailureRecordTests
{
    private static Dictionary<string, string?> InputLimit(int megabytes) => new() { ["Ingest:MaxInputMegabytes"] = megabytes.ToString() };

    private static async Task<(int ExitCode, string[] Lines)> FailuresAsync(IngestionHost host, params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = await host.Services.GetRequiredService<FailuresCommand>().RunAsync(args, output, CancellationToken.None);
        return (exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task An_oversize_input_is_read_again_by_a_retry_with_a_larger_limit_and_an_empty_one_is_marked_not_retriable()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var folder = new TempFolder();
        folder.Write("empty.txt", []);
        // The feed-dump sample with a long last paragraph: a real item, over a 1 MB limit.
        var big = folder.Write("big.txt", File.ReadAllText(Repo.FeedDumpSample) + "\n<p>" + string.Concat(Enumerable.Repeat("据报道，会谈持续了两个小时。", 50_000)) + "</p>\n");
        await using (var small = new IngestionHost(db, settings: InputLimit(1)))
        {
            Assert.Equal("read 2, new 0, updated 0, unchanged 0, failed 2", (await small.IngestAsync(folder.Path)).ToString());
            var (_, lines) = await FailuresAsync(small, "list");
            Assert.Equal(3, lines.Length); // a header and two failures
            Assert.Contains(lines, l => l.Contains("\tno\t") && l.Contains("empty.txt") && l.Contains("not retriable"));
            Assert.Contains(lines, l => l.Contains($"\tyes (re-read, {new FileInfo(big).Length} bytes)\t") && l.Contains("big.txt") && l.Contains("input limit"));
        }

        await using var larger = new IngestionHost(db, settings: InputLimit(8));
        var retried = await larger.Services.GetRequiredService<IngestCommand>().RetryFailedAsync("ingest --retry-failed", CancellationToken.None);

        // Only the oversize input was retried (the empty one has nothing to give), and it is stored now.
        Assert.Equal("read 1, new 1, updated 0, unchanged 0, failed 0", retried.ToString());
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(Repo.FeedDumpTitle, await c.ExecuteScalarAsync<string>("SELECT title FROM articles"));
        var (_, open) = await FailuresAsync(larger, "list");
        Assert.Single(open, l => l.Contains("empty.txt"));
        Assert.DoesNotContain(open, l => l.Contains("big.txt"));
    }

    [Fact]
    public async Task A_dismissed_failure_is_neither_retried_nor_listed_by_default()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);
        using var folder = new TempFolder();
        folder.Write("empty.txt", []);
        folder.Write("notes.txt", "just some notes, not a news page");
        folder.Write("memo.txt", "another note that is no news page either");
        await host.IngestAsync(folder.Path);
        await using var c = await db.DataSource.OpenConnectionAsync();
        var notesId = await c.ExecuteScalarAsync<long>("SELECT id FROM failed_inputs WHERE path LIKE '%notes.txt'");

        var (dismissCode, dismissed) = await FailuresAsync(host, "dismiss", notesId.ToString());
        Assert.Equal((0, "dismissed 1 failure(s)"), (dismissCode, Assert.Single(dismissed)));
        var (sweepCode, swept) = await FailuresAsync(host, "dismiss", "--all-not-retriable");
        Assert.Equal((0, "dismissed 1 failure(s) no retry can settle"), (sweepCode, Assert.Single(swept)));
        var (exitCode, again) = await FailuresAsync(host, "dismiss", notesId.ToString());

        Assert.Equal(1, exitCode);
        Assert.Equal($"not open (no such id, resolved or already dismissed): {notesId}", again[^1]);
        var (_, listed) = await FailuresAsync(host, "list");
        Assert.Equal(2, listed.Length);
        Assert.Contains("memo.txt", listed[1]);
        var (_, all) = await FailuresAsync(host, "list", "--all");
        Assert.Equal(4, all.Length);
        Assert.Equal(2, all.Count(l => l.Contains("\tdismissed\t")));
        // The retry takes only what is neither dismissed nor unretriable: memo.txt, which fails again.
        var retried = await host.Services.GetRequiredService<IngestCommand>().RetryFailedAsync("ingest --retry-failed", CancellationToken.None);
        Assert.Equal("read 1, new 0, updated 0, unchanged 0, failed 1", retried.ToString());
    }

    [Fact]
    public async Task The_command_line_takes_failures_list_and_refuses_what_it_does_not_know()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var host = new IngestionHost(db);

        Assert.Equal(0, await host.RunCommandLineAsync("failures", "list", "--all"));
        Assert.Equal(2, await host.RunCommandLineAsync("failures", "dismiss", "notes.txt"));
        Assert.Equal(2, await host.RunCommandLineAsync("failures", "forget"));
    }
}
