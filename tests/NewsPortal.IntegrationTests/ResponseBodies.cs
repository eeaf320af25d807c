using System.IO.Compression;

namespace NewsPortal.IntegrationTests;

/// <summary>A response's body as the server meant it: gzip and Brotli undone, by its Content-Encoding.</summary>
internal static class ResponseBodies
{
    public static async Task<byte[]> DecodedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        if (encoding is null) return body;
        await using Stream decoder = encoding switch
        {
            "gzip" => new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(body), CompressionMode.Decompress),
            _ => throw new InvalidOperationException($"unexpected Content-Encoding {encoding}"),
        };
        var unpacked = new MemoryStream();
        await decoder.CopyToAsync(unpacked);
        return unpacked.ToArray();
    }
}
