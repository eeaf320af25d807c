using Serilog;
using Serilog.Events;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// Serilog for every log line, and Serilog's request logging for one line per request
/// (<c>HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed} ms</c>) at a level
/// that says whether someone should look (<see cref="LevelOf"/>).
/// </summary>
public static class RequestLogging
{
    private static readonly object StaticFileKey = new();

    /// <summary>
    /// Serilog from configuration (<c>Serilog</c> section) to the console, plus any
    /// <see cref="Serilog.Core.ILogEventSink"/> registered as a service (the tests' capture).
    /// The host's own logger, not the static <see cref="Log.Logger"/>: several hosts in one
    /// process (the tests) each keep theirs.
    /// </summary>
    public static WebApplicationBuilder AddNewsPortalLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            // The request line below carries a failed request's exception: the exception handler's
            // own "unhandled exception" line would say it twice.
            .MinimumLevel.Override("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogEventLevel.Fatal)
            // A taken port is said in one line by Program.cs; the host's "failed to start" with the stack is left out.
            .Filter.ByExcluding(e => e.Exception is IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException })
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}"),
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>The request log; first in the pipeline so that it sees every request's final status and time.</summary>
    public static WebApplication UseNewsPortalRequestLogging(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<Serilog.ILogger>();
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = logger;
            o.GetLevel = LevelOf;
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
        });
        return app;
    }

    /// <summary>Marks a request answered from <c>wwwroot</c> (stylesheets, scripts, icons): logged at Debug.</summary>
    public static void MarkStaticFile(HttpContext context) => context.Items[StaticFileKey] = true;

    /// <summary>
    /// Error for a thrown exception and for a 5xx; Information for the rest, 4xx included: a 404
    /// from a crawler, a 400 for a bad cursor or a 429 from the sign-in limit are the client's
    /// business, and the 4xx that deserve a look log their own Warning with the reason (413, image
    /// refusals). A 503 with <c>Retry-After</c> is the portal saying "database away, come back"
    /// (logged once as a Warning by <see cref="DatabaseAvailability"/>): Warning, so that a database
    /// restart does not fill the error log. Health probes and static files: Debug, not one line per
    /// stylesheet or per load-balancer poll; likewise a metrics scrape.
    /// </summary>
    public static LogEventLevel LevelOf(HttpContext context, double elapsedMs, Exception? exception)
    {
        if (exception is not null) return LogEventLevel.Error;
        var status = context.Response.StatusCode;
        var path = context.Request.Path;
        if (path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments(Metrics.MetricsOptions.PrometheusPath))
            return LogEventLevel.Debug;
        if (status >= 500)
            return status == StatusCodes.Status503ServiceUnavailable && context.Response.Headers.RetryAfter.Count > 0
                ? LogEventLevel.Warning
                : LogEventLevel.Error;
        return context.Items.ContainsKey(StaticFileKey) ? LogEventLevel.Debug : LogEventLevel.Information;
    }
}
