using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Metrics;

namespace NewsPortal.Web.Delivery;

/// <summary>
/// Reader pages and feeds kept whole in this node's output cache, keyed by the site's change stamp:
/// a request with the stamp unchanged gets the stored bytes (and a conditional request a 304)
/// without a query. Responses carry the stamp as their ETag and its time as Last-Modified: both
/// change exactly when the data the response was built from may have. Signed-in editors, non-200
/// answers and responses that set a cookie are never stored (the framework's default rules, which
/// run first).
/// </summary>
public abstract class PageCachePolicy(ChangeStamp stamp, IConfiguration configuration, PortalMetrics metrics, TimeSpan browserMaxAge) : IOutputCachePolicy
{
    public const string Tag = "pages";

    // Delivery:PageCache=false builds every page afresh (to measure the pages themselves, or to rule the cache out).
    private readonly bool _enabled = configuration.GetValue("Delivery:PageCache", true);
    private readonly string _cacheControl = CacheControlFor(browserMaxAge);

    /// <summary>What a kept response says of reuse by browsers and shared caches.</summary>
    protected static string CacheControlFor(TimeSpan browserMaxAge) => $"public, max-age={(int)browserMaxAge.TotalSeconds}";

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        if (!_enabled) context.AllowCacheLookup = context.AllowCacheStorage = false;
        if (!context.AllowCacheLookup && !context.AllowCacheStorage) return;
        if (await stamp.CurrentAsync(ct) is not { } current)
        {
            context.AllowCacheLookup = context.AllowCacheStorage = false;
            return;
        }
        context.CacheVaryByRules.VaryByValues["stamp"] = current.Stamp.ToString(CultureInfo.InvariantCulture);
        context.Tags.Add(Tag);
        // Validators are set now: the cache copies the headers when the body's first bytes reach it,
        // before the server's own on-starting callbacks run. Taken off again when the response turns
        // out not to be what the cache keeps (not a 200 or its 304, or setting a cookie).
        var response = context.HttpContext.Response;
        response.Headers.ETag = $"\"{current.Stamp.ToString(CultureInfo.InvariantCulture)}\"";
        response.Headers.LastModified = HeaderUtilities.FormatDate(current.ChangedAt);
        response.Headers.CacheControl = _cacheControl;
        response.OnStarting(() =>
        {
            var kept = response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified;
            if (!kept || response.Headers.SetCookie.Count > 0)
            {
                response.Headers.Remove(HeaderNames.ETag);
                response.Headers.Remove(HeaderNames.LastModified);
                response.Headers.CacheControl = "no-cache";
            }
            else if (response.StatusCode == StatusCodes.Status200OK) Answered(context.HttpContext, current);
            return Task.CompletedTask;
        });
    }

    /// <summary>A response this policy keeps answered 200 at <paramref name="change"/>.</summary>
    protected virtual void Answered(HttpContext context, SiteChange change)
    {
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct)
    {
        metrics.PageCacheHit();
        return ValueTask.CompletedTask;
    }

    // Called for a response built afresh; a request the cache was not asked about (an editor's) is no miss.
    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        if (context.AllowCacheLookup) metrics.PageCacheMiss();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Pages: browsers and shared caches reuse them 30 s without asking.</summary>
public sealed class PagePolicy(ChangeStamp stamp, IConfiguration configuration, PortalMetrics metrics) : PageCachePolicy(stamp, configuration, metrics, TimeSpan.FromSeconds(30));

/// <summary>
/// Feeds and the sitemap: reused 5 minutes (feed readers poll less often than that anyway); each
/// address that answers 200 is told to <see cref="FeedFront"/>, which answers the next polls of it
/// ahead of the pipeline.
/// </summary>
public sealed class FeedPolicy(ChangeStamp stamp, IConfiguration configuration, PortalMetrics metrics, FeedFront front)
    : PageCachePolicy(stamp, configuration, metrics, BrowserMaxAge)
{
    private static readonly TimeSpan BrowserMaxAge = TimeSpan.FromMinutes(5);

    /// <summary>What feeds' answers say of reuse.</summary>
    public static readonly string CacheControl = CacheControlFor(BrowserMaxAge);

    protected override void Answered(HttpContext context, SiteChange change) => front.Remember(context, change);
}
