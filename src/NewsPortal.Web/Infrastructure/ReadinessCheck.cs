using NewsPortal.Core.Storage;
using Npgsql;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// <c>/readyz</c>: the database answers and its schema is current, and the node is not stopping.
/// 503 with the reason otherwise.
/// </summary>
public static class ReadinessCheck
{
    public static async Task<IResult> HandleAsync(NpgsqlDataSource dataSource, IHostApplicationLifetime lifetime, ILoggerFactory loggers, CancellationToken ct)
    {
        // Once a stop has begun, a load balancer that still asks is told to send no more (Kestrel stops
        // listening moments later; this answers what reaches the node in between).
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            return Results.Text("shutting down", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        try
        {
            var pending = await new MigrationRunner(dataSource).PendingAsync(ct);
            return pending.Count == 0
                ? Results.Text("ready", "text/plain")
                : Results.Text($"schema out of date: {pending.Count} migration(s) pending", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (NpgsqlException e)
        {
            loggers.CreateLogger("NewsPortal.Readiness").LogWarning("Database not reachable: {Message}", e.Message);
            return Results.Text("database not reachable", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
