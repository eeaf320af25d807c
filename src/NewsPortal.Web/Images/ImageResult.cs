namespace NewsPortal.Web.Images;

/// <summary>An image ready to serve: its bytes, MIME type (from its magic bytes) and entity tag.</summary>
public sealed record CachedImage(byte[] Bytes, string ContentType, string ETag);

/// <summary>
/// What a request for an image came to: the image, or the status and reason it is refused with.
/// Refusals are values, answered with their status and logged once with the address and reason.
/// </summary>
public sealed record ImageResult(CachedImage? Image, int Status, string? Reason)
{
    public static ImageResult Served(CachedImage image) => new(image, StatusCodes.Status200OK, null);

    /// <summary>The scheme or the address is one the proxy never fetches from.</summary>
    public static ImageResult Forbidden(string reason) => new(null, StatusCodes.Status403Forbidden, reason);

    /// <summary>The origin says the image is not there (404, 410).</summary>
    public static ImageResult Gone(string reason) => new(null, StatusCodes.Status404NotFound, reason);

    /// <summary>The origin answered, but not with an image.</summary>
    public static ImageResult NotImage(string reason) => new(null, StatusCodes.Status415UnsupportedMediaType, reason);

    /// <summary>The origin failed, answered an error, was too large or redirected too often.</summary>
    public static ImageResult BadGateway(string reason) => new(null, StatusCodes.Status502BadGateway, reason);

    public static ImageResult Timeout(string reason) => new(null, StatusCodes.Status504GatewayTimeout, reason);
}
