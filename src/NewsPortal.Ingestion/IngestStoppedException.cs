using NewsPortal.Core.Storage;

namespace NewsPortal.Ingestion;

/// <summary>
/// An ingest run stopped (SIGTERM, Ctrl+C) before its last input: what it had read is stored, its
/// run is recorded as interrupted, and <see cref="Counts"/> says what it stored. The same inputs
/// ingested again store the rest.
/// </summary>
public sealed class IngestStoppedException(long runId, IngestCounts counts, CancellationToken token)
    : OperationCanceledException($"ingest run {runId} stopped before its end", token)
{
    public long RunId { get; } = runId;

    public IngestCounts Counts { get; } = counts;
}
