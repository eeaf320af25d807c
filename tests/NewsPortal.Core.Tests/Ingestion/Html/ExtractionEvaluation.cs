using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Ingestion.Html;
using Xunit.Abstractions;

namespace NewsPortal.Core.Tests.Ingestion.Html;

/// <summary>
/// Scores the extractor on the shared real-page corpus with the corpus README's metric (4-token
/// shingles, Han/kana/hangul characters as tokens) and prints body precision, recall and F1 per
/// source and the speed. A measurement, not a gate: nothing is asserted, and it says so when the
/// corpus (NEWSPORTAL_CORPUS, default /work/shared/corpus) is not there.
/// </summary>
public sealed partial class ExtractionEvaluation(ITestOutputHelper output)
{
    private static readonly string CorpusRoot = Environment.GetEnvironmentVariable("NEWSPORTAL_CORPUS") ?? "/work/shared/corpus";

    private sealed record Page(string Source, string Name, string Html, Uri? Url, string Reference);

    [Fact]
    public void Prints_body_scores_per_corpus_source()
    {
        if (!Directory.Exists(CorpusRoot))
        {
            output.WriteLine($"corpus not found at {CorpusRoot}; set NEWSPORTAL_CORPUS to score the extractor");
            return;
        }
        var pages = Cwce().Concat(Scrapinghub()).Concat(Readability()).Concat(Gne()).ToList();
        var dump = Environment.GetEnvironmentVariable("EXTRACT_DUMP");
        var parser = new HtmlParser();
        var extractor = new ArticleContentExtractor();
        var stopwatch = new Stopwatch();
        var scores = new List<(string Source, string Name, double? P, double? R)>();
        foreach (var page in pages)
        {
            stopwatch.Start();
            var document = parser.ParseDocument(page.Html);
            var content = extractor.Extract(document, page.Url, TitleOf(document));
            stopwatch.Stop();
            var (p, r) = Score(content.BodyText, page.Reference);
            scores.Add((page.Source, page.Name, p, r));
            if (dump is not null)
            {
                Directory.CreateDirectory(dump);
                File.WriteAllText(Path.Combine(dump, $"{page.Source}_{page.Name}.txt"), $"P={p:F3} R={r:F3}\n{RootsOf(document)}\n{content.BodyText}\n\n=== RELATED\n{string.Join("\n", content.Related)}\n=== IMAGES\n{string.Join("\n", content.Images)}");
            }
        }
        foreach (var group in scores.GroupBy(s => s.Source))
        {
            output.WriteLine(Summary(group.Key, group.ToList()));
            foreach (var s in group.Where(s => (s.P ?? 0) < 0.9 || (s.R ?? 0) < 0.9)) output.WriteLine($"    {s.Name}: P={s.P:F3} R={s.R:F3}");
        }
        output.WriteLine(Summary("all gold (cwce+scrapinghub)", scores.Where(s => s.Source is "cwce" or "scrapinghub").ToList()));
        output.WriteLine($"first pass (with JIT): {pages.Count} pages in {stopwatch.Elapsed.TotalSeconds:F2}s");
        stopwatch.Restart();
        var bytes = 0L;
        foreach (var page in pages)
        {
            bytes += page.Html.Length;
            extractor.Extract(parser.ParseDocument(page.Html), page.Url, null);
        }
        stopwatch.Stop();
        output.WriteLine($"warm pass: {pages.Count / stopwatch.Elapsed.TotalSeconds:F1} pages/s, {bytes / 1e6 / stopwatch.Elapsed.TotalSeconds:F1} M chars/s (parse + extract, one thread)");
        CheckTrafilaturaSegments(parser, extractor);
        TimeHugePage(parser, extractor);
    }

    // Which containers the scorer chose, as tag#id.class paths: the first thing to look at when a page scores badly.
    private static string RootsOf(IDocument document)
    {
        var dom = DomIndex.Build(document.Body!);
        var roots = new ContentScorer(dom).SelectRoots();
        return string.Join(" + ", roots.Select(i =>
        {
            var path = new List<string>();
            for (var e = dom.Elements[i]; e is not null; e = e.ParentElement) path.Add($"{e.LocalName}#{e.Id}.{e.ClassName}");
            path.Reverse();
            return "ROOT " + string.Join(" > ", path.Skip(2));
        }));
    }

    private static string Summary(string source, List<(string Source, string Name, double? P, double? R)> scores)
    {
        var precision = scores.Where(s => s.P is not null).Select(s => s.P!.Value).DefaultIfEmpty(0).Average();
        var recall = scores.Where(s => s.R is not null).Select(s => s.R!.Value).DefaultIfEmpty(0).Average();
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return $"{source,-28} pages={scores.Count,3} P={precision:F3} R={recall:F3} F1={f1:F3}";
    }

    private static string? TitleOf(IDocument document) =>
        document.QuerySelector("meta[property='og:title']")?.GetAttribute("content") ?? document.QuerySelector("h1")?.TextContent.Trim();

    private static (double? Precision, double? Recall) Score(string predicted, string reference)
    {
        var p = Shingles(predicted);
        var r = Shingles(reference);
        var overlap = 0;
        foreach (var (shingle, count) in p) overlap += Math.Min(count, r.GetValueOrDefault(shingle));
        var pCount = p.Values.Sum();
        var rCount = r.Values.Sum();
        return (pCount == 0 ? null : (double)overlap / pCount, rCount == 0 ? null : (double)overlap / rCount);
    }

    private static Dictionary<string, int> Shingles(string text)
    {
        var tokens = new List<string>();
        foreach (Match run in WordRun().Matches(text.Normalize(NormalizationForm.FormKC)))
        {
            var pending = new StringBuilder();
            foreach (var c in run.Value)
            {
                if (IsCjk(c))
                {
                    if (pending.Length > 0) { tokens.Add(pending.ToString()); pending.Clear(); }
                    tokens.Add(c.ToString());
                }
                else pending.Append(c);
            }
            if (pending.Length > 0) tokens.Add(pending.ToString());
        }
        var shingles = new Dictionary<string, int>();
        if (tokens.Count == 0) return shingles;
        var n = Math.Max(1, tokens.Count - 3);
        for (var i = 0; i < n; i++)
        {
            var key = string.Join(' ', tokens.Skip(i).Take(4));
            shingles[key] = shingles.GetValueOrDefault(key) + 1;
        }
        return shingles;
    }

    private static bool IsCjk(char c) =>
        c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\u3040' and <= '\u30FF' or >= '\uAC00' and <= '\uD7AF';

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordRun();

    // A 20 MB page: 30,000 paragraphs, a link list every 100 of them. Work must stay linear.
    private void TimeHugePage(HtmlParser parser, ArticleContentExtractor extractor)
    {
        var html = new StringBuilder("<html><body><div class=\"nav\"><a href=\"/\">首页</a></div><div class=\"content\">");
        for (var i = 0; i < 30_000; i++)
        {
            html.Append("<p>第").Append(i).Append("段，这是一个很长的段落，用来测量抽取器在巨大页面上的速度，内容重复但结构真实。").Append(new string('文', 180)).Append("。</p>\n");
            if (i % 100 == 0) html.Append("<ul><li><a href=\"/x\">相关链接一</a></li><li><a href=\"/y\">相关链接二</a></li></ul>");
        }
        html.Append("</div></body></html>");
        var stopwatch = Stopwatch.StartNew();
        var document = parser.ParseDocument(html.ToString());
        var parsed = stopwatch.Elapsed;
        var content = extractor.Extract(document, null, null);
        output.WriteLine($"huge page: {html.Length / 1e6:F1} M chars, parse {parsed.TotalSeconds:F2}s, extract {(stopwatch.Elapsed - parsed).TotalSeconds:F2}s, body {content.BodyText.Length / 1e6:F1} M chars");
    }

    // trafilatura's eval labels: segments that must be in the body ("with") and must not ("without").
    private void CheckTrafilaturaSegments(HtmlParser parser, ArticleContentExtractor extractor)
    {
        var root = Path.Combine(CorpusRoot, "adbar__trafilatura", "tests");
        using var labels = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "evaldata.subset.json")));
        foreach (var entry in labels.RootElement.EnumerateObject())
        {
            var file = entry.Value.GetProperty("file").GetString()!;
            InputDecoder.TryDecode(File.ReadAllBytes(Path.Combine(root, "eval", file)), out var html, out _);
            var body = extractor.Extract(parser.ParseDocument(html), new Uri(entry.Name), entry.Value.GetProperty("title").GetString()).BodyText;
            var with = entry.Value.GetProperty("with").EnumerateArray().Select(e => e.GetString()!).ToList();
            var without = entry.Value.GetProperty("without").EnumerateArray().Select(e => e.GetString()!).ToList();
            output.WriteLine($"trafilatura {file}: with {with.Count(body.Contains)}/{with.Count}, without {without.Count(w => !body.Contains(w))}/{without.Count}"
                + string.Concat(with.Where(w => !body.Contains(w)).Select(w => $" [missing: {w}]")) + string.Concat(without.Where(body.Contains).Select(w => $" [present: {w}]")));
        }
    }

    private static IEnumerable<Page> Cwce()
    {
        var root = Path.Combine(CorpusRoot, "immortal-autumn__Chinese-Web-Content-Extraction-Dataset");
        foreach (var file in Directory.GetFiles(Path.Combine(root, "original"), "*.html").Order())
        {
            var name = Path.GetFileNameWithoutExtension(file);
            InputDecoder.TryDecode(File.ReadAllBytes(file), out var html, out _);
            yield return new Page("cwce", name, html, null, File.ReadAllText(Path.Combine(root, "cleaned", name + ".txt")));
        }
    }

    private static IEnumerable<Page> Scrapinghub()
    {
        var root = Path.Combine(CorpusRoot, "scrapinghub__article-extraction-benchmark");
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "ground-truth.subset.json")));
        foreach (var entry in truth.RootElement.EnumerateObject().OrderBy(e => e.Name))
        {
            using var gz = new GZipStream(File.OpenRead(Path.Combine(root, "html", entry.Name + ".html.gz")), CompressionMode.Decompress);
            using var bytes = new MemoryStream();
            gz.CopyTo(bytes);
            InputDecoder.TryDecode(bytes.ToArray(), out var html, out _);
            var url = entry.Value.GetProperty("url").GetString();
            yield return new Page("scrapinghub", entry.Name[..8], html, url is null ? null : new Uri(url), entry.Value.GetProperty("articleBody").GetString() ?? "");
        }
    }

    private static IEnumerable<Page> Readability()
    {
        var parser = new HtmlParser();
        foreach (var dir in Directory.GetDirectories(Path.Combine(CorpusRoot, "mozilla__readability", "test", "test-pages")).Order())
        {
            InputDecoder.TryDecode(File.ReadAllBytes(Path.Combine(dir, "source.html")), out var html, out _);
            var expected = parser.ParseDocument(File.ReadAllText(Path.Combine(dir, "expected.html"))).Body?.TextContent ?? "";
            yield return new Page("readability", Path.GetFileName(dir), html, new Uri("http://fakehost/test/page.html"), expected);
        }
    }

    private static IEnumerable<Page> Gne()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(CorpusRoot, "kingname__GeneralNewsExtractor", "tests"), "*.html", SearchOption.AllDirectories).Order())
        {
            var json = Path.ChangeExtension(file, null) + ".gne_output_2019.json";
            if (!File.Exists(json)) continue;
            using var label = JsonDocument.Parse(File.ReadAllText(json));
            InputDecoder.TryDecode(File.ReadAllBytes(file), out var html, out _);
            var name = Path.GetFileName(Path.GetDirectoryName(file)) + "-" + Path.GetFileNameWithoutExtension(file);
            yield return new Page("gne (silver)", name, html, null, label.RootElement.GetProperty("content").GetString() ?? "");
        }
    }
}
