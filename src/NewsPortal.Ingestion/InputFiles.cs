using System.Text.Json;
using NewsPortal.Core.Articles;

namespace NewsPortal.Ingestion;

/// <summary>
/// Expands the command's paths into input files (folders recursively, in a stable order) and finds
/// each file's origin: the command's options, overridden by a <c>FILE.meta.json</c> sidecar if any.
/// </summary>
public static class InputFiles
{
    public const string SidecarSuffix = ".meta.json";

    /// <summary>Larger inputs are refused unread: no page or feed is this big, and the bytes are kept in memory.</summary>
    public const long MaxInputBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The bytes of one input; too large an input (over <paramref name="maxBytes"/>, by default
    /// <see cref="MaxInputBytes"/>) is an <see cref="InvalidDataException"/> for that input.
    /// </summary>
    public static byte[] Read(string path, long maxBytes = MaxInputBytes)
    {
        var length = new FileInfo(path).Length;
        if (length > maxBytes)
            throw new InvalidDataException($"{length / (1024 * 1024)} MB is over the {maxBytes / (1024 * 1024)} MB input limit");
        var bytes = File.ReadAllBytes(path);
        return bytes is [0x1F, 0x8B, ..] ? Gunzip(bytes, maxBytes) : bytes;
    }

    // Crawlers often store pages gzip-compressed; the limit applies to what comes out, so a
    // compression bomb is refused like any other oversized input.
    public static byte[] Gunzip(byte[] compressed, long maxBytes = MaxInputBytes)
    {
        using var input = new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        try
        {
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxBytes)
                    throw new InvalidDataException($"gzip content is over the {maxBytes / (1024 * 1024)} MB input limit");
                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith("gzip content", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"corrupt gzip data: {e.Message}", e);
        }
        if (output.Length == 0) throw new InvalidDataException("gzip data that holds nothing (corrupt or truncated)");
        return output.ToArray();
    }

    public static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => !f.EndsWith(SidecarSuffix, StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files) yield return file;
            }
            else
            {
                yield return path; // a missing file is reported as that input's failure, not here
            }
        }
    }

    private sealed record Sidecar(string? Url, string? Outlet, string? OutletHost);

    /// <summary>The origin of one input; a malformed sidecar is an error for that input.</summary>
    public static InputOrigin OriginOf(string path, IngestOptions options)
    {
        var origin = new InputOrigin(path, options.Url, options.OutletName, options.OutletHost);
        var sidecarPath = path + SidecarSuffix;
        if (!File.Exists(sidecarPath)) return origin;
        Sidecar? sidecar;
        try
        {
            sidecar = JsonSerializer.Deserialize<Sidecar>(File.ReadAllText(sidecarPath),
                new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, PropertyNameCaseInsensitive = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"sidecar {sidecarPath} is not valid JSON: {e.Message}", e);
        }
        return origin with
        {
            Url = sidecar?.Url ?? origin.Url,
            OutletName = sidecar?.Outlet ?? origin.OutletName,
            OutletHost = sidecar?.OutletHost ?? origin.OutletHost,
        };
    }
}
