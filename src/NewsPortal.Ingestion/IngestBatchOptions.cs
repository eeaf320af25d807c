namespace NewsPortal.Ingestion;

/// <summary>
/// How ingestion batches its writes (configuration section <c>Ingest</c>). A batch is stored in
/// one transaction when it reaches <see cref="BatchSize"/> items, <see cref="MaxBatchMegabytes"/>
/// of text and input bytes, or has waited <see cref="MaxBatchSeconds"/> for more (slow inputs should
/// not sit unstored), and at the end of a run.
/// </summary>
public sealed class IngestBatchOptions
{
    public const string Section = "Ingest";

    public int BatchSize { get; set; } = 500;

    public int MaxBatchMegabytes { get; set; } = 32;

    public double MaxBatchSeconds { get; set; } = 2;

    /// <summary>Threads that read and parse inputs; 0 means one per processor.</summary>
    public int Parsers { get; set; }

    public int ParserCount => Parsers > 0 ? Parsers : Environment.ProcessorCount;

    /// <summary>Larger input files are refused unread (and recorded with their size, for a retry with a larger limit).</summary>
    public int MaxInputMegabytes { get; set; } = (int)(InputFiles.MaxInputBytes / (1024 * 1024));

    public long MaxInputBytes => MaxInputMegabytes * 1024L * 1024;

    public bool IsValid => BatchSize >= 1 && MaxBatchMegabytes >= 1 && MaxBatchSeconds > 0 && Parsers >= 0 && MaxInputMegabytes >= 1;
}
