using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Core.Storage;
using NewsPortal.Ingestion;

namespace NewsPortal.IntegrationTests;

/// <summary>The ingestion service's real registrations, pointed at a test database.</summary>
public sealed class IngestionHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="settings">More configuration (<c>Ingest:BatchSize</c>, <c>Polling:*</c>, say).</param>
    /// <param name="services">More registrations (an <see cref="IArticleBatchStep"/>, say).</param>
    /// <param name="clock">The time the service sees (default: the system's).</param>
    public IngestionHost(TestDatabase database, bool migrate = true,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, TimeProvider? clock = null)
    {
        var values = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{NewsPortalDatabase.ConnectionStringName}"] = database.ConnectionString,
            [$"{DatabaseOptions.Section}:Migrate"] = migrate ? "true" : "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration);
        if (clock is not null) collection.AddSingleton(clock);
        collection.AddIngestion(configuration);
        services?.Invoke(collection);
        _services = collection.BuildServiceProvider();
    }

    public IServiceProvider Services => _services;

    public Task<IngestCounts> IngestAsync(params string[] paths) => IngestAsync(new IngestOptions(paths, null, null, null));

    public Task<IngestCounts> IngestAsync(IngestOptions options) =>
        _services.GetRequiredService<IngestCommand>().RunAsync(options, "ingest (test)", CancellationToken.None);

    public Task<int> RunCommandLineAsync(params string[] args) => CommandLine.RunAsync(args, _services, CancellationToken.None);

    public async Task AddEditorAsync(string name, string password) =>
        await _services.GetRequiredService<UserCommand>().RunAsync(["add", name], () => password, TextWriter.Null, CancellationToken.None);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
