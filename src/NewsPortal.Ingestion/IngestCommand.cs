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
        var tally = new Tally();
        foreach (var path in files)
        {
            ct.ThrowIfCancellationRequested();
            var (result, raw) = ReadAndParse(path, options);
            await IngestParsedAsync(Path.GetFullPath(path), result, raw, null, runId, tally, ct);
        }
        return await FinishAsync(runId, tally, ct);
    }

    /// <summary>
    /// <c>ingest --retry-failed</c>: every unresolved failure whose bytes were kept is parsed again from
    /// those bytes (after a parser fix, say). What now succeeds is stored and marked resolved.
    /// </summary>
    public async Task<IngestCounts> RetryFailedAsync(string commandLine, CancellationToken ct)
    {
        var runId = await runs.StartAsync(commandLine, ct);
        var tally = new Tally();
        foreach (var failure in await runs.UnresolvedAsync(ct))
        {
            ct.ThrowIfCancellationRequested();
            // FILE#N names item N of a multi-item input; the whole file's bytes were kept.
            var hash = failure.Path.LastIndexOf('#');
            var item = hash > 0 && int.TryParse(failure.Path[(hash + 1)..], out var n) ? n : (int?)null;
            var path = item is null ? failure.Path : failure.Path[..hash];
            var origin = File.Exists(path + InputFiles.SidecarSuffix)
                ? InputFiles.OriginOf(path, new IngestOptions([path], null, null, null))
                : new InputOrigin(path);
            await IngestParsedAsync(path, parsers.Parse(failure.Raw, origin), failure.Raw, item, runId, tally, ct);
        }
        return await FinishAsync(runId, tally, ct);
    }

    private sealed class Tally
    {
        public int Read, New, Updated, Unchanged, Failed;
    }

    private async Task<IngestCounts> FinishAsync(long runId, Tally t, CancellationToken ct)
    {
        var counts = new IngestCounts(t.Read, t.New, t.Updated, t.Unchanged, t.Failed);
        await runs.FinishAsync(runId, counts, ct);
        return counts;
    }

    /// <summary>Stores the items of one parsed input (only item <paramref name="onlyItem"/> when given), recording each failure.</summary>
    private async Task IngestParsedAsync(string fullPath, ParseResult result, byte[]? raw, int? onlyItem, long runId, Tally tally, CancellationToken ct)
    {
        async Task FailAsync(string where, string reason)
        {
            tally.Failed++;
            logger.LogError("Failed to ingest {SourcePath}: {Reason}", where, reason);
            await runs.RecordFailureAsync(runId, where, reason, raw ?? [], ct);
        }

        if (!result.Succeeded)
        {
            tally.Read++;
            await FailAsync(onlyItem is { } n ? $"{fullPath}#{n}" : fullPath, $"{result.Format}: {result.Error}");
            return;
        }
        for (var i = 0; i < result.Items.Count; i++)
        {
            if (onlyItem is { } only && only != i + 1) continue;
            tally.Read++;
            // Items of a multi-item input (a feed file) are told apart by their position.
            var where = result.Items.Count == 1 && onlyItem is null ? fullPath : $"{fullPath}#{i + 1}";
            var item = result.Items[i];
            var (outcome, error) = item.Article is { } article
                ? await StoreAsync(where, article, result.Format, runId, ct)
                : (default, item.Error);
            if (error is not null)
            {
                await FailAsync(where, $"{result.Format}: {error}");
                continue;
            }
            switch (outcome)
            {
                case UpsertOutcome.New: tally.New++; break;
                case UpsertOutcome.Updated: tally.Updated++; break;
                default: tally.Unchanged++; break;
            }
        }
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
