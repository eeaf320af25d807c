namespace NewsPortal.Ingestion.Polling;

/// <summary>The <c>Polling</c> configuration section: how feeds are fetched.</summary>
public sealed class PollingOptions
{
    public const string Section = "Polling";

    /// <summary>Sent with every request, so that publishers can see who polls them.</summary>
    public string UserAgent { get; set; } = "NewsPortal/1.0 (feed poller)";

    /// <summary>The whole fetch of one feed: connection, redirects, headers and body.</summary>
    public int RequestTimeoutSeconds { get; set; } = 60;

    public int ConnectTimeoutSeconds { get; set; } = 15;

    public int MaxRedirects { get; set; } = 5;

    /// <summary>Feeds fetched at the same time; their items are stored one input at a time.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>A larger body (after decompression) fails the poll unread; the same limit as input files.</summary>
    public long MaxBodyBytes { get; set; } = InputFiles.MaxInputBytes;

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(UserAgent)) yield return "Polling:UserAgent must not be empty";
        if (RequestTimeoutSeconds is < 1 or > 3600) yield return "Polling:RequestTimeoutSeconds must be 1-3600";
        if (ConnectTimeoutSeconds is < 1 or > 3600) yield return "Polling:ConnectTimeoutSeconds must be 1-3600";
        if (MaxRedirects is < 0 or > 20) yield return "Polling:MaxRedirects must be 0-20";
        if (Parallelism is < 1 or > 64) yield return "Polling:Parallelism must be 1-64";
        if (MaxBodyBytes < 1024) yield return "Polling:MaxBodyBytes must be at least 1024";
    }
}
