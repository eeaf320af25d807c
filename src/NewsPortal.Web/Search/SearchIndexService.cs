using NewsPortal.Core.Search;

namespace NewsPortal.Web.Search;

/// <summary>
/// Keeps the search index current from this node: it indexes what ingestion and editors queued, in
/// batches, until the queue is empty, whenever the queue grows (the database notifies it, migration
/// 0036), at most once every <c>Search:IndexSeconds</c> (1 unless set), and every
/// <c>Search:IdleCheckSeconds</c> (60) in any case, should a notification be lost. Several nodes share
/// the work (the indexer skips rows another holds); <c>Search:Index=false</c> leaves it to the others.
/// </summary>
public sealed class SearchIndexService(
    SearchIndexer indexer, SearchQueueListener listener, IConfiguration configuration, TimeProvider time, ILogger<SearchIndexService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Search:Index", true)) return;
        var every = TimeSpan.FromSeconds(Math.Max(0.05, configuration.GetValue("Search:IndexSeconds", 1.0)));
        var idleCheck = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Search:IdleCheckSeconds", 60.0)));
        try
        {
            await using (listener)
            {
                while (true)
                {
                    var started = time.GetTimestamp();
                    try
                    {
                        await indexer.IndexAllAsync(stoppingToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // The queue keeps what was not indexed; the next pass tries again.
                        logger.LogWarning("Search indexing failed ({Reason}); retrying in {Seconds} s", e.Message, every.TotalSeconds);
                    }
                    // Passes stay at least `every` apart: while ingestion stores batch after batch, each
                    // notifies, and one pass a second takes what several brought.
                    var rest = every - time.GetElapsedTime(started);
                    if (rest > TimeSpan.Zero) await Task.Delay(rest, time, stoppingToken);
                    try
                    {
                        await listener.WaitAsync(idleCheck, stoppingToken);
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        // Whatever breaks the wait must not stop indexing: the next pass comes on a timer.
                        logger.LogWarning("Waiting for search queue changes failed ({Reason}); indexing again in 5 s", e.Message);
                        await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException || stoppingToken.IsCancellationRequested)
        {
            // Stopping: a wait or a pass cut short, however the driver reports it.
        }
    }
}
