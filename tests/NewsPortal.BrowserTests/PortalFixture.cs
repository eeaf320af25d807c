using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Xunit;

namespace NewsPortal.BrowserTests;

/// <summary>
/// The portal as a reader meets it: a fresh database filled by the real ingestion CLI from
/// <c>samples/</c> and the story fixtures, the real web app on a free loopback port, and headless
/// Chromium. <see cref="EditorPortalFixture"/> adds an editor account.
/// </summary>
public class PortalFixture : IAsyncLifetime
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    // Pictures in the samples point at news sites; the browser gets this instead of going out.
    private const string PlaceholderImage =
        """<svg xmlns="http://www.w3.org/2000/svg" width="900" height="506"><rect width="100%" height="100%" fill="#d8d8dc"/></svg>""";

    private readonly List<IAsyncDisposable> _resources = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ChildProcess? _web;

    public RepositoryLayout Layout { get; } = RepositoryLayout.Discover();

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>What the web app printed so far, for failure messages.</summary>
    public string WebAppReport => _web?.Report() ?? "(the web app was not started)";

    public async Task InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync();
        _resources.Add(database);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__NewsPortal"] = database.ConnectionString,
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Tests read a page right after writing what it shows: the change stamp is read on every request.
            ["Delivery__ChangeCheckSeconds"] = "0",
        };

        await RunCliAsync(environment, "ingest", Layout.SamplesDirectory, Layout.StoryFixtureDirectory);
        await PrepareAsync(environment);
        await StartWebAppAsync(environment);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Timeout = 30_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A page in its own browser context that reaches only the portal; close it with its context.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseUrl.ToString();
        options.Locale ??= "zh-CN";
        var context = await _browser!.NewContextAsync(options);
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(15_000);
        await context.RouteAsync(url => !IsPortal(url), async route =>
        {
            if (route.Request.ResourceType == "image")
                await route.FulfillAsync(new() { Status = 200, ContentType = "image/svg+xml", Body = PlaceholderImage });
            else
                await route.AbortAsync("blockedbyclient");
        });
        // The samples' pictures are on the internet, which this machine may not reach: the portal's
        // image proxy (tested on its own with a loopback origin) is stood in for here, as the
        // pictures themselves are above.
        await context.RouteAsync(url => IsPortal(url) && new Uri(url).AbsolutePath.StartsWith("/img/", StringComparison.Ordinal), route =>
            route.FulfillAsync(new() { Status = 200, ContentType = "image/svg+xml", Body = PlaceholderImage }));
        return await context.NewPageAsync();
    }

    public bool IsPortal(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && Uri.Compare(uri, BaseUrl, UriComponents.SchemeAndServer,
            UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    public async Task DisposeAsync()
    {
        try
        {
            if (_browser is not null) await _browser.CloseAsync();
            _playwright?.Dispose();
        }
        finally
        {
            // The web app goes before its database.
            for (var i = _resources.Count - 1; i >= 0; i--) await _resources[i].DisposeAsync();
        }
    }

    /// <summary>Runs after the inputs are ingested and before the web app starts, with the same environment.</summary>
    protected virtual Task PrepareAsync(IReadOnlyDictionary<string, string> environment) => Task.CompletedTask;

    protected async Task RunCliAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        await using var cli = ChildProcess.StartDotnet(Layout.RequireBuilt(Layout.IngestionDll), arguments, Layout.Root, environment);
        var exitCode = await cli.WaitForExitAsync(CliTimeout);
        if (exitCode != 0)
            throw new InvalidOperationException($"The ingestion CLI exited with {exitCode}.\n{cli.Report()}");
    }

    private async Task StartWebAppAsync(IReadOnlyDictionary<string, string> environment)
    {
        BaseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        // The content root is the project folder, where wwwroot and appsettings.json are.
        _web = ChildProcess.StartDotnet(Layout.RequireBuilt(Layout.WebDll),
            ["--urls", BaseUrl.GetLeftPart(UriPartial.Authority)], Layout.WebContentRoot, environment);
        _resources.Add(_web);

        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (_web.HasExited)
                throw new InvalidOperationException($"The web app exited with {_web.ExitCode} before it was ready.\n{_web.Report()}");
            try
            {
                using var response = await http.GetAsync("readyz");
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException(
            $"GET {BaseUrl}readyz did not answer 200 within {ReadyTimeout.TotalSeconds:0} s (last: {last}).\n{_web.Report()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
