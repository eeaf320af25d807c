namespace NewsPortal.Web.Metrics;

/// <summary>The <c>Metrics</c> section: where metrics go. Both off by default.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// An OTLP collector to push metrics to (gRPC, e.g. <c>http://collector:4317</c>). Empty: the
    /// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is used when set; neither set, no export.
    /// </summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>Serve the Prometheus text format at <c>/metrics</c>.</summary>
    public bool Prometheus { get; set; }

    public const string PrometheusPath = "/metrics";
}
