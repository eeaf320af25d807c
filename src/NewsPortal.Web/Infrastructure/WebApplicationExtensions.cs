using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using NewsPortal.Core;
using NewsPortal.Core.Storage;
using NewsPortal.Web.Delivery;
using NewsPortal.Web.Desk;
using NewsPortal.Web.Editing;
using NewsPortal.Web.Images;
using NewsPortal.Web.Metrics;

namespace NewsPortal.Web.Infrastructure;

/// <summary>The web host's registrations and pipeline, kept out of Program.cs.</summary>
public static class WebApplicationExtensions
{
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
        services.AddOptions<Feeds.WebSubOptions>().Bind(builder.Configuration.GetSection(Feeds.WebSubOptions.Section))
            .Validate(o => o.WebSubHub.Length == 0 || Uri.TryCreate(o.WebSubHub, UriKind.Absolute, out var hub) && hub.Scheme is "http" or "https", "Feeds:WebSubHub must be empty or an http(s) URL")
            .ValidateOnStart();
        services.AddOptions<SiteOptions>()
            .Validate<IOptions<Feeds.WebSubOptions>>((o, webSub) => webSub.Value.WebSubHub.Length == 0 || o.BaseUrl.Length > 0,
                "Feeds:WebSubHub needs Site:BaseUrl: the hub is told the feeds' public URLs");
        services.AddHttpClient(Feeds.WebSubPublisher.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<Feeds.WebSubPublisher>();
        services.AddSingleton(TimeProvider.System);
        // The directory's counts take a pass over the articles: on the replica when there is one.
        services.AddSingleton(sp => new Navigation.OutletDirectoryCache(new SourceStore(sp.GetRequiredService<ReadDataSource>().Standby), sp.GetRequiredService<TimeProvider>()));
        services.AddReaderReads();
        services.AddSingleton<Popular.ViewCounter>();
        services.AddHostedService(sp => sp.GetRequiredService<Popular.ViewCounter>());
        services.AddPageCache(builder.Configuration);
        services.AddHostedService<Search.SearchIndexService>();
        services.AddImageProxy(builder.Configuration);
        services.AddEditorialDesk();

        // Without this Razor writes every Chinese character as &#x...; (three times the bytes).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddControllersWithViews(o =>
        {
            o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            o.Filters.Add<Desk.FormExpiredPage>();
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/editor/login";
            o.LogoutPath = "/editor/logout";
            o.Cookie.Name = ".NewsPortal.Editor";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<EditorSessions>().ValidateAsync(context);
            // A signed-in editor who reaches an admin page gets 403 (its status page), not a
            // redirect to the sign-in page it is already past.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddSingleton<EditorSessions>();
        services.AddDeskAuthorization();
        services.AddAntiforgery(o => o.Cookie.Name = ".NewsPortal.Antiforgery");
        // One key ring for every web node, in the database: sessions and open forms survive a second
        // node, a restart and a rebuilt container.
        services.AddDataProtection().SetApplicationName("NewsPortal");
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<Npgsql.NpgsqlDataSource>((o, dataSource) => o.XmlRepository = new DataProtectionKeyStore(dataSource));
        ForwardedHeadersSetup.Configure(services);
        services.AddHealthChecks();
        services.AddSingleton<DatabaseAvailability>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseAvailability>());
        services.AddExceptionHandler<DatabaseAvailability.Handler>();
        RequestBodyLimit.Configure(services, builder.Configuration);
        RequestConcurrency.Configure(services);
        ShutdownOptions.Configure(services, builder.Configuration);
        // Registered after Kestrel's own factory, so the server's connection buffers come from pools the idle trim can empty.
        services.AddSingleton<TrimmableMemoryPoolFactory>();
        services.AddSingleton<IMemoryPoolFactory<byte>>(sp => sp.GetRequiredService<TrimmableMemoryPoolFactory>());
        services.AddHostedService<IdleMemoryTrim>();
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
        app.UseTrustedForwardedHeaders();
        app.UseNewsPortalRequestLogging();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<HeadRequestMiddleware>();
        app.UseExceptionHandler("/error");
        app.UseMiddleware<DatabaseAvailability.Gate>();
        app.UseRequestConcurrency();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseCompression();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = file => RequestLogging.MarkStaticFile(file.Context) });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<Popular.ViewCountingMiddleware>();
        app.UsePageCache();
        app.UseMiddleware<ReaderReads.Fallback>();
        app.MapHealthChecks("/healthz");
        app.MapGet("/readyz", ReadinessCheck.HandleAsync);
        app.MapNewsPortalMetrics();
        app.MapControllers();
        return app;
    }
}
