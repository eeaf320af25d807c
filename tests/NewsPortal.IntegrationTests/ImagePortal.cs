using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Xunit;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// The web app on its own database (the samples ingested) with the image proxy's cache in a temp
/// folder, and two loopback image servers: <see cref="Origin"/>, whose port the proxy is allowed to
/// fetch from (Images:AllowLoopbackPortsForTests), and <see cref="Elsewhere"/>, whose port it is not,
/// standing for any loopback service a redirect might point at. Fetches time out after 2 s here.
/// </summary>
public sealed class ImageProxyFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("not initialised");
    public LoopbackFeedServer Origin { get; private set; } = null!;
    public LoopbackFeedServer Elsewhere { get; private set; } = null!;
    public TempFolder Cache { get; } = new();
    public ImagePortal Portal { get; private set; } = null!;
    public long FeedDumpId { get; private set; }
    public long TextDumpId { get; private set; }

    /// <summary>A 1200×800 photo-like JPEG.</summary>
    public static byte[] Jpeg { get; } = MakeJpeg();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using (var ingestion = new IngestionHost(_database))
        {
            var counts = await ingestion.IngestAsync(Repo.Samples);
            if (counts.New != 2) throw new InvalidOperationException($"sample ingest: {counts}");
        }
        await using var c = await _database.DataSource.OpenConnectionAsync();
        TextDumpId = await c.ExecuteScalarAsync<long>("SELECT id FROM articles WHERE input_format = 'text-dump'");
        FeedDumpId = await c.ExecuteScalarAsync<long>("SELECT id FROM articles WHERE input_format = 'markdown-feed-dump'");
        Origin = await LoopbackFeedServer.StartAsync();
        Elsewhere = await LoopbackFeedServer.StartAsync();
        Portal = new ImagePortal(this, allowOriginPort: true);
    }

    /// <summary>
    /// Another node on the same database, and on the same cache folder unless given one; without the
    /// test switch, loopback is refused. Its log goes to <paramref name="log"/> and its clock is
    /// <paramref name="time"/> when given.
    /// </summary>
    public ImagePortal NewPortal(bool allowOriginPort, string? cacheDirectory = null, LogCapture? log = null, TimeProvider? time = null) =>
        new(this, allowOriginPort, cacheDirectory, log, time);

    public static RequestDelegate Serve(byte[] body, string contentType = "image/jpeg") => async context =>
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    };

    private static byte[] MakeJpeg()
    {
        using var x = NetVips.Image.Xyz(1200, 800);
        using var r = x[0] / 5;
        using var g = x[1] / 4;
        using var b = (x[0] + x[1]) / 8;
        using var rgb = r.Bandjoin(g, b).Cast(NetVips.Enums.BandFormat.Uchar);
        return rgb.JpegsaveBuffer(q: 90);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Origin.DisposeAsync();
        await Elsewhere.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        Cache.Dispose();
    }
}

public sealed class ImagePortal(ImageProxyFixture fixture, bool allowOriginPort, string? cacheDirectory = null, LogCapture? log = null, TimeProvider? time = null)
    : WebApplicationFactory<Program>
{
    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:NewsPortal", fixture.Database.ConnectionString);
        builder.UseEnvironment("Production");
        builder.UseSetting("Delivery:ChangeCheckSeconds", "0");
        builder.UseSetting("Images:CacheDirectory", cacheDirectory ?? fixture.Cache.Path);
        builder.UseSetting("Images:TimeoutSeconds", "2");
        if (allowOriginPort) builder.UseSetting("Images:AllowLoopbackPortsForTests:0", new Uri(fixture.Origin.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            if (log is not null) services.AddSingleton<ILogEventSink>(log);
            if (time is not null) services.AddSingleton(time);
        });
    }
}
