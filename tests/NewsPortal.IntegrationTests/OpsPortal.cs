using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// The web app on an empty, migrated database, with its log events captured (<see cref="Log"/>), a
/// page that throws (<see cref="FaultController"/>), a page that waits (<see cref="HoldController"/>) and settings of the test's choosing.
/// </summary>
public sealed class OpsPortal : IAsyncLifetime
{
    private TestDatabase? _database;
    private readonly List<WebApplicationFactory<Program>> _factories = [];

    public TestDatabase Database => _database ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    /// <summary>A web app of its own with <paramref name="settings"/>; its log goes to <paramref name="log"/>.</summary>
    public WebApplicationFactory<Program> Start(LogCapture log, params (string Key, string Value)[] settings)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:NewsPortal", Database.ConnectionString);
            b.UseSetting("Search:Index", "false");
            // Request lines are Information; the suite may run with a higher level.
            b.UseSetting("Serilog:MinimumLevel:Default", "Information");
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILogEventSink>(log);
                services.AddControllersWithViews().AddApplicationPart(typeof(FaultController).Assembly);
            });
        });
        _factories.Add(factory);
        return factory;
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories) await factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
