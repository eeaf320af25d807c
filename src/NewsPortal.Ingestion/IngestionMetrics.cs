using System.Diagnostics.Metrics;
using NewsPortal.Core.Storage;

namespace NewsPortal.Ingestion;

/// <summary>
/// The ingestion service's meter, <c>NewsPortal.Ingestion</c>: items through the store, batches
/// and their time, feed polls. Exported by OTLP when configured (Program.cs); a singleton, so one
/// process's counts add up across its commands and passes.
/// </summary>
public sealed class IngestionMetrics
{
    public const string MeterName = "NewsPortal.Ingestion";

    private readonly Counter<long> _itemsRead;
    private readonly Counter<long> _itemsStored;
    private readonly Counter<long> _itemsFailed;
    private readonly Histogram<double> _batchDuration;
    private readonly Histogram<long> _batchSize;
    private readonly Counter<long> _polls;

    public IngestionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _itemsRead = meter.CreateCounter<long>("newsportal.ingest.items.read", "{item}",
            "Items read from inputs (files, feed items, retried failures), before storing.");
        _itemsStored = meter.CreateCounter<long>("newsportal.ingest.items.stored", "{item}",
            "Items stored, by result: new, updated, unchanged.");
        _itemsFailed = meter.CreateCounter<long>("newsportal.ingest.items.failed", "{item}",
            "Items that could not be parsed or stored (each kept in failed_inputs).");
        _batchDuration = meter.CreateHistogram<double>("newsportal.ingest.batch.duration", "s",
            "Time to store one batch (one transaction), linking included.");
        _batchSize = meter.CreateHistogram<long>("newsportal.ingest.batch.size", "{item}",
            "Items in one stored batch.");
        _polls = meter.CreateCounter<long>("newsportal.poll.results", "{poll}",
            "Feed polls, by result: not_modified (304 or the same body), changed, failed.");
    }

    public void ItemsRead(int count = 1) => _itemsRead.Add(count);

    public void ItemStored(UpsertOutcome outcome) => _itemsStored.Add(1, new KeyValuePair<string, object?>("result", ResultOf(outcome)));

    public void ItemsFailed(int count = 1) => _itemsFailed.Add(count);

    public void BatchStored(TimeSpan elapsed, int items)
    {
        _batchDuration.Record(elapsed.TotalSeconds);
        _batchSize.Record(items);
    }

    public void FeedPolled(PollResult result) => _polls.Add(1, new KeyValuePair<string, object?>("result", result switch
    {
        PollResult.NotModified => "not_modified",
        PollResult.Changed => "changed",
        _ => "failed",
    }));

    public enum PollResult { NotModified, Changed, Failed }

    private static string ResultOf(UpsertOutcome outcome) => outcome switch
    {
        UpsertOutcome.New => "new",
        UpsertOutcome.Updated => "updated",
        _ => "unchanged",
    };
}
