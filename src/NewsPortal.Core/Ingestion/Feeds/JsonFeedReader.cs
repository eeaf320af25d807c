using System.Text.Json;

namespace NewsPortal.Core.Ingestion.Feeds;

/// <summary>
/// JSON Feed 1.0/1.1 into feed entries. Fields of the wrong type are ignored one by one rather than
/// failing the item, and an item that is not an object fails alone.
/// </summary>
internal static class JsonFeedReader
{
    public static (FeedChannel Channel, List<(FeedEntry? Entry, string? Error)> Entries) Read(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !(Str(root, "version")?.Contains("jsonfeed.org", StringComparison.Ordinal) ?? false))
            throw new JsonException("not a JSON Feed (no version https://jsonfeed.org/version/1.x)");
        var channel = new FeedChannel(Str(root, "title"), Str(root, "home_page_url"), Str(root, "language"));
        if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            throw new JsonException("\"items\" is missing or not an array");
        var feedAuthors = Authors(root);
        var entries = new List<(FeedEntry?, string?)>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                entries.Add((null, $"item is a JSON {item.ValueKind.ToString().ToLowerInvariant()}, not an object"));
                continue;
            }
            var authors = Authors(item);
            entries.Add((new FeedEntry
            {
                Guid = Str(item, "id") ?? (item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number ? id.GetRawText() : null),
                Title = Str(item, "title"),
                Link = Str(item, "url") ?? Str(item, "external_url"),
                Published = Str(item, "date_published"),
                PublishedField = "date_published",
                Updated = Str(item, "date_modified"),
                ContentHtml = Str(item, "content_html"),
                ContentText = Str(item, "content_text"),
                SummaryHtml = Str(item, "summary"),
                Authors = authors.Count > 0 ? authors : feedAuthors,
                Categories = item.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                    ? [.. tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)]
                    : [],
                Images = [.. new[] { Str(item, "image"), Str(item, "banner_image") }.OfType<string>().Select(u => (u, (string?)null))],
            }, null));
        }
        return (channel, entries);
    }

    private static List<string> Authors(JsonElement element)
    {
        var names = new List<string>();
        if (element.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
            names.AddRange(authors.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a => Str(a, "name")).OfType<string>());
        else if (element.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.Object && Str(author, "name") is { } name)
            names.Add(name); // JSON Feed 1.0
        return names;
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;
}
