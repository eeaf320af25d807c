using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsPortal.Web.Images;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// SIGTERM to a web node (docker stop, systemd): it stops accepting connections at once, lets the
/// requests in flight finish within <c>Shutdown:TimeoutSeconds</c>, writes the page views it
/// counted, and exits 0. A request held open is an image the proxy fetches from a loopback origin
/// that answers when the test says so.
/// </summary>
public sealed class WebShutdownTests
{
    private const string SigningKey = "a signing key for the shutdown tests, 32+ chars";

    // A reader's browser: its article views are counted (robots' are not).
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    [Fact]
    public async Task Sigterm_refuses_new_connections_lets_the_request_in_flight_finish_writes_counted_views_and_exits_0()
    {
        await using var node = await HeldNode.StartAsync([]);
        using var client = node.Client();
        var image = client.GetAsync(node.HeldImagePath);
        await node.Fetching.WaitAsync(TimeSpan.FromSeconds(30));

        await node.Web.SendSigtermAsync();
        var signalled = Stopwatch.StartNew();
        await Eventually.TrueAsync(() => TurnedAwayAsync(node.Web.BaseUrl), "a new connection refused or answered 503 after SIGTERM", seconds: 10);
        Assert.False(image.IsCompleted, "the request in flight ended before its origin answered");
        // The origin answers 2 s after the signal; the node waits for it.
        var hold = TimeSpan.FromSeconds(2) - signalled.Elapsed;
        if (hold > TimeSpan.Zero) await Task.Delay(hold);
        Assert.False(node.Web.HasExited, $"the node exited with a request in flight:\n{node.Web.Output}");
        node.Answer();

        var response = await image;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ImageProxyFixture.Jpeg, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, await node.Web.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(1, await node.ViewsAsync());
        Assert.DoesNotContain(" ERR] ", node.Web.Output);
    }

    [Fact]
    public async Task A_request_longer_than_the_shutdown_timeout_is_cut_and_the_node_still_exits_0_in_time()
    {
        await using var node = await HeldNode.StartAsync(new() { ["Shutdown__TimeoutSeconds"] = "1" });
        using var client = node.Client();
        var image = client.GetAsync(node.HeldImagePath);
        await node.Fetching.WaitAsync(TimeSpan.FromSeconds(30));

        await node.Web.SendSigtermAsync();
        var signalled = Stopwatch.StartNew();
        var exitCode = await node.Web.WaitForExitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, exitCode);
        // Well before the image fetch's own limit (10 s) or the default timeout (30 s) could end it.
        Assert.True(signalled.Elapsed < TimeSpan.FromSeconds(6), $"took {signalled.Elapsed} to stop");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => image);
        Assert.Equal(1, await node.ViewsAsync());
    }

    [Fact]
    public async Task Readyz_answers_503_once_the_node_is_stopping()
    {
        await using var db = await TestDatabase.CreateAsync();
        var held = new HeldStop();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:NewsPortal", db.ConnectionString)
            .UseSetting("Search:Index", "false")
            .ConfigureTestServices(s => s.AddSingleton<IHostedService>(held)));
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await held.Stopping.WaitAsync(TimeSpan.FromSeconds(10));
        var response = await client.GetAsync("/readyz");
        held.Release();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("shutting down", await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Holds a stopping host after <c>ApplicationStopping</c> and before its server stops (hosted
    /// services' <c>StoppingAsync</c> run in between) until <see cref="Release"/>: the moment a request
    /// can still reach a node that is stopping.
    /// </summary>
    private sealed class HeldStop : IHostedLifecycleService
    {
        private readonly TaskCompletionSource _stopping = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Stopping => _stopping.Task;

        public void Release() => _release.TrySetResult();

        public Task StoppingAsync(CancellationToken cancellationToken)
        {
            _stopping.TrySetResult();
            return _release.Task.WaitAsync(cancellationToken);
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    // A fresh connection each time (no pooled one): the node's listener refusing, or 503 from /readyz.
    private static async Task<bool> TurnedAwayAsync(string baseUrl)
    {
        using var fresh = new HttpClient(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            return (await fresh.GetAsync(baseUrl + "/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable;
        }
        catch (HttpRequestException)
        {
            return true;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// A web node on a database holding one article, with one reader's view of it counted in memory
    /// (the periodic write is an hour away, so only the stop writes it), and an image whose origin
    /// holds its answer until <see cref="Answer"/>.
    /// </summary>
    private sealed class HeldNode : IAsyncDisposable
    {
        private readonly TaskCompletionSource _fetching = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TestDatabase? _database;
        private LoopbackFeedServer? _origin;
        private readonly TempFolder _cache = new();
        private long _articleId;

        private WebNodeProcess? _web;

        public WebNodeProcess Web { get => _web ?? throw new InvalidOperationException("not started"); private set => _web = value; }

        public string HeldImagePath { get; private set; } = "";

        /// <summary>Completes when the node has asked the origin for the image.</summary>
        public Task Fetching => _fetching.Task;

        public void Answer() => _answer.TrySetResult();

        public HttpClient Client()
        {
            var client = new HttpClient { BaseAddress = new Uri(Web.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
            return client;
        }

        public static async Task<HeldNode> StartAsync(Dictionary<string, string> settings)
        {
            var node = new HeldNode();
            try
            {
                await node.BringUpAsync(settings);
                return node;
            }
            catch
            {
                await node.DisposeAsync();
                throw;
            }
        }

        private async Task BringUpAsync(Dictionary<string, string> settings)
        {
            _database = await TestDatabase.CreateAsync();
            await using (var ingestion = new IngestionHost(_database)) await ingestion.IngestAsync(Repo.FeedDumpSample);
            await using (var c = await _database.DataSource.OpenConnectionAsync()) _articleId = await c.ExecuteScalarAsync<long>("SELECT id FROM articles");
            _origin = await LoopbackFeedServer.StartAsync();
            _origin.Handle("/held.jpg", async context =>
            {
                _fetching.TrySetResult();
                await _answer.Task.WaitAsync(context.RequestAborted);
                await ImageProxyFixture.Serve(ImageProxyFixture.Jpeg)(context);
            });
            var signer = new ImageSigner();
            signer.UseKey(Encoding.UTF8.GetBytes(SigningKey));
            HeldImagePath = signer.PathFor(_origin.Url("/held.jpg"))!;
            settings["Images__SigningKey"] = SigningKey;
            settings["Images__AllowLoopbackPortsForTests__0"] = new Uri(_origin.BaseUrl).Port.ToString(CultureInfo.InvariantCulture);
            settings["Images__CacheDirectory"] = _cache.Path;
            settings["Popular__FlushSeconds"] = "3600";
            Web = WebNodeProcess.Start(_database.ConnectionString, settings);
            await Web.WaitReadyAsync();
            using var client = Client();
            var page = await client.GetAsync($"/articles/{_articleId}");
            if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"article page answered {page.StatusCode}:\n{Web.Output}");
        }

        /// <summary>The article's views written to the database.</summary>
        public async Task<long> ViewsAsync()
        {
            await using var c = await _database!.DataSource.OpenConnectionAsync();
            return await c.ExecuteScalarAsync<long>("SELECT coalesce(sum(views), 0) FROM article_views WHERE article_id = @Id", new { Id = _articleId });
        }

        public async ValueTask DisposeAsync()
        {
            _answer.TrySetResult();
            if (_web is not null) await _web.DisposeAsync();
            if (_origin is not null) await _origin.DisposeAsync();
            if (_database is not null) await _database.DisposeAsync();
            _cache.Dispose();
        }
    }
}
