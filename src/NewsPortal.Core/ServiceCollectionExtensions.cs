using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Core.Editors;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Stories;

namespace NewsPortal.Core;

/// <summary>Registrations both hosts share: the data sources (primary, and reads: <see cref="ReadDataSource"/>), the stores, the parsers.</summary>
public static class ServiceCollectionExtensions
{
    /// <param name="prepareStatements">
    /// Whether connections prepare the statements they run again (<see cref="NewsPortalDatabase.Create"/>):
    /// the web app's many small reads gain; ingestion's few large batch statements do not.
    /// </param>
    public static IServiceCollection AddNewsPortalCore(this IServiceCollection services, IConfiguration configuration, bool prepareStatements = true)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        // Read when first resolved, so that configuration added late by a host or a test still counts.
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var connectionString = configuration.GetConnectionString(NewsPortalDatabase.ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException($"ConnectionStrings:{NewsPortalDatabase.ConnectionStringName} is not set (environment: ConnectionStrings__{NewsPortalDatabase.ConnectionStringName}).");
            var readConnectionString = configuration.GetConnectionString(NewsPortalDatabase.ReadConnectionStringName);
            return NewsPortalDatabase.CreateReadDataSource(connectionString, readConnectionString, prepareStatements);
        });
        // The primary: every store registered here writes through it, and reads through it what it wrote.
        // The read data source owns (and disposes) it.
        services.AddSingleton(sp => sp.GetRequiredService<ReadDataSource>().Primary);
        services.AddSingleton<ArticleStore>();
        services.AddSingleton<ArticlePageStore>();
        services.AddSingleton<ArticleViewStore>();
        services.AddSingleton<SiteChangeStore>();
        services.AddSingleton<WebSubPingStore>();
        services.AddSingleton<Search.SearchStore>();
        services.AddSingleton<Search.SearchIndexer>();
        services.AddTransient<Search.SearchQueueListener>();
        services.AddSingleton<SourceStore>();
        services.AddSingleton<EditorialStore>();
        services.AddSingleton<EditorStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<IngestRunStore>();
        services.AddSingleton<WatchedInputStore>();
        services.AddSingleton<FeedSubscriptionStore>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(StorySettings.Section).Get<StorySettings>() ?? StorySettings.Default);
        services.AddSingleton<StoryAssigner>();
        services.AddSingleton<StoryStore>();
        services.AddSingleton<StoryDesk>();
        services.AddSingleton<NearDuplicateStore>();
        services.AddSingleton<EditorPasswords>();
        // One outlet table for every command (ingest, extract, watch, retry), read from configuration when first needed.
        services.AddSingleton(sp => OutletSettings.Load(sp.GetRequiredService<IConfiguration>()));
        // One time limit for every parser the process builds (ingest builds one per parsing thread).
        services.AddSingleton(sp => ParserOptionsFrom(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => ParserSelector.Create(sp.GetRequiredService<OutletDirectory>(), sp.GetRequiredService<ParserOptions>()));
        return services;
    }

    /// <summary><c>Parsing:TimeLimitSeconds</c> (environment: <c>Parsing__TimeLimitSeconds</c>), checked when the parsers are first built.</summary>
    private static ParserOptions ParserOptionsFrom(IConfiguration configuration)
    {
        var key = $"{ParserOptions.Section}:TimeLimitSeconds";
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value)) return new ParserOptions();
        if (!double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || !(seconds > 0) || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            throw new InvalidOperationException($"{key} must be a number of seconds above zero, not '{value}'.");
        return new ParserOptions { TimeLimit = TimeSpan.FromSeconds(seconds) };
    }
}
