using NewsPortal.Core.Storage;
using Npgsql;

namespace NewsPortal.Web.Infrastructure;

/// <summary><c>/readyz</c>: the database answers and its schema is current. 503 with the reason otherwise.</summary>
public static class ReadinessCheck
{
    public static async Task<IResult> HandleAsync(NpgsqlDataSource dataSource, ILoggerFactory loggers, CancellationToken ct)
    {
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
