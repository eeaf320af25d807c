using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Images;

/// <summary>
/// Readies the proxy before the first request. <see cref="ImageSigner"/> gets its key:
/// <c>Images:SigningKey</c> when set, else the one kept in <c>site_secrets</c> (made by the first
/// node that needed it), so every node signs alike and addresses in cached pages stay good across
/// restarts. The disk cache is opened, so a cache folder that cannot be made stops the start with
/// its name rather than failing requests later.
/// </summary>
public sealed class ImageProxyStartup(ImageSigner signer, SiteSecretStore secrets, IOptions<ImageOptions> options, IServiceProvider services,
    Infrastructure.DatabaseAvailability database) : IHostedService
{
    public const string SecretName = "image-signing-key";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.SigningKey;
        if (configured.Length > 0) signer.UseKey(Encoding.UTF8.GetBytes(configured));
        // From the database: now if it answers, else when it does (pages wait behind the same gate).
        else await database.WhenReadyAsync(async ct => signer.UseKey(await secrets.GetOrCreateAsync(SecretName, RandomNumberGenerator.GetBytes(32), ct)), cancellationToken);
        services.GetRequiredService<ImageDiskCache>();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
