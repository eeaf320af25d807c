using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Images;

/// <summary>
/// Answers for an image address: from memory (the most recently served), else from the disk cache,
/// else fetched once (requests for the same image while it is being fetched wait for that fetch) and
/// kept — on disk when it can be written there; when it cannot (a full disk) it is served all the
/// same, and kept in memory only. A thumbnail is made from the original — itself cached — once, and kept likewise. A refusal
/// is remembered for <see cref="FailureMemory"/>, so a page of broken images does not send every
/// view to the origin, and logged once per that time with the URL and the reason.
/// </summary>
public sealed class ImageService(
    ImageFetcher fetcher, ImageDiskCache disk, Thumbnailer thumbnailer, IOptions<ImageOptions> options, Metrics.PortalMetrics metrics,
    ILogger<ImageService> logger) : IDisposable
{
    public static readonly TimeSpan FailureMemory = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.MemoryMegabytes) * 1024L * 1024 });
    private readonly long _largestInMemory = options.Value.MemoryMegabytes * 1024L * 1024 / 64;
    private readonly ConcurrentDictionary<string, Lazy<Task<ImageResult>>> _loading = new();

    /// <summary>
    /// An image served before under this signed token, from memory. Entries are made only after the
    /// token was verified, so a hit needs no signature check: the hot path of a cached thumbnail.
    /// </summary>
    public CachedImage? Served(string token, int width) =>
        _memory.TryGetValue(new ServedKey(token, width), out CachedImage? image) ? image : null;

    /// <summary>The image at <paramref name="url"/> (signed as <paramref name="token"/>), or its thumbnail <paramref name="width"/> pixels wide (0: the original).</summary>
    public async Task<ImageResult> GetAsync(string token, string url, int width)
    {
        var result = await LoadOnceAsync(url, width);
        if (result.Image is { } image && image.Bytes.Length <= _largestInMemory)
            _memory.Set(new ServedKey(token, width), image, new MemoryCacheEntryOptions { Size = image.Bytes.Length + token.Length * 2 + 200 });
        return result;
    }

    private Task<ImageResult> LoadOnceAsync(string url, int width)
    {
        var key = width > 0 ? $"w{width}\n{url}" : "o\n" + url;
        if (_memory.TryGetValue(key, out ImageResult? refused)) return Task.FromResult(refused!);
        return _loading.GetOrAdd(key, k => new Lazy<Task<ImageResult>>(() => LoadAsync(k, url, width))).Value;
    }

    private async Task<ImageResult> LoadAsync(string key, string url, int width)
    {
        try
        {
            // The fetch is not the first requester's to cancel: others may be waiting on it.
            var result = await disk.ReadAsync(key, CancellationToken.None) is { } stored
                ? ImageResult.Served(stored)
                : await MakeAsync(key, url, width);
            if (result.Image is null)
            {
                _memory.Set(key, result, new MemoryCacheEntryOptions { Size = 1024, AbsoluteExpirationRelativeToNow = FailureMemory });
                logger.LogWarning("Image {ImageUrl} (width {Width}) refused with {Status}: {Reason}", url, width, result.Status, result.Reason);
            }
            return result;
        }
        finally
        {
            _loading.TryRemove(key, out _);
        }
    }

    private async Task<ImageResult> MakeAsync(string key, string url, int width)
    {
        byte[] bytes;
        if (width == 0)
        {
            var fetched = await fetcher.FetchAsync(url, CancellationToken.None);
            metrics.ImageFetched(fetched.Status);
            if (fetched.Image is null) return fetched;
            bytes = fetched.Image.Bytes;
        }
        else
        {
            var original = await LoadOnceAsync(url, 0);
            if (original.Image is null) return original;
            var (thumbnail, problem) = await thumbnailer.MakeAsync(original.Image.Bytes, width, CancellationToken.None);
            if (thumbnail is null) return ImageResult.NotImage(problem!);
            bytes = thumbnail;
        }
        await disk.WriteAsync(key, bytes, CancellationToken.None);
        return ImageResult.Served(new CachedImage(bytes, ImageFormat.Sniff(bytes)!, ImageDiskCache.ETagOf(bytes)));
    }

    public void Dispose() => _memory.Dispose();

    private readonly record struct ServedKey(string Token, int Width);
}
