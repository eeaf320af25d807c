using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// How long a stopping web node (SIGTERM: docker stop, systemd) waits for the requests in flight
/// (<c>Shutdown</c> section). Kestrel stops accepting connections at once; requests already being
/// answered get this long to finish, then their connections are cut. The background services stop
/// after that, the page-view counter writing what it counted.
/// </summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>Seconds for the whole stop; .NET's own default (<see cref="HostOptions.ShutdownTimeout"/>) is 30 as well.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    public static void Configure(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(Section))
            .Validate(o => o.TimeoutSeconds is >= 0 and <= 3600, "Shutdown:TimeoutSeconds must be from 0 to 3600")
            .ValidateOnStart();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.Value.TimeoutSeconds));
    }
}
