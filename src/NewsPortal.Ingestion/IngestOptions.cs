namespace NewsPortal.Ingestion;

/// <summary>The arguments of <c>ingest</c>: input paths, and what to assume when an input does not say.</summary>
public sealed record IngestOptions(IReadOnlyList<string> Paths, string? Url, string? OutletName, string? OutletHost)
{
    /// <summary>Set by <c>--retry-failed</c>: re-run the stored failures instead of reading paths.</summary>
    public bool RetryFailed { get; init; }

    public static IngestOptions Parse(IReadOnlyList<string> args)
    {
        var paths = new List<string>();
        string? url = null, outlet = null, host = null;
        var retry = false;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--url": url = Value(); break;
                case "--outlet": outlet = Value(); break;
                case "--outlet-host": host = Value(); break;
                case "--retry-failed": retry = true; break;
                case var a when a.StartsWith("--", StringComparison.Ordinal): throw new UsageException($"unknown option {a}");
                default: paths.Add(args[i]); break;
            }
        }
        if (retry)
        {
            if (paths.Count > 0 || url is not null) throw new UsageException("--retry-failed takes no paths: it re-runs the stored failures");
            return new IngestOptions(paths, null, null, null) { RetryFailed = true };
        }
        if (paths.Count == 0) throw new UsageException("ingest needs at least one file or folder");
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _)) throw new UsageException($"--url is not an absolute URL: {url}");
        return new IngestOptions(paths, url, outlet, host);
    }
}
