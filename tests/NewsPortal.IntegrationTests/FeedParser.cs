using System.Diagnostics;
using System.Text.Json;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Python's feedparser (Debian's python3-feedparser), a real feed client: it reads a feed file and
/// reports what it understood. Debian's /usr/bin/python3 is used because that is where the package lives.
/// </summary>
public static class FeedParser
{
    private const string Script = """
        import feedparser, json, sys
        d = feedparser.parse(sys.argv[1])
        print(json.dumps({
            "bozo": int(d.bozo),
            "bozo_exception": str(d.get("bozo_exception", "")),
            "version": d.version,
            "title": d.feed.get("title"),
            "entries": [{
                "id": e.get("id"),
                "link": e.get("link"),
                "title": e.get("title"),
                "published": e.get("published_parsed") and "%04d-%02d-%02dT%02d:%02d:%02d" % tuple(e.get("published_parsed")[:6]),
                "updated": e.get("updated_parsed") and "%04d-%02d-%02dT%02d:%02d:%02d" % tuple(e.get("updated_parsed")[:6]),
                "has_content": bool(e.get("content")) or bool(e.get("summary")),
            } for e in d.entries],
        }, ensure_ascii=False))
        """;

    public sealed record Entry(string? Id, string? Link, string? Title, string? Published, string? Updated, bool HasContent);

    public sealed record Result(int Bozo, string BozoException, string Version, string? Title, List<Entry> Entries);

    public static async Task<Result> ParseAsync(byte[] feed)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, feed);
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Script);
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000)) process.Kill();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"feedparser failed (is python3-feedparser installed?): {await stderr}");
            return JsonSerializer.Deserialize<Result>(await stdout, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
