using NetVips;

namespace NewsPortal.Web.Images;

/// <summary>
/// Makes list thumbnails with libvips (NetVips): JPEG for opaque images, WebP where there is
/// transparency, never wider than asked and never enlarged. libvips was measured 3-4 times faster
/// than ImageSharp 2.1 on JPEG photos with both cores busy (docs/performance.md, "Images"). Only
/// libvips' fuzzed loaders are allowed, and images of more than <see cref="MaxPixels"/> are refused
/// before their pixels are decoded (a 10 MB PNG can unpack to gigabytes).
/// </summary>
public sealed class Thumbnailer
{
    public const long MaxPixels = 50_000_000;

    // Thumbnails are CPU work: no more at once than there are cores, so pages keep being served.
    private readonly SemaphoreSlim _slots = new(Environment.ProcessorCount, Environment.ProcessorCount);

    static Thumbnailer()
    {
        NetVips.NetVips.BlockUntrusted = true;
        // libvips' operation cache keeps recent results for reuse; every thumbnail here is made once.
        Cache.Max = 0;
    }

    /// <summary>The thumbnail's bytes, or null with a reason when <paramref name="original"/> cannot be decoded.</summary>
    public async Task<(byte[]? Bytes, string? Problem)> MakeAsync(byte[] original, int width, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            return await Task.Run(() => Make(original, width), ct);
        }
        finally
        {
            _slots.Release();
        }
    }

    private static (byte[]?, string?) Make(byte[] original, int width)
    {
        try
        {
            using (var header = Image.NewFromBuffer(original, access: Enums.Access.Sequential))
            {
                if ((long)header.Width * header.Height > MaxPixels)
                    return (null, $"{header.Width}×{header.Height} pixels is more than {MaxPixels / 1_000_000} megapixels");
            }
            using var thumbnail = Image.ThumbnailBuffer(original, width, height: 10 * width, size: Enums.Size.Down, failOn: Enums.FailOn.Error);
            return thumbnail.HasAlpha()
                ? (thumbnail.WebpsaveBuffer(q: 80, keep: Enums.ForeignKeep.None), null)
                : (thumbnail.JpegsaveBuffer(q: 80, keep: Enums.ForeignKeep.None, interlace: true), null);
        }
        catch (VipsException e)
        {
            return (null, "cannot be decoded: " + e.Message.Split('\n', 2)[0]);
        }
    }
}
