using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsPortal.Core;
using NewsPortal.Ingestion.Polling;

namespace NewsPortal.Ingestion;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNewsPortalCore(configuration, prepareStatements: false);
        // IMeterFactory: a host has it already; a bare service collection (the tests') gets it here.
        services.AddMetrics();
        services.AddSingleton<IngestionMetrics>();
        services.AddOptions<IngestBatchOptions>().Bind(configuration.GetSection(IngestBatchOptions.Section))
            .Validate(o => o.IsValid, "Ingest: BatchSize, MaxBatchMegabytes, MaxBatchSeconds and MaxInputMegabytes must be positive, Parsers 0 or more");
        services.AddSingleton<StandardOutput>();
        services.AddSingleton<IngestCommand>();
        services.AddSingleton<UserCommand>();
        services.AddSingleton<FailuresCommand>();
        services.AddSingleton<ExtractCommand>();
        services.AddSingleton<WatchCommand>();
        services.AddOptions<PollingOptions>().Bind(configuration.GetSection(PollingOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<FeedPoller>();
        services.AddSingleton<PollCommand>();
        services.AddSingleton<FeedCommand>();
        return services;
    }
}
