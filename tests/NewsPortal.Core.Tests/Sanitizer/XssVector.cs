using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsPortal.Core.Tests.Sanitizer;

/// <summary>
/// One input/expectation pair lifted from mganss/HtmlSanitizer's test suite
/// (<c>testdata/xss/htmlsanitizer_tests.json</c>). The expectation is that library's choice; the input
/// is what we run our own invariants over.
/// </summary>
public sealed record XssVector
{
    [JsonPropertyName("test")] public required string Test { get; init; }
    [JsonPropertyName("api")] public required string Api { get; init; }
    [JsonPropertyName("input")] public required string Input { get; init; }
    [JsonPropertyName("extra_args")] public IReadOnlyList<string> ExtraArgs { get; init; } = [];
    [JsonPropertyName("assert")] public required string Assert { get; init; }
    [JsonPropertyName("expected")] public string? Expected { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }
    [JsonPropertyName("ignore_case")] public bool IgnoreCase { get; init; }
    [JsonPropertyName("config")] public required string Config { get; init; }
    [JsonPropertyName("index")] public int Index { get; init; }

    /// <summary>Upstream's <c>Sanitize(input, baseUrl)</c> resolves relative URLs; ours takes the same argument.</summary>
    public string? BaseUrl =>
        Api == "Sanitize" && ExtraArgs.Count > 0 && Uri.TryCreate(ExtraArgs[0], UriKind.Absolute, out _) ? ExtraArgs[0] : null;

    /// <summary>An exact-output expectation under the upstream default options: the ones worth comparing.</summary>
    public bool IsDefaultEquality => Assert == "equal" && Config == "default" && Expected is not null;

    public bool MatchesExpected(string output) =>
        Expected is not null && string.Equals(output, Expected, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    public override string ToString() => $"#{Index} {Test}";

    public static IReadOnlyList<XssVector> LoadAll()
    {
        using var stream = File.OpenRead(TestData.PathOf("xss", "htmlsanitizer_tests.json"));
        var file = JsonSerializer.Deserialize<VectorFile>(stream)
                   ?? throw new InvalidDataException("htmlsanitizer_tests.json is empty");
        if (file.Cases.Count != file.Count)
            throw new InvalidDataException($"htmlsanitizer_tests.json declares {file.Count} cases but holds {file.Cases.Count}");
        return file.Cases;
    }

    private sealed record VectorFile(
        [property: JsonPropertyName("count")] int Count,
        [property: JsonPropertyName("cases")] IReadOnlyList<XssVector> Cases);
}
