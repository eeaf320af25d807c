using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace NewsPortal.Web.Delivery;

/// <summary>
/// The reader side's delivery: whole pages and feeds from the output cache (see
/// <see cref="PageCachePolicy"/>) and gzip/Brotli for text. Routes opt in with
/// <c>[OutputCache(PolicyName = PageCache.Pages)]</c> (or <see cref="Feeds"/>, <see cref="Popular"/>).
/// </summary>
public static class PageCache
{
    /// <summary>Pages: kept while the stamp stands (at most <c>Delivery:PageCacheSeconds</c>, 300), browsers 30 s.</summary>
    public const string Pages = "pages";

    /// <summary>Feeds: as pages, browsers and feed readers 5 minutes.</summary>
    public const string Feeds = "feeds";

    /// <summary>热门: counts move without the stamp moving, so kept 30 s at most.</summary>
    public const string Popular = "popular";

    private static readonly string[] CompressedTypes =
        ["text/html", "text/plain", "text/css", "text/xml", "application/xml", "application/rss+xml", "application/atom+xml",
         "application/json", "application/feed+json", "application/javascript", "text/javascript", "image/svg+xml"];

    public static IServiceCollection AddPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ChangeStamp>();
        services.AddSingleton<FeedFront>();
        services.AddTransient<IStartupFilter, FeedFrontFirst>();
        var keep = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Delivery:PageCacheSeconds", 300.0)));
        services.AddOutputCache(o =>
        {
            o.SizeLimit = Math.Max(1, configuration.GetValue("Delivery:PageCacheMegabytes", 256L)) * 1024 * 1024;
            o.AddPolicy(Pages, b => b.AddPolicy<PagePolicy>().Expire(keep));
            o.AddPolicy(Feeds, b => b.AddPolicy<FeedPolicy>().Expire(keep));
            o.AddPolicy(Popular, b => b.AddPolicy<PagePolicy>().Expire(TimeSpan.FromSeconds(30)));
        });
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = CompressedTypes;
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, ReaderCompressionProvider>();
        return services;
    }

    /// <summary>Polls of unchanged feeds are answered before anything else in the pipeline (<see cref="FeedFront"/>).</summary>
    private sealed class FeedFrontFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            var front = app.ApplicationServices.GetRequiredService<FeedFront>();
            app.Use((context, following) => front.InvokeAsync(context, following));
            next(app);
        };
    }

    /// <summary>Compression outside the cache (the cache keeps one uncompressed copy), the cache after sign-in is known.</summary>
    public static void UseCompression(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            // A compressed body is another representation: its ETag must not claim byte equality with
            // the plain one. Made weak (If-None-Match compares weakly, so revalidation still works).
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (headers.ContentEncoding.Count > 0 && headers.ETag.Count == 1 && headers.ETag[0] is { } tag && tag.StartsWith('"'))
                    headers.ETag = "W/" + tag;
                return Task.CompletedTask;
            });
            await next(context);
        });
        app.UseResponseCompression();
    }

    public static void UsePageCache(this WebApplication app)
    {
        var stamp = app.Services.GetRequiredService<ChangeStamp>();
        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        stamp.Changed += _ => store.EvictByTagAsync(PageCachePolicy.Tag, CancellationToken.None).AsTask();
        app.UseOutputCache();
    }

    /// <summary>
    /// The framework's choice, except that nothing is compressed for a signed-in editor: editor
    /// pages carry anti-forgery tokens next to text the request chose (BREACH).
    /// </summary>
    private sealed class ReaderCompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            context.User.Identity?.IsAuthenticated != true && base.ShouldCompressResponse(context);
    }
}
