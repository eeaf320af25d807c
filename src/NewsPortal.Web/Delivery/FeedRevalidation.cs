using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Delivery;

/// <summary>
/// A feed reader polling a feed that has not changed: answered 304 ahead of the whole pipeline.
/// Feed readers poll every few minutes with <c>If-None-Match</c>, and through request logging,
/// status-code pages, compression, routing, authentication and the output cache a 304 was served at
/// half the rate of a bare plaintext answer (docs/performance.md, "Page cache").
/// <para>
/// Only an address that answered 200 at the current change stamp is answered here (the page cache's
/// feed policy reports each one, <see cref="Remember"/>), so an address that would answer 404, a
/// redirect or a refusal goes the whole way as before; so does any request with a cookie (a
/// signed-in editor's). The answer carries what the cached 304 carries: the stamp as ETag, its time
/// as Last-Modified, the feeds' Cache-Control. These requests get no per-request log line.
/// </para>
/// </summary>
public sealed class FeedRevalidation(ChangeStamp stamp)
{
    /// <summary>At most this many addresses are remembered per stamp; past it, requests go the whole way.</summary>
    public const int MaxAddresses = 10_000;

    private readonly ConcurrentDictionary<string, byte> _answered = new(StringComparer.Ordinal);
    private long _stampOfAnswered = long.MinValue;

    /// <summary>The feed at this request's address answered 200 at <paramref name="change"/>.</summary>
    public void Remember(HttpContext context, SiteChange change)
    {
        var stampOfAnswered = Interlocked.Read(ref _stampOfAnswered);
        if (stampOfAnswered != change.Stamp)
        {
            if (change.Stamp < stampOfAnswered) return; // a request of an older stamp, finishing late
            _answered.Clear();
            Interlocked.Exchange(ref _stampOfAnswered, change.Stamp);
        }
        if (_answered.Count < MaxAddresses) _answered.TryAdd(KeyOf(context.Request), 0);
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || StringValues.IsNullOrEmpty(request.Headers.IfNoneMatch) || request.Headers.ContainsKey(HeaderNames.Cookie)
            || _answered.IsEmpty || !_answered.ContainsKey(KeyOf(request))
            || await stamp.CurrentAsync(context.RequestAborted) is not { } current
            || current.Stamp != Interlocked.Read(ref _stampOfAnswered)
            || Matching(request, current.Stamp) is not { } tag)
        {
            await next(context);
            return;
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status304NotModified;
        response.Headers.ETag = tag;
        response.Headers.LastModified = HeaderUtilities.FormatDate(current.ChangedAt);
        response.Headers.CacheControl = FeedPolicy.CacheControl;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
    }

    private static string KeyOf(HttpRequest request) => request.Path.Value + request.QueryString.Value;

    /// <summary>The tag of <c>If-None-Match</c> that names the stamp (strong, or weak as a compressed answer gave it), or null.</summary>
    private static string? Matching(HttpRequest request, long stampValue)
    {
        var strong = $"\"{stampValue.ToString(CultureInfo.InvariantCulture)}\"";
        foreach (var value in request.Headers.IfNoneMatch)
            foreach (var part in (value ?? "").Split(','))
            {
                var tag = part.Trim();
                if (tag == strong || tag == "W/" + strong) return tag;
            }
        return null;
    }
}
