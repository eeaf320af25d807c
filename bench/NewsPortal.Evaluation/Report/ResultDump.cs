using System.Text.Encodings.Web;
using System.Text.Json;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Evaluation.Report;

/// <summary>
/// For <c>--dump FILE</c>: every page's parse result as one JSON line, in corpus order, so that a
/// change meant to keep the output (a speed-up) can be checked with a plain diff of two dumps.
/// </summary>
public static class ResultDump
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(string file, IEnumerable<(string Path, ParseResult Result)> results)
    {
        using var writer = new StreamWriter(file);
        foreach (var (path, result) in results)
            writer.WriteLine(JsonSerializer.Serialize(new { path, result.Format, result.Error, result.Article }, Options));
    }
}
