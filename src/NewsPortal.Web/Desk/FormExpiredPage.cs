using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace NewsPortal.Web.Desk;

/// <summary>
/// A form whose antiforgery token is missing or no longer valid (most often a page left open past
/// a sign-out or a key change) gets a 400 page that says so — 表单已过期，请刷新页面后重试 — instead
/// of the generic error page. The global antiforgery filter's empty 400 is replaced here.
/// </summary>
public sealed class FormExpiredPage(ILogger<FormExpiredPage> logger) : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is not IAntiforgeryValidationFailedResult) return;
        logger.LogWarning("Form refused: no valid antiforgery token for {Method} {Path}", context.HttpContext.Request.Method, context.HttpContext.Request.Path.Value);
        context.Result = new ViewResult
        {
            ViewName = "~/Views/Shared/FormExpired.cshtml",
            StatusCode = StatusCodes.Status400BadRequest,
            ViewData = new ViewDataDictionary(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState),
        };
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
