using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// A request body over <see cref="RequestLimitOptions.MaxBodyBytes"/> is answered 413 with a short
/// page and one Warning naming the limit. The limit is Kestrel's and the form reader's; a declared
/// <c>Content-Length</c> over it is refused unread, and a form is read here, before the
/// antiforgery check, which would otherwise turn the reader's refusal into a 400 or a 500.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, IOptions<RequestLimitOptions> options, ILogger<RequestBodyLimit> logger)
{
    public static void Configure(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestLimitOptions>().Bind(configuration.GetSection(RequestLimitOptions.Section))
            .Validate(o => o.MaxBodyMegabytes > 0, "Requests:MaxBodyMegabytes must be positive")
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitOptions>>((kestrel, limit) =>
            kestrel.Limits.MaxRequestBodySize = limit.Value.MaxBodyBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<RequestLimitOptions>>((form, limit) =>
        {
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, limit.Value.MaxBodyBytes);
            form.MultipartBodyLengthLimit = limit.Value.MaxBodyBytes;
        });
        services.AddExceptionHandler<Handler>();
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await RefuseAsync(context, logger, limit, $"Content-Length {context.Request.ContentLength}");
            return;
        }
        if (context.Request.HasFormContentType)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception e) when (IsTooLarge(e))
            {
                await RefuseAsync(context, logger, limit, e.Message);
                return;
            }
            catch (Exception)
            {
                // A malformed form or a client gone: the read is cached, so whoever reads the form
                // next meets the same failure and answers it as it always has (antiforgery: 400).
            }
        }
        await next(context);
    }

    /// <summary>Kestrel's "request body too large", or the form reader's "… limit N exceeded".</summary>
    public static bool IsTooLarge(Exception e) => e switch
    {
        Microsoft.AspNetCore.Http.BadHttpRequestException bad => bad.StatusCode == StatusCodes.Status413PayloadTooLarge,
        InvalidDataException data => data.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                                     && data.Message.Contains("exceeded", StringComparison.OrdinalIgnoreCase),
        _ => e.InnerException is not null && IsTooLarge(e.InnerException),
    };

    /// <summary>A body read elsewhere (not a form) that turned out too large.</summary>
    public sealed class Handler(IOptions<RequestLimitOptions> options, ILogger<RequestBodyLimit> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
        {
            if (!IsTooLarge(exception) || context.Response.HasStarted) return false;
            await RefuseAsync(context, logger, options.Value.MaxBodyBytes, exception.Message);
            return true;
        }
    }

    private static Task RefuseAsync(HttpContext context, ILogger logger, long limit, string reason)
    {
        logger.LogWarning("{RequestMethod} {RequestPath}: request body over the limit of {LimitBytes} bytes ({Reason}); answered 413",
            context.Request.Method, context.Request.Path.Value, limit, reason);
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.Headers.CacheControl = "no-store";
        // The rest of an unread body is not worth waiting for.
        context.Response.Headers.Connection = "close";
        context.Response.ContentType = "text/html; charset=utf-8";
        var megabytes = (limit >> 20).ToString(CultureInfo.InvariantCulture);
        return context.Response.WriteAsync($"""
            <!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>提交的内容太大</title></head>
            <body><h1>提交的内容太大</h1><p>一次提交不能超过 {megabytes} MB。</p><p><a href="/">返回首页</a></p></body></html>
            """);
    }
}
