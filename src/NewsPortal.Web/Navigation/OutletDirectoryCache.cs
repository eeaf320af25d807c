using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Navigation;

/// <summary>
/// The outlet directory, counted at most once a minute per web node: the counts take one pass over
/// the articles, and a directory a minute behind misleads no one. One count runs at a time; a
/// request that gives up does not cancel it for the others.
/// </summary>
public sealed class OutletDirectoryCache(SourceStore sources, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private Task<IReadOnlyList<OutletListing>>? _entries;
    private DateTimeOffset _countedAt;

    public Task<IReadOnlyList<OutletListing>> GetAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_entries is null || _entries.IsFaulted || _entries.IsCanceled || now - _countedAt >= Lifetime)
            {
                _entries = sources.DirectoryAsync(CancellationToken.None);
                _countedAt = now;
            }
            return _entries.WaitAsync(ct);
        }
    }
}
