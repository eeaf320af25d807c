using System.Text.Encodings.Web;
using System.Text.Json;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Ingestion;

/// <summary>
/// <c>extract PATH... [--url URL] --json</c>: what the parsers make of each input, one JSON object
/// per line, so the extractor can be checked from outside. Needs no database. A failed input
/// prints a line with <c>error</c> set; the exit code is 1 when any input failed.
/// </summary>
public sealed class ExtractCommand(ParserSelector parsers)
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Chinese stays readable; the output is data, not HTML, so no HTML-safe escaping is needed.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int Run(IReadOnlyList<string> args, Stream stdout)
    {
        var json = args.Contains("--json");
        var options = IngestOptions.Parse([.. args.Where(a => a != "--json")]);
        var files = InputFiles.Expand(options.Paths).ToList();
        if (options.Url is not null && files.Count > 1) throw new UsageException("--url names one page; give it with a single input file");
        if (!json) throw new UsageException("extract prints JSON lines: add --json");

        var failed = 0;
        foreach (var path in files)
        {
            ParseResult result;
            try
            {
                result = parsers.Parse(InputFiles.Read(path), InputFiles.OriginOf(path, options));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                result = ParseResult.Failed("unknown", e is InvalidDataException ? e.Message : $"cannot read: {e.Message}");
            }
            // A feed file prints one line per item, each with the file's path.
            IReadOnlyList<ItemResult> items = result.Succeeded ? result.Items : [ItemResult.Failed(result.Error!)];
            failed += items.Count(i => i.Article is null);
            try
            {
                foreach (var item in items)
                {
                    using (var writer = new Utf8JsonWriter(stdout, WriterOptions)) Write(writer, path, result.Format, item);
                    stdout.WriteByte((byte)'\n');
                }
                stdout.Flush();
            }
            catch (IOException e)
            {
                // The lines are this command's product: lost, the command failed (exit 5).
                throw new StandardOutputException(e);
            }
        }
        return failed > 0 ? 1 : 0;
    }

    private static void Write(Utf8JsonWriter w, string path, string format, ItemResult item)
    {
        var a = item.Article;
        w.WriteStartObject();
        w.WriteString("path", path);
        w.WriteString("format", format);
        w.WriteString("guid", a?.Guid);
        w.WriteString("title", a?.Title);
        w.WriteString("kicker", a?.Kicker);
        WriteTime(w, "published", a?.PublishedAt);
        w.WriteBoolean("published_inferred_zone", a?.PublishedZoneInferred ?? false);
        w.WriteString("published_source", a?.PublishedSource);
        WriteTime(w, "updated", a?.UpdatedAt);
        WriteTime(w, "captured_at", a?.CapturedAt);
        w.WriteStartArray("authors");
        foreach (var author in a?.Authors ?? []) w.WriteStringValue(author);
        w.WriteEndArray();
        w.WriteString("editor", a?.Editor);
        w.WriteString("site_name", a?.SiteName);
        w.WriteString("outlet", a?.OutletName);
        w.WriteString("outlet_host", a?.OutletHost);
        w.WriteString("url", a?.Url);
        w.WriteString("canonical_url", a?.CanonicalUrl);
        w.WriteString("original_outlet", a?.OriginalOutlet);
        w.WriteString("language", a?.Language);
        w.WriteString("lead_image", a?.LeadImage);
        w.WriteStartArray("tags");
        foreach (var tag in a?.Tags ?? []) w.WriteStringValue(tag);
        w.WriteEndArray();
        w.WriteStartArray("images");
        foreach (var image in a?.Images ?? [])
        {
            w.WriteStartObject();
            w.WriteString("url", image.Url);
            w.WriteString("proxy_url", image.ProxyUrl);
            w.WriteString("caption", image.Caption);
            w.WriteString("alt", image.Alt);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("summary", a?.Summary);
        w.WriteString("body_html", a?.BodyHtml);
        w.WriteString("body_text", a?.BodyText);
        WriteRelated(w, a?.SiteTeasers ?? []);
        if (a?.ViewCount is { } views) w.WriteNumber("view_count", views);
        else w.WriteNull("view_count");
        w.WriteStartArray("warnings");
        foreach (var warning in a?.Warnings ?? []) w.WriteStringValue(warning);
        w.WriteEndArray();
        w.WriteString("error", item.Error);
        w.WriteEndObject();
    }

    private static void WriteRelated(Utf8JsonWriter w, IReadOnlyList<SiteTeaser> teasers)
    {
        w.WriteStartArray("related");
        foreach (var teaser in teasers)
        {
            w.WriteStartObject();
            w.WriteString("title", teaser.Title);
            w.WriteString("url", teaser.Url);
            w.WriteString("snippet", teaser.Snippet);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        // ISO 8601 with the offset the page used (China time stays +08:00), and the fraction of a
        // second when the input gave one.
        if (value is { } v) w.WriteString(name, v.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture));
        else w.WriteNull(name);
    }
}
