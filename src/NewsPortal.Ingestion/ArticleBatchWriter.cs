using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NewsPortal.Core.Storage;
using Npgsql;

namespace NewsPortal.Ingestion;

/// <summary>
/// Stores staged items for one ingest run in batches, each in one transaction: outlets resolved
/// once per run and cached, articles upserted together, then every <see cref="IArticleBatchStep"/>,
/// then the items' earlier failures settled. Items are stored as if one after another: an identity
/// key already waiting in the batch flushes the batch first. When the database refuses a value
/// (a NUL in text, a number out of range) the batch is stored again item by item, so only the
/// item that holds it fails. The one-item case is a batch of one. A full batch is stored while the
/// next one fills (the parsers need not wait for the database); batches are stored one at a time, in
/// order. Not thread-safe: one caller per writer, which ends with <see cref="CompleteAsync"/>.
/// <para>
/// A batch of new articles is linked to its near-duplicates in a second transaction, on a second
/// connection, while the next batch is stored: on a first ingest the storing path is the bound, and
/// one connection is one PostgreSQL backend on one core (docs/performance.md). The batch's own
/// transaction records the deferred link (<see cref="NearDuplicateStore.DeferAsync"/>), so a run that
/// stops between the two commits leaves it for the next run, which links it before storing anything.
/// Links stay in batch order: one batch is linked at a time, and a batch is linked only once the
/// one before it is. A batch that updates articles is linked in its own transaction, as before: an
/// update may relink older copies, rows the next batch could be writing.
/// </para>
/// </summary>
internal sealed class ArticleBatchWriter(
    NpgsqlDataSource dataSource, ArticleStore articles, SourceStore sources, IngestRunStore runs, NearDuplicateStore nearDuplicates,
    Core.Stories.StoryAssigner stories,
    IReadOnlyList<IArticleBatchStep> batchSteps, IngestBatchOptions options, long runId, IngestionMetrics metrics, ILogger logger) : IAsyncDisposable
{
    private readonly List<(StagedItem Item, byte[]? Raw, string? Charset)> _pending = [];
    private readonly HashSet<string> _pendingKeys = [];
    private long _pendingBytes;
    private long _batchStarted;
    private readonly Dictionary<string, (long Id, string Name)> _sourceByHost = [];
    private readonly Dictionary<string, long> _sourceByName = [];
    private NpgsqlConnection? _connection;
    private Task _storing = Task.CompletedTask;
    private NpgsqlConnection? _linkConnection;
    // Links run one after another: the latest batch's link follows the earlier one's. At most two
    // batches wait to be linked, so storing may run ahead of a slow link by one batch, no more.
    private Task _linking = Task.CompletedTask;
    private Task _earlierLinking = Task.CompletedTask;
    // The identity keys of the batches waiting to be linked, with the content hash each stored: a
    // batch that would update one of those rows waits for the links first.
    private Dictionary<string, string> _linkingKeys = [], _earlierLinkingKeys = [];
    private bool _leftoversLinked;
    private bool _statisticsChecked;
    private int _read, _new, _updated, _unchanged, _failed;
    private readonly DatabaseRetry _retry = new(logger);

    public IngestCounts Counts => new(_read, _new, _updated, _unchanged, _failed);

    /// <summary>Time spent storing (sources, transactions, failure records), for the run's timing line.</summary>
    public TimeSpan StoreTime { get; private set; }

    /// <summary>Time spent linking deferred batches, on the second connection alongside storing.</summary>
    public TimeSpan LinkTime { get; private set; }

    /// <summary>Of <see cref="StoreTime"/>, the time storing waited for a link to finish.</summary>
    public TimeSpan LinkWaitTime { get; private set; }

    public int Batches { get; private set; }

    public async Task AddAsync(StagedInput input, CancellationToken ct)
    {
        var rawCounted = false;
        foreach (var item in input.Items)
        {
            _read++;
            metrics.ItemsRead();
            if (item.Write is not { } write)
            {
                await FailAsync(item.Where, item.Error!, input.Raw, input.Charset, ct);
                continue;
            }
            // The same article twice: the first must be stored before the second is compared with it.
            if (_pendingKeys.Contains(write.IdentityKey)) await FlushAsync(ct);
            if (_pending.Count == 0) _batchStarted = Stopwatch.GetTimestamp();
            _pending.Add((item, input.Raw, input.Charset));
            _pendingKeys.Add(write.IdentityKey);
            _pendingBytes += 2L * (write.Article.BodyHtml.Length + write.Article.BodyText.Length);
            if (!rawCounted) _pendingBytes += input.Raw?.Length ?? 0;
            rawCounted = true;
            if (_pending.Count >= options.BatchSize || _pendingBytes >= options.MaxBatchMegabytes * 1024L * 1024
                || Stopwatch.GetElapsedTime(_batchStarted).TotalSeconds >= options.MaxBatchSeconds)
                await FlushAsync(ct);
        }
    }

    /// <summary>Stores what is waiting and waits until everything is stored; call at the end of a run.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        await _storing;
        await _linking;
        await _frequencyWrite;
        // Not cancelled: one short transaction, and a stop had better write the run's counts than lose them.
        if (_connection is not null && stories.Frequencies is { } frequencies) await WriteFrequenciesAsync(frequencies);
    }

    private Task _frequencyWrite = Task.CompletedTask;
    private NpgsqlConnection? _frequencyConnection;

    private async Task WriteFrequenciesAsync(Core.Stories.StoryFrequencyBuffer frequencies)
    {
        await Task.Yield();
        // A failed write holds the counts again, so writing them once more counts them once.
        await _retry.RunAsync("writing story term counts", async () =>
        {
            _frequencyConnection ??= await dataSource.OpenConnectionAsync(CancellationToken.None);
            await frequencies.FlushAsync(_frequencyConnection, CancellationToken.None);
        }, async () =>
        {
            if (_frequencyConnection is not null) await _frequencyConnection.DisposeAsync();
            _frequencyConnection = null;
        }, CancellationToken.None);
    }

    // Document frequencies are written every this many batches (and at the end of the run), not with
    // each. A write upserts every term the batches since the last one met, which in 8 batches of 500
    // was nearly the whole vocabulary: written every 8 batches they were a fifth of PostgreSQL's CPU
    // on a first ingest of 100,000 items (32.7 s), every 32 batches 11.6 s (docs/performance.md).
    private const int FrequencyBatches = 32;

    // Starts storing the waiting items once the batch before them is stored.
    private async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.Count == 0) return;
        var batch = _pending.ToList();
        _pending.Clear();
        _pendingKeys.Clear();
        _pendingBytes = 0;
        await _storing;
        _storing = StoreBatchAsync(batch, ct);
    }

    private async Task StoreBatchAsync(List<(StagedItem Item, byte[]? Raw, string? Charset)> batch, CancellationToken ct)
    {
        // Off the caller's path: the caller goes on filling the next batch meanwhile.
        await Task.Yield();
        var started = Stopwatch.GetTimestamp();
        try
        {
            try
            {
                Record(batch, await StoreRetriedAsync(batch, ct));
            }
            catch (Exception e) when (batch.Count > 1 && ItemError(e) is { } reason)
            {
                logger.LogWarning("A batch of {Count} items was refused ({Reason}); storing them one by one", batch.Count, reason);
                foreach (var one in batch)
                {
                    try
                    {
                        Record([one], await StoreRetriedAsync([one], ct));
                    }
                    catch (Exception e1) when (ItemError(e1) is { } oneReason)
                    {
                        if (e1 is not PostgresException) logger.LogError(e1, "Unexpected error storing {SourcePath}", one.Item.Where);
                        await FailAsync(one.Item.Where, $"{one.Item.Write!.InputFormat}: {oneReason}", one.Raw, one.Charset, ct);
                    }
                }
            }
            catch (Exception e) when (ItemError(e) is { } reason)
            {
                if (e is not PostgresException) logger.LogError(e, "Unexpected error storing {SourcePath}", batch[0].Item.Where);
                await FailAsync(batch[0].Item.Where, $"{batch[0].Item.Write!.InputFormat}: {reason}", batch[0].Raw, batch[0].Charset, ct);
            }
        }
        finally
        {
            StoreTime += Stopwatch.GetElapsedTime(started);
            metrics.BatchStored(Stopwatch.GetElapsedTime(started), batch.Count);
        }
    }

    // A connection lost while storing (a server restart, a terminated backend, too many connections)
    // costs the batch's transaction, not the run: the batch is stored again on a new connection, and
    // what an earlier attempt did commit comes back unchanged.
    private Task<IReadOnlyList<StoredArticle>> StoreRetriedAsync(List<(StagedItem Item, byte[]? Raw, string? Charset)> batch, CancellationToken ct) =>
        _retry.RunAsync($"storing a batch of {batch.Count} items", () => StoreRacedAsync(batch, ct), async () =>
        {
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
        }, ct);

    // Another writer (a second ingestion run) may insert one of the batch's new identity keys
    // between the look-up that called it new and the COPY: the batch is stored once more, when the
    // key is found and the item compares as an update or unchanged, instead of failing the item.
    private async Task<IReadOnlyList<StoredArticle>> StoreRacedAsync(List<(StagedItem Item, byte[]? Raw, string? Charset)> batch, CancellationToken ct)
    {
        try
        {
            return await StoreAsync(batch, ct);
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "articles_identity_key" })
        {
            logger.LogInformation("Another run stored one of a batch's articles meanwhile; storing the batch again ({Reason})", e.MessageText);
            return await StoreAsync(batch, ct);
        }
    }

    // Data the database refuses fails the items that hold it; a bug met by one item must not stop
    // the run (the input is kept for a re-run after the fix). Connection and server failures are
    // tried again (StoreRetriedAsync) and stop it when they last.
    private static string? ItemError(Exception e) => e switch
    {
        DeferredLinkException => null,
        PostgresException p when p.SqlState.StartsWith("22", StringComparison.Ordinal) || p.SqlState.StartsWith("23", StringComparison.Ordinal)
            => $"rejected by the database: {p.MessageText}",
        NpgsqlException or OperationCanceledException or OutOfMemoryException => null,
        _ => $"internal error: {e.GetType().Name}: {e.Message}",
    };

    private async Task<IReadOnlyList<StoredArticle>> StoreAsync(List<(StagedItem Item, byte[]? Raw, string? Charset)> batch, CancellationToken ct)
    {
        Batches++;
        var connection = _connection ??= await dataSource.OpenConnectionAsync(ct);
        if (!_leftoversLinked)
        {
            // Before this run's first batch: its articles must find those as linked copies too.
            int linked;
            try
            {
                linked = await nearDuplicates.LinkLeftPendingAsync(connection, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException && !TransientDatabaseError.Is(e))
            {
                throw new DeferredLinkException($"linking the articles an earlier run left unlinked failed: {e.Message}", e);
            }
            if (linked > 0) logger.LogWarning("Linked {Count} articles an earlier run stored but did not get to link", linked);
            // Articles stored before stories existed; after an upgrade, once.
            var assigned = await stories.AssignUnassignedAsync(connection, options.BatchSize, ct);
            if (assigned > 0) logger.LogInformation("Assigned {Count} earlier articles to stories", assigned);
            _leftoversLinked = true;
            stories.Frequencies ??= new Core.Stories.StoryFrequencyBuffer();
        }
        // Outlets are committed on their own, as before batching: an outlet without articles after a
        // crash is harmless, and the cache never points at a row a rolled-back batch took with it.
        await ResolveSourcesAsync(connection, batch.Select(b => b.Item.Write!), ct);
        var writes = batch.Select(b => b.Item.Write! with { SourceId = SourceIdOf(b.Item.Write!.Article) }).ToList();
        // The upsert must not write a row the link being run is about to write (a cycle of lock waits).
        // An item arriving again unchanged (an archiver's recapture) writes nothing and need not wait.
        if (writes.Any(w => WouldUpdate(_linkingKeys, w) || WouldUpdate(_earlierLinkingKeys, w))) await LinkedAsync();

        await using var tx = await connection.BeginTransactionAsync(ct);
        var (stored, links) = await articles.UpsertUnlinkedAsync(connection, tx, writes, ct);
        var changed = stored.Where(s => s.Outcome != UpsertOutcome.Unchanged).ToList();
        // Per-batch steps run here: after the upsert, in its transaction.
        foreach (var step in batchSteps) await step.AfterUpsertAsync(connection, tx, changed, ct);
        await runs.ResolveFailuresAsync(connection, tx, [.. writes.Select(w => w.InputPath)], ct);
        await IngestRunStore.HeartbeatAsync(connection, tx, runId, ct);
        long? deferred = null;
        if (links.UpdatedIds.Count > 0 && !_linking.IsCompleted)
        {
            // The link being run may write rows this batch now holds (story assignment moves a story's
            // other accounts and marks which one lists it), so waiting for it here could wait on
            // ourselves: give the rows back, let the link finish, and store the batch again.
            await tx.RollbackAsync(ct);
            await LinkedAsync();
            return await StoreAsync(batch, ct);
        }
        if (links.UpdatedIds.Count > 0)
        {
            await nearDuplicates.LinkBatchAsync(connection, tx, links, ct);
        }
        else if (links.Written.Count > 0)
        {
            deferred = await NearDuplicateStore.DeferAsync(connection, tx, links, ct);
        }
        await tx.CommitAsync(ct);
        if (!_statisticsChecked && changed.Count > 0)
        {
            // Once per run, after the first batch that wrote rows: a new database's articles have no
            // statistics until autovacuum gets to them, and the next batches' story statements are
            // planned badly without (PlannerStatistics).
            _statisticsChecked = true;
            if (await PlannerStatistics.EnsureArticlesAsync(connection, ct))
                logger.LogInformation("Analyzed the articles table, which had no statistics yet");
        }
        // The batch is committed: its counts are written, or held for the next write, whatever a stop
        // says; on a connection of their own, while the next batch is stored.
        if (stories.Frequencies is { Batches: >= FrequencyBatches, Writing: false } frequencies)
        {
            await _frequencyWrite;
            _frequencyWrite = WriteFrequenciesAsync(frequencies);
        }
        if (deferred is { } pendingId)
        {
            await WaitAsync(_earlierLinking);
            (_earlierLinking, _earlierLinkingKeys) = (_linking, _linkingKeys);
            _linkingKeys = writes.ToDictionary(w => w.IdentityKey, w => w.ContentHash);
            // Not cancelled: the batch is committed, and its link is one short transaction that a
            // stop had better let finish than leave to the next run (a poller then records the feed's success).
            _linking = LinkDeferredAsync(_linking, pendingId, links, CancellationToken.None);
        }
        return stored;
    }

    private static bool WouldUpdate(Dictionary<string, string> linking, ArticleWrite write) =>
        linking.TryGetValue(write.IdentityKey, out var stored) && stored != write.ContentHash;

    // Waits until every batch waiting to be linked is linked. A failure there stops the run (its
    // batch stays recorded for the next run); it is never blamed on the batch being stored.
    private async Task LinkedAsync()
    {
        await WaitAsync(_linking);
        _linkingKeys = [];
        _earlierLinkingKeys = [];
    }

    private async Task WaitAsync(Task linking)
    {
        if (linking.IsCompleted)
        {
            await linking;
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            await linking;
        }
        finally
        {
            LinkWaitTime += Stopwatch.GetElapsedTime(started);
        }
    }

    private async Task LinkDeferredAsync(Task earlier, long pendingId, BatchLinks links, CancellationToken ct)
    {
        // Off the storing path: the writer goes on with the next batch meanwhile. A failed earlier
        // link fails this one too, with its exception: the run stops on the first.
        await Task.Yield();
        await earlier;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _retry.RunAsync("linking a stored batch", async () =>
            {
                var connection = _linkConnection ??= await dataSource.OpenConnectionAsync(ct);
                await nearDuplicates.LinkDeferredAsync(connection, pendingId, links, ct);
            }, async () =>
            {
                if (_linkConnection is not null) await _linkConnection.DisposeAsync();
                _linkConnection = null;
            }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DeferredLinkException($"linking stored articles to their near-duplicates failed: {e.Message}", e);
        }
        finally
        {
            LinkTime += Stopwatch.GetElapsedTime(started);
        }
    }

    private void Record(List<(StagedItem Item, byte[]? Raw, string? Charset)> batch, IReadOnlyList<StoredArticle> stored)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var (id, outcome) = stored[i];
            switch (outcome)
            {
                case UpsertOutcome.New: _new++; break;
                case UpsertOutcome.Updated: _updated++; break;
                default: _unchanged++; break;
            }
            metrics.ItemStored(outcome);
            logger.LogInformation("Ingested {SourcePath} as article {ArticleId}: {Outcome}", batch[i].Item.Where, id, outcome);
        }
    }

    private async Task FailAsync(string where, string reason, byte[]? raw, string? charset, CancellationToken ct)
    {
        // Items failing in a batch being stored and items failing to parse are counted from two threads.
        Interlocked.Increment(ref _failed);
        metrics.ItemsFailed();
        // An empty input holds nothing a retry could parse; one refused unread keeps its size, and a
        // retry reads its file again.
        var retriable = raw is not { Length: 0 };
        if (!retriable) reason += " (not retriable: the input holds nothing)";
        long? size = raw is null && File.Exists(where) ? new FileInfo(where).Length : null;
        logger.LogError("Failed to ingest {SourcePath}: {Reason}", where, reason);
        await _retry.RunAsync("recording a failed input", () => runs.RecordFailureAsync(runId, where, reason, raw ?? [], charset, ct, retriable, size), null, ct);
    }

    private static (string Name, string? Host)? OutletOf(Core.Articles.ParsedArticle a) =>
        a.OutletName is not null || a.OutletHost is not null ? (a.OutletName ?? a.OutletHost!, a.OutletHost) : null;

    private long? SourceIdOf(Core.Articles.ParsedArticle article) => OutletOf(article) switch
    {
        null => null,
        ({ } name, null) => _sourceByName[name],
        (_, { } host) => _sourceByHost[host].Id,
    };

    /// <summary>Creates or looks up the outlets the cache does not hold, or whose host now comes with another name.</summary>
    private async Task ResolveSourcesAsync(NpgsqlConnection connection, IEnumerable<ArticleWrite> writes, CancellationToken ct)
    {
        var lastNameOfHost = new Dictionary<string, string>();
        var names = new HashSet<string>();
        foreach (var outlet in writes.Select(w => OutletOf(w.Article)))
        {
            if (outlet is not ({ } name, var host)) continue;
            if (host is not null) lastNameOfHost[host] = name;
            else names.Add(name);
        }
        var missing = lastNameOfHost.Where(h => !_sourceByHost.TryGetValue(h.Key, out var cached) || cached.Name != h.Value)
            .Select(h => (Name: h.Value, Host: (string?)h.Key))
            .Concat(names.Where(n => !_sourceByName.ContainsKey(n)).Select(n => (Name: n, Host: (string?)null)))
            .ToList();
        if (missing.Count == 0) return;
        foreach (var (outlet, id) in await sources.GetOrCreateAsync(connection, missing, ct))
        {
            if (outlet.Host is { } host) _sourceByHost[host] = (id, outlet.Name);
            else _sourceByName[outlet.Name] = id;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pending in new[] { _storing, _linking, _earlierLinking, _frequencyWrite })
        {
            try
            {
                await pending;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Already reported by CompleteAsync, or the run is ending on another error: that one counts.
            }
        }
        // Disposing twice (a run that stops on an error disposes early) closes nothing twice.
        if (_connection is not null) await _connection.DisposeAsync();
        if (_linkConnection is not null) await _linkConnection.DisposeAsync();
        if (_frequencyConnection is not null) await _frequencyConnection.DisposeAsync();
        (_connection, _linkConnection, _frequencyConnection) = (null, null, null);
    }
}

/// <summary>A deferred link failed: the run stops; the batch's articles are stored and the next run links them.</summary>
internal sealed class DeferredLinkException(string message, Exception inner) : Exception(message, inner);
