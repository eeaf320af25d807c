using System.Diagnostics.Metrics;

namespace NewsPortal.Web.Metrics;

/// <summary>
/// The web side's own meter, <c>NewsPortal</c>: what the framework's meters cannot see. Counts
/// only; times come from <c>http.server.request.duration</c> by route.
/// </summary>
public sealed class PortalMetrics
{
    public const string MeterName = "NewsPortal";

    private readonly Counter<long> _pageCacheHits;
    private readonly Counter<long> _pageCacheMisses;
    private readonly Counter<long> _imagesFetched;
    private readonly Counter<long> _imageCacheFailures;
    private readonly Counter<long> _searchQueries;
    private readonly Counter<long> _memoryTrims;
    private readonly Counter<long> _memoryTrimmed;

    public PortalMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _pageCacheHits = meter.CreateCounter<long>("newsportal.page_cache.hits", "{response}",
            "Reader pages and feeds answered from the page cache.");
        _pageCacheMisses = meter.CreateCounter<long>("newsportal.page_cache.misses", "{response}",
            "Reader pages and feeds the page cache did not hold (built, then kept if cacheable).");
        _imagesFetched = meter.CreateCounter<long>("newsportal.images.fetched", "{image}",
            "Originals fetched from their sites by the image proxy, by status (200 served, else the refusal's status).");
        _imageCacheFailures = meter.CreateCounter<long>("newsportal.images.cache_failures", "{failure}",
            "Image cache files that could not be written or read (a full disk, a folder that is not one), by operation (write, read); the image is served without the cache.");
        _searchQueries = meter.CreateCounter<long>("newsportal.search.queries", "{query}",
            "Reader searches run against the index, by result (ok, timeout).");
        _memoryTrims = meter.CreateCounter<long>("newsportal.memory.trims", "{trim}",
            "Times the node gave memory back once a burst was over (idle connection buffers dropped, heap compacted).");
        _memoryTrimmed = meter.CreateCounter<long>("newsportal.memory.trimmed", "By",
            "Resident memory those trims gave back.");
    }

    public void PageCacheHit() => _pageCacheHits.Add(1);

    public void PageCacheMiss() => _pageCacheMisses.Add(1);

    public void ImageFetched(int status) => _imagesFetched.Add(1, new KeyValuePair<string, object?>("status", status));

    public void ImageCacheFailed(string operation) => _imageCacheFailures.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void SearchQuery(string result) => _searchQueries.Add(1, new KeyValuePair<string, object?>("result", result));

    public void MemoryTrimmed(long bytes)
    {
        _memoryTrims.Add(1);
        _memoryTrimmed.Add(Math.Max(0, bytes));
    }
}
