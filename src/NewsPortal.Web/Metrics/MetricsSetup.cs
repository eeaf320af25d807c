using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace NewsPortal.Web.Metrics;

/// <summary>
/// OpenTelemetry metrics of the web app: ASP.NET Core (requests, Kestrel, routing, rate limits),
/// the runtime (GC, threads, exceptions), Npgsql's own meter (connections, commands) and
/// <see cref="PortalMetrics"/>; pushed by OTLP and/or served for Prometheus at <c>/metrics</c>,
/// as <see cref="MetricsOptions"/> say. Nothing is collected when neither is on.
/// </summary>
public static class MetricsSetup
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddNewsPortalMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PortalMetrics>();
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        var otlp = OtlpEndpoint(builder.Configuration, options);
        if (otlp is null && !options.Prometheus) return builder;
        // The standard variable is left to the exporter, which reads it (and OTEL_EXPORTER_OTLP_PROTOCOL,
        // adding /v1/metrics for http/protobuf) itself; the setting is taken as the whole address.
        var explicitEndpoint = options.OtlpEndpoint.Length > 0 ? otlp : null;

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "newsportal-web"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Npgsql", "System.Net.Http", PortalMetrics.MeterName);
                if (otlp is not null)
                    metrics.AddOtlpExporter(o =>
                    {
                        if (explicitEndpoint is not null) o.Endpoint = explicitEndpoint;
                    });
                if (options.Prometheus) metrics.AddPrometheusExporter();
            });
        return builder;
    }

    /// <summary><c>/metrics</c> when <see cref="MetricsOptions.Prometheus"/> is on; otherwise the path is no route (404).</summary>
    public static WebApplication MapNewsPortalMetrics(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>($"{MetricsOptions.Section}:{nameof(MetricsOptions.Prometheus)}"))
            app.MapPrometheusScrapingEndpoint(MetricsOptions.PrometheusPath);
        return app;
    }

    /// <summary>The setting, else the standard variable, else none.</summary>
    public static Uri? OtlpEndpoint(IConfiguration configuration, MetricsOptions options)
    {
        var value = options.OtlpEndpoint.Length > 0 ? options.OtlpEndpoint : configuration[OtlpEndpointVariable];
        if (string.IsNullOrWhiteSpace(value)) return null;
        return Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"Metrics:OtlpEndpoint / {OtlpEndpointVariable} is not an absolute URL: '{value}'");
    }
}
