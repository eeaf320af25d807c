using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace NewsPortal.Ingestion.Polling;

/// <summary>
/// Conditional GET of a feed URL with the one <see cref="HttpClient"/> of the process. Redirects
/// are followed here rather than by the handler, to know whether all of them were permanent and
/// to refuse a downgrade from https to http. Every failure is a value with a reason for editors.
/// </summary>
public sealed class FeedFetcher : IDisposable
{
    private const string Accept = "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, " +
        "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

    private readonly HttpClient _http;
    private readonly PollingOptions _options;

    public FeedFetcher(IOptions<PollingOptions> options)
    {
        _options = options.Value;
        var problems = _options.Problems().ToList();
        if (problems.Count > 0) throw new OptionsValidationException(PollingOptions.Section, typeof(PollingOptions), problems);
        _http = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(_options.ConnectTimeoutSeconds),
            // A long-running poller must notice when a publisher's DNS moves.
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            UseCookies = false,
        })
        {
            // The request timeout is ours (it covers the body too); the client's would only cover the headers.
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = int.MaxValue,
        };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Accept", Accept);
    }

    public async Task<FeedResponse> FetchAsync(string url, string? etag, string? lastModified, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
        try
        {
            return await FollowAsync(new Uri(url), etag, lastModified, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return FeedResponse.Failure(null, $"timed out after {_options.RequestTimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            return FeedResponse.Failure(null, Describe(e));
        }
        catch (IOException e)
        {
            // The connection broke while the body was read, or compressed data was corrupt.
            return FeedResponse.Failure(null, $"reading the response failed: {e.Message}");
        }
    }

    private async Task<FeedResponse> FollowAsync(Uri uri, string? etag, string? lastModified, CancellationToken ct)
    {
        var permanent = true;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            // Validators are sent back exactly as the server gave them.
            if (etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (lastModified is not null) request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                if (hop >= _options.MaxRedirects) return FeedResponse.Failure(status, $"more than {_options.MaxRedirects} redirects");
                if (response.Headers.Location is not { } location) return FeedResponse.Failure(status, $"HTTP {status} without a Location");
                var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
                if (next.Scheme is not ("http" or "https")) return FeedResponse.Failure(status, $"redirect to a {next.Scheme} URL refused");
                if (uri.Scheme == "https" && next.Scheme == "http") return FeedResponse.Failure(status, $"redirect from https to http refused ({next})");
                permanent &= status is 301 or 308;
                uri = next;
                continue;
            }
            var moved = hop > 0 && permanent ? uri.AbsoluteUri : null;
            if (status == 304)
                return new FeedResponse(FeedResponseKind.NotModified, status) { Etag = Header(response.Headers, "ETag"), LastModified = Header(response.Content.Headers, "Last-Modified"), MovedTo = moved };
            if (status != 200)
                return FeedResponse.Failure(status, $"HTTP {status} {response.ReasonPhrase}".TrimEnd(), Header(response.Headers, "Retry-After"));
            byte[]? body;
            try
            {
                body = await ReadBodyAsync(response.Content, ct);
            }
            catch (InvalidDataException e)
            {
                return FeedResponse.Failure(status, e.Message); // a .gz body that is corrupt or too large unpacked
            }
            if (body is null) return FeedResponse.Failure(status, $"the response is over the {_options.MaxBodyBytes / (1024 * 1024)} MB limit: not read");
            return new FeedResponse(FeedResponseKind.Body, status)
            {
                Body = body,
                Charset = response.Content.Headers.ContentType?.CharSet,
                Etag = Header(response.Headers, "ETag"),
                LastModified = Header(response.Content.Headers, "Last-Modified"),
                MovedTo = moved,
            };
        }
    }

    /// <summary>The body, or null when it is over the limit (told by Content-Length, or counted while reading).</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpContent content, CancellationToken ct)
    {
        if (content.Headers.ContentLength > _options.MaxBodyBytes) return null;
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            // Counted after decompression: a small compressed body may still be a bomb.
            if (buffer.Length + read > _options.MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        // A .gz file served as such, not as Content-Encoding: read like a gzip-compressed input file.
        return bytes is [0x1F, 0x8B, ..] ? InputFiles.Gunzip(bytes) : bytes;
    }

    private static string? Header(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) && values.Count > 0 ? values.ToString() : null;

    private static string Describe(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => $"DNS: cannot resolve the host ({e.Message})",
        HttpRequestError.ConnectionError => $"cannot connect: {e.InnerException?.Message ?? e.Message}",
        HttpRequestError.SecureConnectionError => $"TLS: {e.InnerException?.Message ?? e.Message}",
        _ => e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message,
    };

    public void Dispose() => _http.Dispose();
}
