using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NewsPortal.Web.Metrics;

namespace NewsPortal.Web.Images;

/// <summary>
/// Fetched originals and made thumbnails on disk, one file per key (<c>ab/abcdef….img</c>, the
/// SHA-256 of the key), written to a temporary name and moved into place so a reader never sees
/// half a file. The MIME type is not stored: only sniffed images are written, and it is sniffed
/// again on reading. Over <c>Images:CacheMegabytes</c> the oldest files go until a tenth is free.
/// Several nodes may share the folder; each counts what it writes and the sweep counts what is there.
/// The cache only saves work: a file that cannot be written (a full disk, a shard folder that is not
/// a folder) or read is passed over, the image is served from memory all the same, and the failure is
/// counted (<c>newsportal.images.cache_failures</c>) and logged at most once a minute, so a full disk
/// neither fails image requests nor floods the log.
/// </summary>
public sealed class ImageDiskCache
{
    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly string _root;
    private readonly long _limitBytes;
    private readonly ILogger<ImageDiskCache> _logger;
    private readonly PortalMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _sweeping = new(1, 1);
    private readonly Lock _warning = new();
    private DateTimeOffset _nextWarningAt = DateTimeOffset.MinValue;
    private int _notLogged;
    private long _bytes;

    public ImageDiskCache(IOptions<ImageOptions> options, IHostEnvironment environment, PortalMetrics metrics, TimeProvider time, ILogger<ImageDiskCache> logger)
    {
        var o = options.Value;
        _root = Path.GetFullPath(o.CacheDirectory.Length > 0 ? o.CacheDirectory : Path.Combine(".data", "image-cache"), environment.ContentRootPath);
        _limitBytes = (long)o.CacheMegabytes * 1024 * 1024;
        _logger = logger;
        _metrics = metrics;
        _time = time;
        try
        {
            Directory.CreateDirectory(_root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Images:CacheDirectory '{_root}' cannot be created: {e.Message}", e);
        }
        // Counted in the background: a large cache takes a moment to walk, and nothing waits on the count.
        _ = Task.Run(() => Interlocked.Add(ref _bytes, SizeOnDisk()));
    }

    public string Root => _root;

    /// <summary>The image kept under <paramref name="key"/>, or null when there is none or it cannot be read (a miss either way).</summary>
    public async Task<CachedImage?> ReadAsync(string key, CancellationToken ct)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(PathOf(key), ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Failed("read", e);
            return null;
        }
        return ImageFormat.Sniff(bytes) is { } type ? new CachedImage(bytes, type, ETagOf(bytes)) : null;
    }

    /// <summary>Keeps <paramref name="bytes"/> under <paramref name="key"/>; false, with nothing left behind, when they cannot be written.</summary>
    public async Task<bool> WriteAsync(string key, byte[] bytes, CancellationToken ct)
    {
        var path = PathOf(key);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var moved = false;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(temporary, bytes, ct);
            File.Move(temporary, path, overwrite: true);
            moved = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Failed("write", e);
            return false;
        }
        finally
        {
            // A half-written file would only take the room a full disk no longer has; a request
            // cancelled mid-write (the reader went away) leaves one too.
            if (!moved) DeleteQuietly(temporary);
        }
        if (Interlocked.Add(ref _bytes, bytes.Length) > _limitBytes) _ = Task.Run(SweepAsync, CancellationToken.None);
        return true;
    }

    /// <summary>A strong validator: these bytes are what the address gives until they are evicted.</summary>
    public static string ETagOf(byte[] bytes) => "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";

    private string PathOf(string key)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return Path.Combine(_root, name[..2], name + ".img");
    }

    private static void DeleteQuietly(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Never made (its folder could not be), or gone already.
        }
    }

    /// <summary>Counts every failure; logs the first, then at most one a minute with how many went unlogged between.</summary>
    private void Failed(string operation, Exception e)
    {
        _metrics.ImageCacheFailed(operation);
        int notLogged;
        lock (_warning)
        {
            var now = _time.GetUtcNow();
            if (now < _nextWarningAt)
            {
                _notLogged++;
                return;
            }
            _nextWarningAt = now + WarningInterval;
            notLogged = _notLogged;
            _notLogged = 0;
        }
        _logger.LogWarning("Image cache {Operation} failed in {CacheDirectory}: {Reason}; images are served without the cache meanwhile ({NotLogged} more failures since the last warning; at most one warning a minute)",
            operation, _root, e.Message, notLogged);
    }

    private long SizeOnDisk() => Files().Sum(f => f.Length);

    private IEnumerable<FileInfo> Files() =>
        new DirectoryInfo(_root).EnumerateFiles("*.img", SearchOption.AllDirectories);

    /// <summary>Deletes the oldest files until the cache is at nine tenths of its limit.</summary>
    private async Task SweepAsync()
    {
        if (!await _sweeping.WaitAsync(0)) return;
        try
        {
            var files = Files().OrderBy(f => f.LastWriteTimeUtc).ToList();
            var total = files.Sum(f => f.Length);
            var target = _limitBytes / 10 * 9;
            var removed = 0;
            foreach (var file in files)
            {
                if (total <= target) break;
                try
                {
                    file.Delete();
                    total -= file.Length;
                    removed++;
                }
                catch (IOException)
                {
                    // Another node swept it first.
                }
            }
            Interlocked.Exchange(ref _bytes, total);
            _logger.LogInformation("Image cache over {LimitMegabytes} MB: removed {Files} oldest files, {Megabytes} MB left", _limitBytes / 1048576, removed, total / 1048576);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Sweeping the image cache in {CacheDirectory} failed", _root);
        }
        finally
        {
            _sweeping.Release();
        }
    }
}
