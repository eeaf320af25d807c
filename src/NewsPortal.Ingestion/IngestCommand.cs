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
        foreach (var path in files)
        {
            ct.ThrowIfCancellationRequested();
            read++;
            var (outcome, error, raw) = await IngestOneAsync(path, options, runId, ct);
            if (error is not null)
            {
                failed++;
                logger.LogError("Failed to ingest {SourcePath}: {Reason}", path, error);
                await runs.RecordFailureAsync(runId, Path.GetFullPath(path), error, raw ?? [], ct);
                continue;
            }
            switch (outcome)
            {
                case UpsertOutcome.New: added++; break;
                case UpsertOutcome.Updated: updated++; break;
                default: unchanged++; break;
            }
        }
        var counts = new IngestCounts(read, added, updated, unchanged, failed);
        await runs.FinishAsync(runId, counts, ct);
        return counts;
    }

    private async Task<(UpsertOutcome Outcome, string? Error, byte[]? Raw)> IngestOneAsync(string path, IngestOptions options, long runId, CancellationToken ct)
    {
        byte[] raw;
        InputOrigin origin;
        try
        {
            raw = InputFiles.Read(path);
            origin = InputFiles.OriginOf(path, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return (default, e is InvalidDataException ? e.Message : $"cannot read: {e.Message}", null);
        }

        var result = parsers.Parse(raw, origin);
        if (result.Article is not { } article) return (default, $"{result.Format}: {result.Error}", raw);

        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            long? sourceId = article.OutletName is not null || article.OutletHost is not null
                ? await sources.GetOrCreateAsync(connection, article.OutletName ?? article.OutletHost!, article.OutletHost, ct)
                : null;
            var write = new ArticleWrite(article, sourceId, ArticleIdentity.KeyOf(article), ArticleIdentity.ContentHashOf(article),
                BigramSketch.Compute(article.Title, article.BodyText), Path.GetFullPath(path), result.Format, runId);
            var (id, outcome) = await articles.UpsertAsync(connection, write, ct);
            await runs.ResolveFailuresAsync(connection, Path.GetFullPath(path), ct);
            logger.LogInformation("Ingested {SourcePath} as article {ArticleId}: {Outcome}", path, id, outcome);
            return (outcome, null, raw);
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal))
        {
            // Data the database refuses (a NUL in text, a value out of range) fails this input only.
            return (default, $"rejected by the database: {e.MessageText}", raw);
        }
        catch (Exception e) when (e is not (NpgsqlException or OperationCanceledException or OutOfMemoryException))
        {
            // A bug met by one input must not stop the batch; the input is kept for a re-run after the fix.
            logger.LogError(e, "Unexpected error storing {SourcePath}", path);
            return (default, $"internal error: {e.GetType().Name}: {e.Message}", raw);
        }
    }
}
