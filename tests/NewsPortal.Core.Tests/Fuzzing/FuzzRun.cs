using System.Diagnostics;
using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Tests.Sanitizer;

namespace NewsPortal.Core.Tests.Fuzzing;

/// <summary>
/// Runs inputs through <see cref="ParserSelector.Parse"/> exactly as ingestion does and records what
/// breaks the parsers' promises: an exception that escapes, an input that runs past the time limit
/// plus <see cref="Margin"/>, a failure without a reason, and an article body that is not sanitized
/// (re-sanitizing changes it, or a browser would find active content or srcdoc in it).
/// Every problem is kept, so one run shows them all.
/// </summary>
public sealed class FuzzRun
{
    /// <summary>Short, so that an input that ignores the limit shows quickly; real pages take milliseconds.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);

    /// <summary>What a parser may overrun the limit by between two checks of it (GC pauses on a shared machine included).</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    private readonly ParserSelector _selector = ParserSelector.CreateDefault(new ParserOptions { TimeLimit = TimeLimit });
    private readonly HtmlSanitizer _sanitizer = new();
    private readonly HtmlInvariantChecker _checker = new();
    private readonly HtmlParser _parser = new();
    private readonly Dictionary<string, FamilyStats> _families = new(StringComparer.Ordinal);
    private readonly List<string> _crashes = [];
    private readonly List<string> _slow = [];
    private readonly List<string> _stalled = [];
    private readonly List<string> _unsanitized = [];
    private readonly List<string> _unexplained = [];
    private readonly List<string> _notCanonical = [];

    public int Inputs { get; private set; }
    public IReadOnlyCollection<string> Families => _families.Keys;
    public IReadOnlyList<string> Crashes => _crashes;
    public IReadOnlyList<string> Slow => _slow;
    public IReadOnlyList<string> Unsanitized => _unsanitized;
    public IReadOnlyList<string> Unexplained => _unexplained;

    /// <summary>
    /// Safe bodies that re-sanitizing only re-serializes: the same tree written otherwise. Parsers write
    /// text as the sanitizer does (<c>HtmlSanitizer.EscapeText</c>), which took these from 912 in 100,000
    /// inputs to 1 in 30,000; what is left is counted and shown, not failed: docs/operations.md, "Fuzzing".
    /// </summary>
    public IReadOnlyList<string> NotCanonical => _notCanonical;
    public IEnumerable<string> Problems => _crashes.Concat(_slow).Concat(_unsanitized).Concat(_unexplained);
    public (TimeSpan Time, string Input) Slowest { get; private set; } = (TimeSpan.Zero, "none");

    public void Run(FuzzInput input)
    {
        Inputs++;
        var stats = _families.TryGetValue(input.Family, out var s) ? s : _families[input.Family] = new FamilyStats();
        stats.Inputs++;
        var label = $"{input.Case} [{input.Family} {input.Name}; {input.Steps}; {input.Bytes.Length:N0} bytes]";
        ParseResult result;
        var watch = Stopwatch.StartNew();
        try
        {
            result = _selector.Parse(input.Bytes, new InputOrigin($"/fuzz/{input.Name}", "https://fuzz.example.com/news/1.html"));
        }
        catch (Exception e)
        {
            _crashes.Add($"{label}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            return;
        }
        finally
        {
            stats.Note(watch.Elapsed);
        }
        if (watch.Elapsed > Slowest.Time) Slowest = (watch.Elapsed, label);
        if (watch.Elapsed > TimeLimit + Margin)
        {
            // Timed again before it counts: a parser that runs past its limit does so every time, while
            // a machine busy with other test processes can stall one parse for seconds (a case that
            // parses in 0.2 s took 5.4 s once while the integration and browser tests ran alongside).
            var again = Stopwatch.StartNew();
            _selector.Parse(input.Bytes, new InputOrigin($"/fuzz/{input.Name}", "https://fuzz.example.com/news/1.html"));
            if (again.Elapsed > TimeLimit + Margin)
                _slow.Add($"{label}: {watch.Elapsed.TotalMilliseconds:F0} ms, again {again.Elapsed.TotalMilliseconds:F0} ms");
            else
                _stalled.Add($"{label}: {watch.Elapsed.TotalMilliseconds:F0} ms, again {again.Elapsed.TotalMilliseconds:F0} ms");
        }
        if (!result.Succeeded)
        {
            stats.Failed++;
            if (string.IsNullOrWhiteSpace(result.Error)) _unexplained.Add($"{label}: failed without a reason");
            return;
        }
        foreach (var item in result.Items)
        {
            if (item.Article is null)
            {
                if (string.IsNullOrWhiteSpace(item.Error)) _unexplained.Add($"{label}: an item failed without a reason");
                continue;
            }
            stats.Articles++;
            if (BodyProblem(item.Article.BodyHtml, item.Article.Url) is not { } problem) continue;
            var list = problem.StartsWith(Reserialized, StringComparison.Ordinal) ? _notCanonical : _unsanitized;
            list.Add($"{label}: {problem}\n    body: {Excerpt(item.Article.BodyHtml)}");
        }
    }

    /// <summary>Why <paramref name="body"/> is not sanitized output, or null when it is.</summary>
    public string? BodyProblem(string body, string? url)
    {
        var violations = _checker.Check(body);
        if (violations.Count > 0) return string.Join("; ", violations);
        var again = _sanitizer.Sanitize(body, url);
        if (again != body)
            return again == Reserialize(body) ? $"{Reserialized}: {Excerpt(again)}" : $"re-sanitizing changes the body to: {Excerpt(again)}";
        var srcdoc = _parser.ParseDocument(body).All.FirstOrDefault(e => e.Attributes.Any(a => a.Name.Equals("srcdoc", StringComparison.OrdinalIgnoreCase)));
        return srcdoc is null ? null : $"srcdoc on <{srcdoc.LocalName}>";
    }

    private const string Reserialized = "re-sanitizing only re-serializes the same tree";

    private string Reserialize(string body)
    {
        var document = _parser.ParseDocument("<!DOCTYPE html><html><body></body></html>");
        document.Body!.InnerHtml = body;
        return document.Body.InnerHtml;
    }

    /// <summary>Inputs, failures, articles and the slowest input per family, then the totals.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        foreach (var (family, stats) in _families.OrderBy(f => f.Key, StringComparer.Ordinal))
            text.AppendLine(CultureInfo.InvariantCulture, $"  {family,-24} {stats.Inputs,7:N0} inputs, {stats.Failed,7:N0} failed with a reason, {stats.Articles,7:N0} articles, " +
                $"mean {stats.Total.TotalMilliseconds / Math.Max(1, stats.Inputs),6:F2} ms, slowest {stats.Slowest.TotalMilliseconds,7:F1} ms");
        text.AppendLine(CultureInfo.InvariantCulture, $"inputs {Inputs:N0}, crashes {_crashes.Count}, over the time limit {_slow.Count}, " +
            $"unsanitized outputs {_unsanitized.Count}, failures without a reason {_unexplained.Count}; " +
            $"safe bodies not in the sanitizer's serialization {_notCanonical.Count}");
        text.AppendLine(CultureInfo.InvariantCulture, $"slowest input {Slowest.Time.TotalMilliseconds:F1} ms (limit {TimeLimit.TotalSeconds:F0} s + margin {Margin.TotalSeconds:F0} s): {Slowest.Input}");
        foreach (var stall in _stalled) text.AppendLine(CultureInfo.InvariantCulture, $"over the limit once, within it when timed again (the machine, not the parser): {stall}");
        return text.ToString();
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private sealed class FamilyStats
    {
        public int Inputs, Failed, Articles;
        public TimeSpan Total, Slowest;

        public void Note(TimeSpan elapsed)
        {
            Total += elapsed;
            if (elapsed > Slowest) Slowest = elapsed;
        }
    }
}
