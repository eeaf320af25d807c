using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// One loopback address in front of several web nodes, as a load balancer without sticky sessions:
/// request n goes to node n mod N, passed through as it came (method, path, headers, body) and
/// answered as the node answered. Records which node served each request.
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Host" };

    private readonly WebApplication _app;
    private readonly IReadOnlyList<string> _nodes;
    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = System.Net.DecompressionMethods.None });
    private readonly ConcurrentQueue<(string Node, string Request)> _served = new();
    private int _next = -1;

    private RoundRobinProxy(WebApplication app, IReadOnlyList<string> nodes)
    {
        _app = app;
        _nodes = nodes;
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Each request and the node that served it, in order.</summary>
    public IReadOnlyList<(string Node, string Request)> Served => [.. _served];

    public static async Task<RoundRobinProxy> StartAsync(params string[] nodes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new RoundRobinProxy(app, nodes);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        proxy.BaseUrl = app.Urls.First().TrimEnd('/');
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var node = _nodes[(int)((uint)Interlocked.Increment(ref _next) % _nodes.Count)];
        var incoming = context.Request;
        _served.Enqueue((node, $"{incoming.Method} {incoming.Path}"));
        using var outgoing = new HttpRequestMessage(new HttpMethod(incoming.Method), node + incoming.Path + incoming.QueryString);
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0) outgoing.Content = new StreamContent(incoming.Body);
        foreach (var (name, values) in incoming.Headers)
        {
            if (HopHeaders.Contains(name)) continue;
            if (!outgoing.Headers.TryAddWithoutValidation(name, values.ToArray())) outgoing.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        using var answer = await _client.SendAsync(outgoing, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            if (!HopHeaders.Contains(name)) context.Response.Headers[name] = values.ToArray();
        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }
}
