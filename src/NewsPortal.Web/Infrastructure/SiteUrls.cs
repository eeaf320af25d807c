using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Infrastructure;

/// <summary>Absolute URLs for feeds and links, from <c>Site:BaseUrl</c> or else the request's own scheme and host.</summary>
public static class SiteUrls
{
    public static string BaseUrl(HttpRequest request)
    {
        var configured = request.HttpContext.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.BaseUrl;
        return configured.Length > 0 ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    public static string Article(string baseUrl, long id) => $"{baseUrl}/articles/{id}";
}
