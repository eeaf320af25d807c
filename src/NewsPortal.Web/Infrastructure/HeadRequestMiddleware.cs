namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// HEAD answered on every GET route, with the headers GET would send and no body: the request runs
/// as a GET (routes and controllers know GET only) into a body that keeps nothing, and is a HEAD
/// again for the request log. Feed readers and link checkers ask HEAD first.
/// </summary>
public sealed class HeadRequestMiddleware(RequestDelegate next)
{
    private static readonly object HeadKey = new();

    /// <summary>Whether the request, running as a GET, came as a HEAD (a view counter does not count it).</summary>
    public static bool CameAsHead(HttpContext context) => context.Items.ContainsKey(HeadKey);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        var body = context.Response.Body;
        context.Request.Method = HttpMethods.Get;
        context.Items[HeadKey] = true;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
            context.Request.Method = HttpMethods.Head;
        }
    }
}
