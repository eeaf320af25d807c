using System.Globalization;

namespace NewsPortal.Web.Images;

/// <summary>
/// <c>GET|HEAD /img/{signed}[?w=N]</c>: an image this site signed, from the proxy's cache or its
/// origin. Refusals answer with their status and a one-line reason in plain text (never a page,
/// never a 500). It runs ahead of the rest of the pipeline (<see cref="ImageProxyExtensions"/>):
/// a cached thumbnail needs none of it, and through MVC and the page middleware it was served at
/// half the rate (docs/performance.md, "Images"). So these requests get no per-request log line;
/// every refusal is logged by <see cref="ImageService"/>.
/// </summary>
public sealed class ImageEndpoint(RequestDelegate next, ImageSigner signer, ImageService images)
{
    public const int MinWidth = 16;
    public const int MaxWidth = 2048;

    // Bytes at an address never change (a new image is a new address), so browsers and shared caches keep them.
    private const string Immutable = "public, max-age=31536000, immutable";
    // Kept as long as the proxy itself remembers a refusal (ImageService.FailureMemory).
    private const string Refused = "public, max-age=600";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/img", out var rest) || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            await next(context);
            return;
        }
        var response = context.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        var token = rest.HasValue ? rest.Value![1..] : "";
        if (WidthOf(request.QueryString) is not { } width)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, $"w must be a width from {MinWidth} to {MaxWidth}, not '{request.Query["w"]}'");
            return;
        }
        var image = images.Served(token, width);
        if (image is null)
        {
            if (!signer.HasKey)
            {
                // The key comes from the database, which has not answered since the start.
                response.Headers.RetryAfter = "5";
                await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, "the image proxy is waiting for the database");
                return;
            }
            if (token.Contains('/') || signer.Verify(token, width) is not { } url)
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, "not an image address this site signed");
                return;
            }
            var result = await images.GetAsync(token, url, width);
            if (result.Image is null)
            {
                await RefuseAsync(context, result.Status, result.Reason ?? "refused");
                return;
            }
            image = result.Image;
        }
        response.Headers.CacheControl = Immutable;
        response.Headers.ETag = image.ETag;
        if (request.Headers.IfNoneMatch.Contains(image.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = image.ContentType;
        response.ContentLength = image.Bytes.Length;
        if (HttpMethods.IsGet(request.Method)) await response.Body.WriteAsync(image.Bytes, context.RequestAborted);
    }

    /// <summary>The <c>w</c> parameter (0 when there is none), or null when it is not one width in range. Other parameters are ignored.</summary>
    private static int? WidthOf(QueryString query)
    {
        // Read by hand: the framework's query collection is a dictionary built per request.
        var q = query.Value.AsSpan();
        var width = 0;
        var found = false;
        while (q.Length > 1)
        {
            q = q[1..]; // '?' or '&'
            var end = q.IndexOf('&');
            var pair = end < 0 ? q : q[..end];
            if (pair.StartsWith("w="))
            {
                if (found || !int.TryParse(pair[2..], NumberStyles.None, CultureInfo.InvariantCulture, out width) || width is < MinWidth or > MaxWidth) return null;
                found = true;
            }
            q = end < 0 ? [] : q[end..];
        }
        return width;
    }

    private static Task RefuseAsync(HttpContext context, int status, string reason)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.Headers.CacheControl = status == StatusCodes.Status400BadRequest ? "no-store" : Refused;
        response.ContentType = "text/plain; charset=utf-8";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.WriteAsync("image refused: " + reason);
    }
}
