namespace NewsPortal.Web.Popular;

/// <summary>
/// Marks an action whose 200 answers are page views of the article named by its <c>id</c> route
/// value. Counted by <see cref="ViewCountingMiddleware"/>, which runs before the page cache, so a
/// page served from the cache is counted like one built afresh.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CountsViewsAttribute : Attribute;

public sealed class ViewCountingMiddleware(RequestDelegate next, ViewCounter views)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status200OK
            && context.GetEndpoint()?.Metadata.GetMetadata<CountsViewsAttribute>() is not null
            && long.TryParse(context.GetRouteValue("id")?.ToString(), out var id))
            views.Count(context, id);
    }
}
