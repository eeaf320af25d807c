using NewsPortal.Core.Search;

namespace NewsPortal.Web.Search;

/// <summary>
/// Keeps the search index current from this node: every <c>Search:IndexSeconds</c> (1 unless set)
/// it indexes what ingestion and editors queued, in batches, until the queue is empty. Several
/// nodes share the work (the indexer skips rows another holds); <c>Search:Index=false</c> leaves
/// it to the others.
/// </summary>
public sealed class SearchIndexService(SearchIndexer indexer, IConfiguration configuration, TimeProvider time, ILogger<SearchIndexService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Search:Index", true)) return;
        var every = TimeSpan.FromSeconds(Math.Max(0.05, configuration.GetValue("Search:IndexSeconds", 1.0)));
        using var timer = new PeriodicTimer(every, time);
        try
        {
            do
            {
                try
                {
                    await indexer.IndexAllAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The queue keeps what was not indexed; the next tick tries again.
                    logger.LogWarning("Search indexing failed ({Reason}); retrying in {Seconds} s", e.Message, every.TotalSeconds);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
