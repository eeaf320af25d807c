using Microsoft.Extensions.Options;
using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Images;

/// <summary>The image proxy's registrations; its controller is found with the others.</summary>
public static class ImageProxyExtensions
{
    public static IServiceCollection AddImageProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImageOptions>().Bind(configuration.GetSection(ImageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ImageOptions>, ImageOptionsValidator>();
        services.AddSingleton<SiteSecretStore>();
        services.AddSingleton<ImageSigner>();
        services.AddHostedService<ImageProxyStartup>();
        services.AddSingleton<ImageFetcher>();
        services.AddSingleton<ImageDiskCache>();
        services.AddSingleton<Thumbnailer>();
        services.AddSingleton<ImageService>();
        services.AddSingleton<BodyImages>();
        return services;
    }

    /// <summary>Names every setting out of range (<see cref="ImageOptions.Problems"/>).</summary>
    private sealed class ImageOptionsValidator : IValidateOptions<ImageOptions>
    {
        public ValidateOptionsResult Validate(string? name, ImageOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
