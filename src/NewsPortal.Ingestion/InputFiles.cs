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

    /// <summary>The bytes of one input; too large an input is an <see cref="InvalidDataException"/> for that input.</summary>
    public static byte[] Read(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxInputBytes)
            throw new InvalidDataException($"{length / (1024 * 1024)} MB is over the {MaxInputBytes / (1024 * 1024)} MB input limit");
        return File.ReadAllBytes(path);
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
