using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Metrics;

namespace NewsPortal.Web.Delivery;

/// <summary>
/// Feeds answered ahead of the whole pipeline while the site has not changed: a poll with a
/// validator gets its 304 here, and a poll without one gets the feed's bytes, kept here already
/// compressed. Feed readers poll every few minutes, and through request logging, status-code pages,
/// compression, routing, authentication and the output cache a 304 was served at half the rate of a
/// bare plaintext answer and a whole cached feed at a sixth of it, most of that compressing the same
/// 100 KB again for every poll (docs/performance.md, "Delivery targets").
/// <para>
/// Only an address that answered 200 at the current change stamp is answered here (the page cache's
/// feed policy reports each one, <see cref="Remember"/>), so an address that would answer 404, a
/// redirect or a refusal goes the whole way as before; so does any request with a cookie (a
/// signed-in editor's). The next poll of a remembered address without a matching validator goes
/// through the pipeline once more, uncompressed, and what it answered is kept: the headers the
/// pipeline set (security headers included) and the body plain, gzip and Brotli, each compressed
/// once per change at a better level than per-request compression affords. Kept bodies are dropped
/// when the stamp moves; at most <c>Delivery:FeedFrontMegabytes</c> (64) are kept, past that an
/// address goes the whole way. These requests get no per-request log line.
/// </para>
/// </summary>
public sealed class FeedFront(ChangeStamp stamp, IConfiguration configuration, PortalMetrics metrics)
{
    /// <summary>At most this many addresses are remembered per stamp; past it, requests go the whole way.</summary>
    public const int MaxAddresses = 10_000;

    // Kestrel's own answer headers, and the ones set here per request, are not replayed from a kept answer.
    private static readonly HashSet<string> NotReplayed = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.Server, HeaderNames.Age, HeaderNames.ContentLength, HeaderNames.ContentEncoding,
        HeaderNames.ETag, HeaderNames.Vary, HeaderNames.TransferEncoding, HeaderNames.Connection, HeaderNames.SetCookie,
    };

    private readonly long _budget = Math.Max(0, configuration.GetValue("Delivery:FeedFrontMegabytes", 64L)) * 1024 * 1024;
    private readonly ConcurrentDictionary<string, Address> _answered = new(StringComparer.Ordinal);
    private long _stampOfAnswered = long.MinValue;
    private long _keptBytes;

    /// <summary>The feed at this request's address answered 200 at <paramref name="change"/>.</summary>
    public void Remember(HttpContext context, SiteChange change)
    {
        var stampOfAnswered = Interlocked.Read(ref _stampOfAnswered);
        if (stampOfAnswered != change.Stamp)
        {
            if (change.Stamp < stampOfAnswered) return; // a request of an older stamp, finishing late
            _answered.Clear();
            Interlocked.Exchange(ref _keptBytes, 0);
            Interlocked.Exchange(ref _stampOfAnswered, change.Stamp);
        }
        if (_answered.Count < MaxAddresses) _answered.TryAdd(KeyOf(context.Request), new Address(change.Stamp));
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var get = HttpMethods.IsGet(request.Method);
        if (!(get || HttpMethods.IsHead(request.Method))
            || request.Headers.ContainsKey(HeaderNames.Cookie)
            || _answered.IsEmpty || !_answered.TryGetValue(KeyOf(request), out var address)
            || await stamp.CurrentAsync(context.RequestAborted) is not { } current
            || current.Stamp != address.Stamp || current.Stamp != Interlocked.Read(ref _stampOfAnswered))
        {
            await next(context);
            return;
        }
        var strongTag = $"\"{current.Stamp.ToString(CultureInfo.InvariantCulture)}\"";
        if (NotModified(request, strongTag, current.ChangedAt) is { } matched)
        {
            var response = context.Response;
            response.StatusCode = StatusCodes.Status304NotModified;
            response.Headers.ETag = matched;
            response.Headers.LastModified = HeaderUtilities.FormatDate(current.ChangedAt);
            response.Headers.CacheControl = FeedPolicy.CacheControl;
            response.Headers.Vary = HeaderNames.AcceptEncoding;
            return;
        }
        if (address.Kept is { } kept)
        {
            metrics.PageCacheHit();
            await ServeAsync(context, kept, strongTag);
            return;
        }
        if (!get || Interlocked.CompareExchange(ref address.Capturing, 1, 0) != 0 || Interlocked.Read(ref _keptBytes) >= _budget)
        {
            await next(context);
            return;
        }
        try
        {
            await CaptureAsync(context, next, address, strongTag);
        }
        finally
        {
            Volatile.Write(ref address.Capturing, 0);
        }
    }

    /// <summary>
    /// Runs the request through the pipeline uncompressed into memory; a 200 carrying this stamp's
    /// tag is kept (with the headers it started with) and served from what was kept, anything else
    /// is passed on as the pipeline made it.
    /// </summary>
    private async Task CaptureAsync(HttpContext context, RequestDelegate next, Address address, string strongTag)
    {
        var request = context.Request;
        var response = context.Response;
        var acceptEncoding = request.Headers.AcceptEncoding;
        var originalBody = response.Body;
        var buffer = new MemoryStream();
        // The headers are taken when the answer starts, after every callback of the pipeline (security
        // headers, validators) has run: callbacks run last-registered first, and this one is registered
        // before any of the pipeline's.
        KeyValuePair<string, StringValues>[] startedWith = [];
        response.OnStarting(() =>
        {
            startedWith = response.Headers.Where(h => !NotReplayed.Contains(h.Key)).ToArray();
            return Task.CompletedTask;
        });
        request.Headers.Remove(HeaderNames.AcceptEncoding);
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = originalBody;
            request.Headers.AcceptEncoding = acceptEncoding;
        }
        var keep = response.StatusCode == StatusCodes.Status200OK
                   && response.Headers.SetCookie.Count == 0
                   && response.Headers.ContentEncoding.Count == 0
                   && response.Headers.ETag.Count == 1 && response.Headers.ETag[0] == strongTag
                   && buffer.Length <= _budget;
        if (!keep)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(originalBody, context.RequestAborted);
            return;
        }
        var plain = buffer.ToArray();
        var kept = new KeptFeed(plain, Compress(plain, gzip: true), Compress(plain, gzip: false));
        await ServeAsync(context, kept, strongTag);
        kept.Headers = startedWith;
        if (kept.Headers.Length > 0 && Interlocked.Read(ref _stampOfAnswered) == address.Stamp)
        {
            address.Kept = kept;
            Interlocked.Add(ref _keptBytes, kept.Size);
        }
    }

    private static async Task ServeAsync(HttpContext context, KeptFeed kept, string strongTag)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in kept.Headers) response.Headers[name] = value;
        var encoding = ChooseEncoding(context.Request.Headers.AcceptEncoding);
        var body = encoding switch { "br" => kept.Brotli, "gzip" => kept.Gzip, _ => kept.Plain };
        // A compressed body is another representation: its tag is weak, as the pipeline's compression makes it.
        response.Headers.ETag = encoding is null ? strongTag : "W/" + strongTag;
        if (encoding is not null) response.Headers.ContentEncoding = encoding;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static byte[] Compress(byte[] plain, bool gzip)
    {
        var output = new MemoryStream(plain.Length / 3 + 64);
        using (Stream encoder = gzip
                   ? new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)
                   : new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true))
            encoder.Write(plain);
        return output.ToArray();
    }

    /// <summary>
    /// Brotli or gzip as <c>Accept-Encoding</c> allows them (the higher quality; Brotli on a tie, as
    /// the pipeline's compression prefers it), or null for the plain body. Unknown or malformed parts
    /// are ignored; a <c>*</c> stands for both.
    /// </summary>
    public static string? ChooseEncoding(StringValues acceptEncoding)
    {
        double brotli = 0, gzip = 0, any = -1;
        bool brotliNamed = false, gzipNamed = false;
        foreach (var value in acceptEncoding)
        {
            if (!StringWithQualityHeaderValue.TryParseList((value ?? "").Split(','), out var parts)) continue;
            foreach (var part in parts)
            {
                var quality = part.Quality ?? 1.0;
                if (StringSegment.Equals(part.Value, "br", StringComparison.OrdinalIgnoreCase)) { brotli = quality; brotliNamed = true; }
                else if (StringSegment.Equals(part.Value, "gzip", StringComparison.OrdinalIgnoreCase)) { gzip = quality; gzipNamed = true; }
                else if (StringSegment.Equals(part.Value, "*", StringComparison.Ordinal)) any = quality;
            }
        }
        if (any >= 0)
        {
            if (!brotliNamed) brotli = any;
            if (!gzipNamed) gzip = any;
        }
        if (brotli <= 0 && gzip <= 0) return null;
        return brotli >= gzip ? "br" : "gzip";
    }

    private static string KeyOf(HttpRequest request) => request.Path.Value + request.QueryString.Value;

    /// <summary>
    /// The tag to answer 304 with: the one of <c>If-None-Match</c> that names the stamp (strong, or
    /// weak as a compressed answer gave it); without <c>If-None-Match</c>, the strong tag when
    /// <c>If-Modified-Since</c> is not before the change. Null when the request must get the body.
    /// </summary>
    private static string? NotModified(HttpRequest request, string strongTag, DateTimeOffset changedAt)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (!StringValues.IsNullOrEmpty(ifNoneMatch))
        {
            foreach (var value in ifNoneMatch)
                foreach (var part in (value ?? "").Split(','))
                {
                    var tag = part.Trim();
                    if (tag == strongTag || tag == "W/" + strongTag) return tag;
                }
            return null;
        }
        // Last-Modified is sent in whole seconds.
        return HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since)
               && since >= changedAt.AddTicks(-(changedAt.Ticks % TimeSpan.TicksPerSecond))
            ? strongTag
            : null;
    }

    private sealed class Address(long stamp)
    {
        public readonly long Stamp = stamp;
        public int Capturing;
        public volatile KeptFeed? Kept;
    }

    private sealed class KeptFeed(byte[] plain, byte[] gzip, byte[] brotli)
    {
        public byte[] Plain { get; } = plain;
        public byte[] Gzip { get; } = gzip;
        public byte[] Brotli { get; } = brotli;
        public KeyValuePair<string, StringValues>[] Headers { get; set; } = [];
        public long Size => Plain.Length + Gzip.Length + Brotli.Length;
    }
}
