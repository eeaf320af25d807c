using Microsoft.Extensions.Logging;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Text;
using Npgsql;

namespace NewsPortal.Ingestion;

/// <summary>
/// <c>ingest PATH...</c>: every input is parsed and stored on its own, so one bad file is recorded
/// (reason and bytes) and the rest go on.
/// </summary>
public sealed class IngestCommand(
    NpgsqlDataSource dataSource, ParserSelector parsers, ArticleStore articles, SourceStore sources,
    IngestRunStore runs, ILogger<IngestCommand> logger)
{
    public async Task<IngestCounts> RunAsync(IngestOptions options, string commandLine, CancellationToken ct)
    {
        var files = InputFiles.Expand(options.Paths).ToList();
        if (options.Url is not null && files.Count > 1)
            throw new UsageException("--url names one article; give it with a single input file");

        var runId = await runs.StartAsync(commandLine, ct);
        int read = 0, added = 0, updated = 0, unchanged = 0, failed = 0;
        async Task FailAsync(string where, string reason, byte[]? raw)
        {
            failed++;
            logger.LogError("Failed to ingest {SourcePath}: {Reason}", where, reason);
            await runs.RecordFailureAsync(runId, where, reason, raw ?? [], ct);
        }

        foreach (var path in files)
        {
            ct.ThrowIfCancellationRequested();
            var fullPath = Path.GetFullPath(path);
            var (result, raw) = ReadAndParse(path, options);
            if (!result.Succeeded)
            {
                read++;
                await FailAsync(fullPath, $"{result.Format}: {result.Error}", raw);
                continue;
            }
            for (var i = 0; i < result.Items.Count; i++)
            {
                read++;
                // Items of a multi-item input (a feed file) are told apart by their position.
                var where = result.Items.Count == 1 ? fullPath : $"{fullPath}#{i + 1}";
                var item = result.Items[i];
                var (outcome, error) = item.Article is { } article
                    ? await StoreAsync(where, article, result.Format, runId, ct)
                    : (default, item.Error);
                if (error is not null)
                {
                    await FailAsync(where, $"{result.Format}: {error}", raw);
                    continue;
                }
                switch (outcome)
                {
                    case UpsertOutcome.New: added++; break;
                    case UpsertOutcome.Updated: updated++; break;
                    default: unchanged++; break;
                }
            }
        }
        var counts = new IngestCounts(read, added, updated, unchanged, failed);
        await runs.FinishAsync(runId, counts, ct);
        return counts;
    }

    private (ParseResult Result, byte[]? Raw) ReadAndParse(string path, IngestOptions options)
    {
        try
        {
            var raw = InputFiles.Read(path);
            return (parsers.Parse(raw, InputFiles.OriginOf(path, options)), raw);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return (ParseResult.Failed("unknown", e is InvalidDataException ? e.Message : $"cannot read: {e.Message}"), null);
        }
    }

    private async Task<(UpsertOutcome Outcome, string? Error)> StoreAsync(
        string where, ParsedArticle article, string format, long runId, CancellationToken ct)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            long? sourceId = article.OutletName is not null || article.OutletHost is not null
                ? await sources.GetOrCreateAsync(connection, article.OutletName ?? article.OutletHost!, article.OutletHost, ct)
                : null;
            var write = new ArticleWrite(article, sourceId, ArticleIdentity.KeyOf(article), ArticleIdentity.ContentHashOf(article),
                BigramSketch.Compute(article.Title, article.BodyText), where, format, runId);
            var (id, outcome) = await articles.UpsertAsync(connection, write, ct);
            await runs.ResolveFailuresAsync(connection, where, ct);
            logger.LogInformation("Ingested {SourcePath} as article {ArticleId}: {Outcome}", where, id, outcome);
            return (outcome, null);
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal))
        {
            // Data the database refuses (a NUL in text, a value out of range) fails this input only.
            return (default, $"rejected by the database: {e.MessageText}");
        }
        catch (Exception e) when (e is not (NpgsqlException or OperationCanceledException or OutOfMemoryException))
        {
            // A bug met by one input must not stop the batch; the input is kept for a re-run after the fix.
            logger.LogError(e, "Unexpected error storing {SourcePath}", where);
            return (default, $"internal error: {e.GetType().Name}: {e.Message}");
        }
    }
}
