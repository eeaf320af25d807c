using System.Text.Json;

namespace NewsPortal.Evaluation.Corpus;

/// <summary>Small helpers the loaders share for reading label files.</summary>
public static class LabelFiles
{
    /// <summary>The trimmed text of a label file, or null when the file is missing, blank or says UNKNOWN.</summary>
    public static string? ReadOptional(string path)
    {
        if (!File.Exists(path)) return null;
        var text = File.ReadAllText(path).Trim();
        return text.Length == 0 || text.Equals("UNKNOWN", StringComparison.OrdinalIgnoreCase) ? null : text;
    }

    public static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;

    public static IReadOnlyList<string> Strings(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];

    /// <summary>Splits an author label into names; null when nothing is labelled.</summary>
    public static IReadOnlyList<string>? Names(string? label, params string[] separators)
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        var names = label.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Length == 0 ? null : names;
    }

    public static JsonDocument ReadJson(string path) => JsonDocument.Parse(File.ReadAllBytes(path));
}
