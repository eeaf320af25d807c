using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using NewsPortal.Core.Storage;
using Npgsql;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// Whether the database can be used, and what the portal does when it cannot. At start the schema
/// is checked (and migrated when allowed); a database that does not answer does not stop the app:
/// it serves <c>/healthz</c>, answers every other request 503 with <c>Retry-After</c>, and checks
/// again with backoff until the database answers. A request that meets the database gone later
/// (a restart) gets the same 503, logged as one line, not a 500 with a stack trace.
/// An out-of-date schema with migration off still stops the start: that needs an operator.
/// </summary>
public sealed class DatabaseAvailability(NpgsqlDataSource dataSource, IOptions<DatabaseOptions> options, ILogger<DatabaseAvailability> logger) : BackgroundService
{
    public const int RetryAfterSeconds = 5;

    private volatile bool _ready;
    private readonly SemaphoreSlim _readying = new(1, 1);
    private readonly List<Func<CancellationToken, Task>> _whenReady = [];

    public bool IsReady => _ready;

    /// <summary>
    /// Runs <paramref name="step"/> (something read from the database that requests need, such as a
    /// signing key) now if the database is ready, else as part of becoming ready: the gate opens
    /// only after every such step has run.
    /// </summary>
    public async Task WhenReadyAsync(Func<CancellationToken, Task> step, CancellationToken ct)
    {
        await _readying.WaitAsync(ct);
        try
        {
            if (_ready) await step(ct);
            else _whenReady.Add(step);
        }
        finally
        {
            _readying.Release();
        }
    }

    /// <summary>The start's own check: true when the schema is ready; false when the database does not answer (checked again in the background).</summary>
    public async Task<bool> CheckAtStartAsync(CancellationToken ct)
    {
        try
        {
            await EnsureAsync(ct);
            return true;
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            logger.LogWarning("The database does not answer ({Reason}); serving 503 until it does, checking every few seconds", Reason(e));
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = TimeSpan.FromSeconds(1);
        while (!_ready && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, stoppingToken);
                await EnsureAsync(stoppingToken);
                logger.LogInformation("The database answers; serving again");
            }
            catch (Exception e) when (IsUnavailable(e))
            {
                logger.LogWarning("The database still does not answer ({Reason})", Reason(e));
                wait = TimeSpan.FromSeconds(Math.Min(15, wait.TotalSeconds * 2));
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // A schema that needs an operator: say so and keep answering 503 rather than serve a broken site.
                logger.LogError("The database answers but cannot be used: {Reason}", e.Message);
                wait = TimeSpan.FromSeconds(15);
            }
        }
    }

    private async Task EnsureAsync(CancellationToken ct)
    {
        await _readying.WaitAsync(ct);
        try
        {
            var applied = await NewsPortalDatabase.EnsureSchemaAsync(dataSource, options.Value.Migrate, ct);
            foreach (var name in applied) logger.LogInformation("Applied migration {Migration}", name);
            foreach (var step in _whenReady) await step(ct);
            _whenReady.Clear();
            _ready = true;
        }
        finally
        {
            _readying.Release();
        }
    }

    /// <summary>An error that means "the database is not there right now": connection refused or lost, shutting down, not yet accepting, missing database.</summary>
    public static bool IsUnavailable(Exception e) => DatabaseErrors.IsUnavailable(e);

    private static string Reason(Exception e) => e is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : e.InnerException?.Message ?? e.Message;

    /// <summary>503 with Retry-After for everything but the liveness and readiness checks and the metrics while the database is not ready.</summary>
    public sealed class Gate(RequestDelegate next, DatabaseAvailability database)
    {
        public Task InvokeAsync(HttpContext context)
        {
            var path = context.Request.Path;
            if (database.IsReady || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments(Metrics.MetricsOptions.PrometheusPath))
                return next(context);
            return UnavailableAsync(context);
        }
    }

    /// <summary>A request that met the database gone: 503 and one log line instead of a 500 and a stack trace.</summary>
    public sealed class Handler(ILogger<Handler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
        {
            if (!IsUnavailable(exception) || context.Response.HasStarted) return false;
            logger.LogWarning("{Method} {Path}: the database does not answer ({Reason}); answered 503", context.Request.Method, context.Request.Path, Reason(exception));
            await UnavailableAsync(context);
            return true;
        }
    }

    private static Task UnavailableAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync("""
            <!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>暂时无法访问</title></head>
            <body><h1>暂时无法访问</h1><p>网站的数据库正在重启或维护，请稍后再试。</p></body></html>
            """);
    }
}
