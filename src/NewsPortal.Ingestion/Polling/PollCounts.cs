using NewsPortal.Core.Storage;

namespace NewsPortal.Ingestion.Polling;

/// <summary>What one pass over the due feeds did.</summary>
public sealed record PollCounts(int Polled, int NotModified, int Changed, int Failed, IngestCounts Items)
{
    public override string ToString() =>
        $"polled {Polled} feed(s): not modified {NotModified}, changed {Changed}, failed {Failed}; items: {Items}";
}
