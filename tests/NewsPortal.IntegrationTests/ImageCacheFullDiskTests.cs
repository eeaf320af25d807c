using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Web.Images;
using NewsPortal.Web.Metrics;
using Serilog.Events;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// An image cache that cannot be written, as on a full disk: images and thumbnails are still served,
/// nothing half-written is left in the folder, and the log gets one warning a minute, not one per image.
/// Without mounting a small file system, the failure is made structural: every shard folder's name is
/// taken by a regular file (no folder can be made there, so no file written), except the thumbnail's
/// shard, where the thumbnail's own file name is taken by a folder (its temporary file is written,
/// then cannot be moved into place, and must go).
/// </summary>
public sealed class ImageCacheFullDiskTests(ImageProxyFixture fixture) : IClassFixture<ImageProxyFixture>
{
    [Fact]
    public async Task Images_are_served_without_a_cache_that_cannot_be_written_with_no_temporary_files_left_and_one_warning_a_minute()
    {
        using var cache = new TempFolder();
        var (first, thumbnailFile) = BreakCache(cache.Path);
        var second = UrlOutside(cache.Path, Path.GetDirectoryName(thumbnailFile)!);
        var log = new LogCapture();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var portal = fixture.NewPortal(allowOriginPort: true, cache.Path, log, clock);
        var client = portal.Client();
        var signer = portal.Services.GetRequiredService<ImageSigner>();
        using var recorded = new MeterRecorder(portal.Services.GetRequiredService<IMeterFactory>(), PortalMetrics.MeterName);

        // Twice each: the second time from the node's memory, the cache still unwritable.
        for (var i = 0; i < 2; i++)
        {
            var original = await client.GetAsync(signer.PathFor(first));
            Assert.Equal(HttpStatusCode.OK, original.StatusCode);
            Assert.Equal(ImageProxyFixture.Jpeg, await original.Content.ReadAsByteArrayAsync());
            var thumbnail = await client.GetAsync(signer.PathFor(first, ImageSigner.ListThumbnailWidth));
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
            Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
            using var made = NetVips.Image.NewFromBuffer(await thumbnail.Content.ReadAsByteArrayAsync());
            Assert.Equal(ImageSigner.ListThumbnailWidth, made.Width);
        }

        // The original was fetched and not kept twice (for itself, then for its thumbnail); the thumbnail once.
        Assert.Equal(3, recorded.Sum("newsportal.images.cache_failures", "operation", "write"));
        Assert.Empty(Directory.EnumerateFiles(cache.Path, "*.tmp", SearchOption.AllDirectories));
        var warning = Assert.Single(Warnings(log));
        Assert.Contains(cache.Path, warning.RenderMessage());
        Assert.Equal("write", Scalar(warning, "Operation"));

        // A minute on, the next failure is logged again with the count of those that were not.
        clock.Advance(ImageDiskCache.WarningInterval + TimeSpan.FromSeconds(1));
        var later = await client.GetAsync(signer.PathFor(second));
        Assert.Equal(ImageProxyFixture.Jpeg, await later.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, Warnings(log).Count);
        Assert.True(Convert.ToInt32(Scalar(Warnings(log)[1], "NotLogged"), System.Globalization.CultureInfo.InvariantCulture) >= 2);

        Assert.Empty(Directory.EnumerateFiles(cache.Path, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    /// <summary>Serves a fresh image at the origin; fills the cache folder with shard-named files but for the thumbnail's shard.</summary>
    private (string Url, string ThumbnailFile) BreakCache(string root)
    {
        var url = ServedUrl();
        var thumbnailFile = FileOf(root, $"w{ImageSigner.ListThumbnailWidth}\n{url}");
        while (Path.GetDirectoryName(FileOf(root, "o\n" + url)) == Path.GetDirectoryName(thumbnailFile))
        {
            url = ServedUrl();
            thumbnailFile = FileOf(root, $"w{ImageSigner.ListThumbnailWidth}\n{url}");
        }
        var thumbnailShard = Path.GetDirectoryName(thumbnailFile)!;
        for (var shard = 0; shard < 256; shard++)
        {
            var name = Path.Combine(root, shard.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            if (name != thumbnailShard) File.WriteAllText(name, "not a folder");
        }
        Directory.CreateDirectory(thumbnailFile);
        return (url, thumbnailFile);
    }

    /// <summary>Another image whose original does not fall in <paramref name="shard"/> (the one shard that is a folder).</summary>
    private string UrlOutside(string root, string shard)
    {
        var url = ServedUrl();
        while (Path.GetDirectoryName(FileOf(root, "o\n" + url)) == shard) url = ServedUrl();
        return url;
    }

    private string ServedUrl()
    {
        var path = "/" + Guid.NewGuid().ToString("N") + ".jpg";
        fixture.Origin.Handle(path, ImageProxyFixture.Serve(ImageProxyFixture.Jpeg));
        return fixture.Origin.Url(path);
    }

    /// <summary>Where <see cref="ImageDiskCache"/> keeps a key (<c>o\nURL</c> for an original, <c>wN\nURL</c> for a thumbnail, as ImageService names them).</summary>
    private static string FileOf(string root, string key)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return Path.Combine(root, name[..2], name + ".img");
    }

    private static List<LogEvent> Warnings(LogCapture log) =>
        [.. log.Events.Where(e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.StartsWith("Image cache ", StringComparison.Ordinal))];

    private static object? Scalar(LogEvent e, string property) => e.Properties[property] is ScalarValue { Value: var value } ? value : null;
}
