using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace NewsPortal.Web.Images;

/// <summary>
/// <c>GET /img/{signed}[?w=N]</c>: an image this site signed, from the proxy's cache or its origin.
/// Refusals answer with their status and a one-line reason in plain text (never a page, never a 500).
/// </summary>
public sealed class ImageController(ImageSigner signer, ImageService images) : ControllerBase
{
    public const int MinWidth = 16;
    public const int MaxWidth = 2048;

    // Bytes at an address never change (a new image is a new address), so browsers and shared caches keep them.
    private const string Immutable = "public, max-age=31536000, immutable";
    // Kept as long as the proxy itself remembers a refusal (ImageService.FailureMemory).
    private const string Refused = "public, max-age=600";

    [HttpGet("/img/{token}")]
    public async Task<IActionResult> Get(string token, [FromQuery] string? w)
    {
        var width = 0;
        if (w is not null && (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out width) || width is < MinWidth or > MaxWidth))
            return Refuse(StatusCodes.Status400BadRequest, $"w must be a width from {MinWidth} to {MaxWidth}, not '{w}'");
        if (signer.Verify(token, width) is not { } url)
            return Refuse(StatusCodes.Status403Forbidden, "not an image address this site signed");
        var result = await images.GetAsync(url, width);
        if (result.Image is not { } image) return Refuse(result.Status, result.Reason ?? "refused");

        var headers = Response.Headers;
        headers.CacheControl = Immutable;
        headers.ETag = image.ETag;
        headers.XContentTypeOptions = "nosniff";
        if (Request.Headers.IfNoneMatch.Contains(image.ETag)) return StatusCode(StatusCodes.Status304NotModified);
        return new ImageBytesResult(image);
    }

    private ContentResult Refuse(int status, string reason)
    {
        Response.Headers.CacheControl = status == StatusCodes.Status400BadRequest ? "no-store" : Refused;
        Response.Headers.XContentTypeOptions = "nosniff";
        return new ContentResult { StatusCode = status, ContentType = "text/plain; charset=utf-8", Content = "image refused: " + reason };
    }

    /// <summary>The bytes as they are: no range or conditional handling beyond the ETag above, no buffering.</summary>
    private sealed class ImageBytesResult(CachedImage image) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.ContentType = image.ContentType;
            response.ContentLength = image.Bytes.Length;
            return response.Body.WriteAsync(image.Bytes).AsTask();
        }
    }
}
