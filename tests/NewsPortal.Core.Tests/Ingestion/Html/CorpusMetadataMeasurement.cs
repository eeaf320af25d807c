using System.Globalization;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Ingestion.Html;
using NewsPortal.Core.Text;
using Xunit.Abstractions;

namespace NewsPortal.Core.Tests.Ingestion.Html;

/// <summary>
/// Prints how many labelled corpus pages get title, publish time and authors right, per source.
/// A measurement, not a gate: it asserts nothing and prints nothing when the corpus is absent
/// (<c>NEWSPORTAL_CORPUS</c>, default <c>/work/shared/corpus</c>).
/// </summary>
public sealed class CorpusMetadataMeasurement(ITestOutputHelper output)
{
    private sealed record Labelled(string Source, string Name, string Html, Uri? Url, string? Title, string? Date, string[]? Authors);

    private static readonly string Root = Environment.GetEnvironmentVariable("NEWSPORTAL_CORPUS") ?? "/work/shared/corpus";

    [Fact]
    public void Prints_metadata_accuracy_per_corpus_source()
    {
        if (!Directory.Exists(Root)) return;
        var reader = new HtmlMetadataReader();
        foreach (var group in Pages().GroupBy(p => p.Source))
        {
            int titles = 0, titleOk = 0, dates = 0, dateOk = 0, authors = 0, authorOk = 0;
            foreach (var page in group)
            {
                var result = reader.Read(new HtmlParser().ParseDocument(page.Html), page.Url);
                var shown = result.PublishedAt is { } p ? p.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) : "-";
                var (t, d, a) = (Same(page.Title, result.Title), SameTime(page.Date, result.PublishedAt), SameNames(page.Authors, result.Authors));
                if (page.Title is not null) { titles++; if (t) titleOk++; }
                if (page.Date is not null) { dates++; if (d) dateOk++; }
                if (page.Authors is not null) { authors++; if (a) authorOk++; }
                output.WriteLine($"{page.Source}/{page.Name}: title {(t ? "ok" : $"[{result.Title}] want [{page.Title}]")}; " +
                    $"date {(d ? "ok" : $"[{shown}] want [{page.Date}]")}; authors {(a ? "ok" : $"[{string.Join('|', result.Authors)}] want [{string.Join('|', page.Authors ?? [])}]")}");
            }
            output.WriteLine($"== {group.Key}: title {titleOk}/{titles}, published {dateOk}/{dates}, authors {authorOk}/{authors}");
        }
    }

    private static IEnumerable<Labelled> Pages()
    {
        var cwce = Path.Combine(Root, "immortal-autumn__Chinese-Web-Content-Extraction-Dataset");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(cwce, "original"), "*.html").Order())
        {
            var id = Path.GetFileNameWithoutExtension(file);
            var date = File.ReadAllText(Path.Combine(cwce, "date", id + ".txt")).Trim();
            var author = File.ReadAllText(Path.Combine(cwce, "author", id + ".txt")).Trim();
            yield return new("cwce", id[..8], Decode(file), null, null, date == "UNKNOWN" ? null : date,
                author == "UNKNOWN" ? [] : author.Split([' ', '、'], StringSplitOptions.RemoveEmptyEntries));
        }
        var readability = Path.Combine(Root, "mozilla__readability/test/test-pages");
        foreach (var dir in Directory.EnumerateDirectories(readability).Order())
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expected-metadata.json")));
            var byline = Str(json.RootElement, "byline");
            yield return new("readability", Path.GetFileName(dir), Decode(Path.Combine(dir, "source.html")), null,
                Str(json.RootElement, "title"), Str(json.RootElement, "publishedTime"), byline is null ? null : AuthorNames.Parse(ByPrefix(byline)).ToArray());
        }
        var trafilatura = Path.Combine(Root, "adbar__trafilatura/tests");
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(trafilatura, "evaldata.subset.json"))))
        {
            foreach (var item in json.RootElement.EnumerateObject())
            {
                var author = Str(item.Value, "author");
                yield return new("trafilatura", Str(item.Value, "file")!, Decode(Path.Combine(trafilatura, "eval", Str(item.Value, "file")!)),
                    new Uri(item.Name), Str(item.Value, "title")?.Trim(), Str(item.Value, "date"), author is null ? [] : [author]);
            }
        }
        var gne = Path.Combine(Root, "kingname__GeneralNewsExtractor/tests");
        foreach (var file in Directory.EnumerateFiles(gne, "*.gne_output_2019.json", SearchOption.AllDirectories).Order())
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var html = file.Replace(".gne_output_2019.json", ".html", StringComparison.Ordinal);
            var author = Str(json.RootElement, "author");
            yield return new("gne-silver", Path.GetRelativePath(gne, html), Decode(html), null, Str(json.RootElement, "title"),
                Str(json.RootElement, "publish_time"), author is null ? [] : [author]);
        }
    }

    private static string ByPrefix(string byline) => byline.StartsWith("By ", StringComparison.OrdinalIgnoreCase) ? byline[3..] : byline;

    private static string? Str(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString() : null;

    private static string Decode(string path)
    {
        Assert.True(InputDecoder.TryDecode(File.ReadAllBytes(path), out var text, out var error), error);
        return text;
    }

    private static bool Same(string? want, string? got) =>
        want is null || (got is not null && Norm(want) == Norm(got));

    private static string Norm(string s) => TextNormalizer.CollapseWhitespace(s.Normalize(NormalizationForm.FormKC));

    private static bool SameNames(string[]? want, IReadOnlyList<string> got) =>
        want is null || want.ToHashSet().SetEquals(got);

    // Compared as the wall clock the label shows: to the minute when it has minutes, else to the day.
    private static bool SameTime(string? want, DateTimeOffset? got)
    {
        if (want is null) return true;
        if (got is null) return false;
        var label = want.Trim();
        if (DateTimeOffset.TryParse(label, CultureInfo.InvariantCulture, DateTimeStyles.None, out var zoned) && HasZone(label))
            return zoned.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) == got.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        label = label.Replace('年', '-').Replace('月', '-').Replace("日", "", StringComparison.Ordinal);
        if (!DateTime.TryParse(label, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall)) return false;
        var local = got.Value.DateTime;
        return label.Contains(':')
            ? wall.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) == local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : wall.Date == local.Date;
    }

    private static bool HasZone(string s) => s.EndsWith('Z') || System.Text.RegularExpressions.Regex.IsMatch(s, @"[+-]\d{2}:?\d{2}$");
}
