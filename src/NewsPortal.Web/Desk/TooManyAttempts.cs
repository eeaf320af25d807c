using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace NewsPortal.Web.Desk;

/// <summary>The 429 answer of a throttled sign-in: <c>Retry-After</c> in whole seconds, and a page saying how long (尝试过多，请在 N 秒后再试).</summary>
public static class TooManyAttempts
{
    public static IActionResult Result(HttpResponse response, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return new ViewResult
        {
            ViewName = "~/Views/Shared/TooManyAttempts.cshtml",
            StatusCode = StatusCodes.Status429TooManyRequests,
            ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = seconds },
        };
    }
}
