using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace NewsPortal.Web.Images;

/// <summary>
/// Fetches an original image for the proxy, and only from public addresses: the host is resolved
/// here and the connection made to an address checked by <see cref="AddressPolicy"/> (in the
/// handler's connect step, so a name that resolves differently a moment later — DNS rebinding —
/// cannot slip a private address in between check and connect). Redirects are followed here, at
/// most <see cref="MaxRedirects"/>, and every hop goes through the same checks. No Referer, no
/// cookies, no proxy from the environment; the body is capped and the whole fetch timed.
/// </summary>
public sealed class ImageFetcher : IDisposable
{
    public const int MaxRedirects = 5;

    private readonly HttpClient _http;
    private readonly AddressPolicy _policy;
    private readonly int _maxBytes;
    private readonly TimeSpan _timeout;

    public ImageFetcher(IOptions<ImageOptions> options)
    {
        var o = options.Value;
        _policy = new AddressPolicy(o.AllowLoopbackPortsForTests);
        _maxBytes = o.MaxMegabytes * 1024 * 1024;
        _timeout = TimeSpan.FromSeconds(o.TimeoutSeconds);
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // A proxy from HTTP_PROXY would make the connection, not us: our address check would be moot.
            UseProxy = false,
            UseCookies = false,
            // Compressed bodies stay compressed: they then fail the magic-byte check instead of
            // inflating past the size cap (images are not sent compressed).
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = _timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = ConnectAsync,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        // Some origins refuse requests without a browser-like agent; none is told who asks (no Referer).
        _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (compatible; NewsPortal image proxy)");
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "image/avif,image/webp,image/apng,image/*;q=0.8");
    }

    /// <summary>The original at <paramref name="url"/>, checked to be an image; a refusal otherwise.</summary>
    public async Task<ImageResult> FetchAsync(string url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_timeout);
        try
        {
            return await FollowAsync(url, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ImageResult.Timeout($"no image within {_timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e) when (FindRefusal(e) is { } refused)
        {
            return ImageResult.Forbidden(refused.Message);
        }
        catch (HttpRequestException e)
        {
            return ImageResult.BadGateway($"fetch failed: {e.HttpRequestError} ({e.InnerException?.Message ?? e.Message})");
        }
        catch (IOException e)
        {
            return ImageResult.BadGateway($"reading the image failed: {e.Message}");
        }
    }

    private async Task<ImageResult> FollowAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return ImageResult.Forbidden("not an absolute URL");
        for (var hop = 0; ; hop++)
        {
            if (CheckUri(uri) is { } problem) return ImageResult.Forbidden(hop == 0 ? problem : $"redirected to {problem}");
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                if (hop >= MaxRedirects) return ImageResult.BadGateway($"more than {MaxRedirects} redirects");
                if (response.Headers.Location is not { } location) return ImageResult.BadGateway($"HTTP {status} without a Location");
                uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                continue;
            }
            if (status is 404 or 410) return ImageResult.Gone($"the origin answered {status}");
            if (status is < 200 or > 299) return ImageResult.BadGateway($"the origin answered {status}");
            if (response.Content.Headers.ContentLength is long length && length > _maxBytes)
                return ImageResult.BadGateway($"larger than {_maxBytes / 1048576} MB ({length} bytes announced)");
            var body = await ReadCappedAsync(response, ct);
            if (body is null) return ImageResult.BadGateway($"larger than {_maxBytes / 1048576} MB");
            return ImageFormat.Sniff(body) is { } contentType
                ? ImageResult.Served(new CachedImage(body, contentType, ""))
                : ImageResult.NotImage($"not an image: {ImageFormat.Describe(body)} (sent as {response.Content.Headers.ContentType?.MediaType ?? "no type"})");
        }
    }

    /// <summary>Only http(s), a host, no credentials; a literal address is checked here, a name when it is resolved.</summary>
    private string? CheckUri(Uri uri)
    {
        if (uri.Scheme is not ("http" or "https")) return $"a {uri.Scheme}: URL (only http and https are fetched)";
        if (uri.UserInfo.Length > 0) return "a URL with credentials";
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var ip)
            && _policy.Refusal(ip, uri.Port) is { } refusal)
            return $"{uri.Host}, {refusal}";
        return null;
    }

    private async Task<byte[]?> ReadCappedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > _maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Resolves the host and connects to the first of its addresses the policy allows.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => _policy.Refusal(a, port) is null).ToList();
        if (allowed.Count == 0)
        {
            var reasons = addresses.Length == 0 ? "no address" : string.Join(", ", addresses.Select(a => $"{a} ({_policy.Refusal(a, port)})"));
            throw new RefusedAddressException($"{host} resolves only to refused addresses: {reasons}");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. allowed], port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static RefusedAddressException? FindRefusal(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is RefusedAddressException refused) return refused;
        return null;
    }

    public void Dispose() => _http.Dispose();

    private sealed class RefusedAddressException(string message) : Exception(message);
}
