namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// Security headers on every response, static files, errors and cached pages included (set as the
/// response starts). The policy allows scripts, styles and images from the site itself only:
/// pages carry no inline script or handler (their scripts are files under <c>wwwroot/js</c>; the
/// JSON-LD block is data, which a policy does not block), and images come through the site's own
/// image proxy. Desk pages (<c>/editor…</c>) may not be framed at all, against clickjacking of their buttons.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        var desk = context.Request.Path.StartsWithSegments("/editor", StringComparison.OrdinalIgnoreCase);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = desk ? Policy + "; frame-ancestors 'none'" : Policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (desk) headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
