using NewsPortal.Core.Search;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Stories;
using Npgsql;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// The stores reader pages, feeds, search and the sitemap read through, registered under
/// <see cref="ReadDataSource.Key"/> (<c>[FromKeyedServices(ReadDataSource.Key)]</c>): each request
/// gets the replica's instance or the primary's as its <see cref="ReadRoute"/> says. Stores taken
/// without the key (editor pages, everything that writes) stay on the primary.
/// </summary>
public static class ReaderReads
{
    private const string StandbyKey = "standby";

    public static IServiceCollection AddReaderReads(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ReadRoute>();
        Add(services, ds => new ArticleStore(ds));
        Add(services, ds => new ArticlePageStore(ds));
        Add(services, ds => new SourceStore(ds));
        Add(services, ds => new SearchStore(ds));
        Add(services, ds => new StoryStore(ds));
        Add(services, ds => new ArticleViewStore(ds));
        services.AddHostedService<ReplicaLagCheck>();
        return services;
    }

    private static void Add<T>(IServiceCollection services, Func<NpgsqlDataSource, T> create) where T : class
    {
        services.AddKeyedSingleton(StandbyKey, (sp, _) => create(sp.GetRequiredService<ReadDataSource>().Standby));
        services.AddKeyedTransient(ReadDataSource.Key, (sp, _) =>
            sp.GetRequiredService<ReadRoute>().OnStandby ? sp.GetRequiredKeyedService<T>(StandbyKey) : sp.GetRequiredService<T>());
    }

    /// <summary>
    /// A reader's GET whose replica read met the replica gone (a pooled connection it dropped, a
    /// stop mid-request) runs once more on the primary instead of answering 503. Views run no
    /// queries, so nothing of the first attempt has been written.
    /// </summary>
    public sealed class Fallback(RequestDelegate next, ILogger<Fallback> logger)
    {
        public async Task InvokeAsync(HttpContext context, ReadRoute route)
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (route.UsedStandby && DatabaseErrors.IsUnavailable(e) && !context.Response.HasStarted
                                      && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                logger.LogWarning("{Method} {Path}: the read replica does not answer ({Reason}); read from the primary",
                    context.Request.Method, context.Request.Path, e.InnerException?.Message ?? e.Message);
                route.FallBack();
                await next(context);
            }
        }
    }
}
