using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using NewsPortal.Core;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Delivery;
using NewsPortal.Web.Editing;
using NewsPortal.Web.Images;
using NewsPortal.Web.Metrics;

namespace NewsPortal.Web.Infrastructure;

/// <summary>The web host's registrations and pipeline, kept out of Program.cs.</summary>
public static class WebApplicationExtensions
{
    public const string LoginRateLimit = "login";

    public static WebApplicationBuilder AddNewsPortalWeb(this WebApplicationBuilder builder)
    {
        builder.AddNewsPortalLogging();
        builder.AddNewsPortalMetrics();

        var services = builder.Services;
        services.AddNewsPortalCore(builder.Configuration);
        services.AddOptions<SiteOptions>().Bind(builder.Configuration.GetSection(SiteOptions.Section))
            .Validate(o => o.BaseUrl.Length == 0 || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Site:BaseUrl must be empty or an absolute URL")
            .ValidateOnStart();
        services.AddSingleton<Feeds.FeedWriter>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Navigation.OutletDirectoryCache>();
        services.AddSingleton<Popular.ViewCounter>();
        services.AddHostedService(sp => sp.GetRequiredService<Popular.ViewCounter>());
        services.AddPageCache(builder.Configuration);
        services.AddHostedService<Search.SearchIndexService>();
        services.AddImageProxy(builder.Configuration);
        services.AddEditorialDesk();

        // Without this Razor writes every Chinese character as &#x...; (three times the bytes).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/editor/login";
            o.LogoutPath = "/editor/logout";
            o.AccessDeniedPath = "/editor/login";
            o.Cookie.Name = ".NewsPortal.Editor";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<EditorSessions>().ValidateAsync(context);
        });
        services.AddSingleton<EditorSessions>();
        services.AddAuthorization();
        services.AddAntiforgery(o => o.Cookie.Name = ".NewsPortal.Antiforgery");
        // One key ring for every web node, in the database: sessions and open forms survive a second
        // node, a restart and a rebuilt container.
        services.AddDataProtection().SetApplicationName("NewsPortal");
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<Npgsql.NpgsqlDataSource>((o, dataSource) => o.XmlRepository = new DataProtectionKeyStore(dataSource));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Password guessing gets ten tries a minute per client address.
            o.AddPolicy(LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) }));
        });
        services.AddHealthChecks();
        services.AddSingleton<DatabaseAvailability>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseAvailability>());
        services.AddExceptionHandler<DatabaseAvailability.Handler>();
        RequestBodyLimit.Configure(services, builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Migrates an old schema when allowed; otherwise stops the host with a message saying what to
    /// run. A database that does not answer does not stop it (see <see cref="DatabaseAvailability"/>).
    /// </summary>
    public static async Task EnsureDatabaseAsync(this WebApplication app) =>
        await app.Services.GetRequiredService<DatabaseAvailability>().CheckAtStartAsync(CancellationToken.None);

    public static WebApplication UseNewsPortalPipeline(this WebApplication app)
    {
        app.UseNewsPortalRequestLogging();
        app.UseMiddleware<HeadRequestMiddleware>();
        app.UseExceptionHandler("/error");
        app.UseMiddleware<DatabaseAvailability.Gate>();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseCompression();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = file => RequestLogging.MarkStaticFile(file.Context) });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<Popular.ViewCountingMiddleware>();
        app.UsePageCache();
        app.MapHealthChecks("/healthz");
        app.MapGet("/readyz", ReadinessCheck.HandleAsync);
        app.MapNewsPortalMetrics();
        app.MapControllers();
        return app;
    }
}
