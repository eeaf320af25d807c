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
public sealed class ImageProxyStartup(ImageSigner signer, SiteSecretStore secrets, IOptions<ImageOptions> options, IServiceProvider services) : IHostedService
{
    public const string SecretName = "image-signing-key";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.SigningKey;
        signer.UseKey(configured.Length > 0
            ? Encoding.UTF8.GetBytes(configured)
            : await secrets.GetOrCreateAsync(SecretName, RandomNumberGenerator.GetBytes(32), cancellationToken));
        services.GetRequiredService<ImageDiskCache>();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
