using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// A real HTTP server on 127.0.0.1 (a free port) for polling tests: each path answers as the test
/// scripts it, and every request is recorded with its headers.
/// </summary>
public sealed class LoopbackFeedServer : IAsyncDisposable
{
    public sealed record Request(string Path, IReadOnlyDictionary<string, string> Headers)
    {
        public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
    }

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new();
    private readonly ConcurrentQueue<Request> _requests = new();

    private LoopbackFeedServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<Request> Requests => [.. _requests];

    public IReadOnlyList<Request> RequestsTo(string path) => [.. _requests.Where(r => r.Path == path)];

    public string Url(string path) => BaseUrl + path;

    public static async Task<LoopbackFeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackFeedServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    /// <summary>Answers requests to <paramref name="path"/> with <paramref name="handler"/> from now on.</summary>
    public void Handle(string path, RequestDelegate handler) => _routes[path] = handler;

    private async Task HandleAsync(HttpContext context)
    {
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new Request(context.Request.Path + context.Request.QueryString, headers));
        if (_routes.TryGetValue(context.Request.Path + context.Request.QueryString, out var handler)) await handler(context);
        else context.Response.StatusCode = 404;
    }

    /// <summary>A status with an optional body and headers.</summary>
    public static RequestDelegate Status(int status, string? body = null, string contentType = "text/plain; charset=utf-8", params (string Name, string Value)[] headers) =>
        async context =>
        {
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers) context.Response.Headers[name] = value;
            if (body is null) return;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// A feed as a well-behaved server serves it: ETag and Last-Modified, 304 when the client's
/// validators match, gzip when the client accepts it. <see cref="Update"/> publishes new bytes.
/// </summary>
public sealed class ServedFeed
{
    private volatile Version _current;

    private sealed record Version(byte[] Body, string Etag, string LastModified, string ContentType);

    public ServedFeed(byte[] body, string contentType = "application/rss+xml; charset=utf-8") =>
        _current = new Version(body, "\"v1\"", "Sun, 22 Nov 2026 08:00:00 GMT", contentType);

    public int Served304 { get; private set; }

    public void Update(byte[] body, string etag, string lastModified) => _current = _current with { Body = body, Etag = etag, LastModified = lastModified };

    public async Task HandleAsync(HttpContext context)
    {
        var v = _current;
        context.Response.Headers.ETag = v.Etag;
        context.Response.Headers.LastModified = v.LastModified;
        if (context.Request.Headers.IfNoneMatch == v.Etag || (string.IsNullOrEmpty(context.Request.Headers.IfNoneMatch) && context.Request.Headers.IfModifiedSince == v.LastModified))
        {
            Served304++;
            context.Response.StatusCode = 304;
            return;
        }
        context.Response.ContentType = v.ContentType;
        if (context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.Ordinal))
        {
            context.Response.Headers.ContentEncoding = "gzip";
            await using var gzip = new GZipStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await gzip.WriteAsync(v.Body);
            return;
        }
        await context.Response.Body.WriteAsync(v.Body);
    }
}
