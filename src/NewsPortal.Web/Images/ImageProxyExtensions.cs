using Microsoft.Extensions.Options;
using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Images;

/// <summary>
/// The image proxy's registrations. Its endpoint (<see cref="ImageEndpoint"/>) is put ahead of the
/// app's pipeline by a startup filter, so registering the services is all a host does.
/// </summary>
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
        services.AddTransient<IStartupFilter, ImageEndpointFirst>();
        return services;
    }

    /// <summary>
    /// /img/ is answered before anything else in the pipeline: request logging, status-code pages,
    /// compression, routing, authentication and the page cache have nothing to add to a cached image.
    /// </summary>
    private sealed class ImageEndpointFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<ImageEndpoint>();
            next(app);
        };
    }

    /// <summary>Names every setting out of range (<see cref="ImageOptions.Problems"/>).</summary>
    private sealed class ImageOptionsValidator : IValidateOptions<ImageOptions>
    {
        public ValidateOptionsResult Validate(string? name, ImageOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
