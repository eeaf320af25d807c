using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Core;

namespace NewsPortal.Ingestion;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNewsPortalCore(configuration);
        services.AddSingleton<IngestCommand>();
        services.AddSingleton<UserCommand>();
        services.AddSingleton<ExtractCommand>();
        services.AddSingleton<WatchCommand>();
        return services;
    }
}
