using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace NewsPortal.Ingestion;

/// <summary>
/// OTLP export of the service's metrics (<see cref="IngestionMetrics"/>, Npgsql's meter, the
/// runtime), on when a collector is named: <c>Metrics:OtlpEndpoint</c>, else the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. Off by default.
/// </summary>
public static class MetricsExport
{
    public static bool AddIngestionMetricsExport(this IServiceCollection services, IConfiguration configuration)
    {
        var setting = configuration["Metrics:OtlpEndpoint"];
        var endpoint = string.IsNullOrWhiteSpace(setting) ? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] : setting;
        if (string.IsNullOrWhiteSpace(endpoint)) return false;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            throw new UsageException($"Metrics:OtlpEndpoint / OTEL_EXPORTER_OTLP_ENDPOINT is not an absolute URL: '{endpoint}'");
        // The standard variable is left to the exporter, which reads it (and OTEL_EXPORTER_OTLP_PROTOCOL,
        // adding /v1/metrics for http/protobuf) itself; the setting is taken as the whole address.
        var explicitEndpoint = string.IsNullOrWhiteSpace(setting) ? null : uri;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] ?? "newsportal-ingestion"))
            .WithMetrics(metrics => metrics
                .AddMeter(IngestionMetrics.MeterName, "Npgsql", "System.Net.Http")
                .AddRuntimeInstrumentation()
                .AddOtlpExporter(o =>
                {
                    if (explicitEndpoint is not null) o.Endpoint = explicitEndpoint;
                }));
        return true;
    }

    /// <summary>
    /// Commands run on the host's services without starting the host, so the meter provider that a
    /// started host would make is made here; disposing the host flushes the last numbers.
    /// </summary>
    public static void StartMetricsExport(this IServiceProvider services) => services.GetService<MeterProvider>();
}
