using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// At most <see cref="RequestLimitOptions.MaxConcurrent"/> requests are worked on at once; the rest
/// wait their turn, oldest first, up to <see cref="RequestLimitOptions.MaxQueued"/>, and past that are
/// answered 429 with <c>Retry-After: 1</c>. On two cores a few dozen pages at once already keep the
/// processors busy; 256 at once only hold 256 pages' buffers and objects alive together (the managed
/// heap and Kestrel's pinned buffers grow with them) and answer no sooner (docs/operations.md,
/// "Reliability"). The liveness and readiness checks and the metrics never wait.
/// </summary>
public static class RequestConcurrency
{
    private const string Partition = "requests";

    public static void Configure(IServiceCollection services)
    {
        services.AddOptions<RequestLimitOptions>()
            .Validate(o => o.MaxConcurrent >= 0 && o.MaxQueued >= 0, "Requests:MaxConcurrent and Requests:MaxQueued must not be negative")
            .ValidateOnStart();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RequestLimitOptions>>((o, limits) =>
        {
            var (permits, queue) = (limits.Value.MaxConcurrent, limits.Value.MaxQueued);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                return ValueTask.CompletedTask;
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                permits == 0 || Exempt(context.Request.Path)
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : RateLimitPartition.GetConcurrencyLimiter(Partition, _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = permits,
                        QueueLimit = queue,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }));
        });
        services.AddRateLimiter(_ => { });
    }

    public static IApplicationBuilder UseRequestConcurrency(this IApplicationBuilder app) => app.UseRateLimiter();

    private static bool Exempt(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments(Metrics.MetricsOptions.PrometheusPath);
}
