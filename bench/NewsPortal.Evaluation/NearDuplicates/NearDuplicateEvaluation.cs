using System.Diagnostics;
using System.Globalization;
using System.Text;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Text;
using NewsPortal.Evaluation.Corpus;

namespace NewsPortal.Evaluation.NearDuplicates;

/// <summary>
/// Measures the near-duplicate rule (docs/deduplication.md): every pair of different corpus articles
/// must stay apart (false links), the two samples (one event told by two outlets) must stay apart,
/// and synthetic reposts of each corpus body must be found by the band keys and verified (detection).
/// Prints numbers; asserts nothing.
/// </summary>
public static class NearDuplicateEvaluation
{
    // Different random drops, moves and cut points for each body; the chrome lines are the same each time.
    private const int CopiesPerBody = 5;

    private sealed record Text(string Id, string Body, NearDuplicateSignature Signature, HashSet<long> Keys);

    public static string Run(string corpusRoot, IReadOnlyList<string> samplePaths)
    {
        var selector = ParserSelector.CreateDefault();
        var texts = new List<Text>();
        foreach (var (_, folder) in CorpusSources.Present(corpusRoot))
        {
            foreach (var page in CorpusSources.All.First(s => folder.EndsWith(s.Folder, StringComparison.Ordinal)).Load(folder))
            {
                var body = selector.Parse(page.ReadBytes(), new InputOrigin(page.Path, page.Url)).Article?.BodyText;
                if (!string.IsNullOrWhiteSpace(body)) texts.Add(Make(page.Id, body));
            }
        }
        var report = new StringBuilder();
        var linkable = texts.Where(t => t.Signature.IsLinkable).ToList();
        report.AppendLine(CultureInfo.InvariantCulture, $"corpus bodies: {texts.Count}, long enough to link (>= {NearDuplicateSignature.MinimumLetters} letters): {linkable.Count}");
        report.Append(Pairs(linkable));
        report.Append(Samples(samplePaths, selector));
        report.Append(Reposts(linkable));
        report.Append(Speed(linkable));
        return report.ToString();
    }

    private static Text Make(string id, string body)
    {
        var signature = NearDuplicateSignature.Compute(body);
        return new Text(id, body, signature, [.. signature.BandKeys()]);
    }

    private static string Pairs(List<Text> texts)
    {
        int pairs = 0, candidates = 0, links = 0;
        var top = new List<(double Jaccard, double Containment, double Lead, string A, string B)>();
        for (var i = 0; i < texts.Count; i++)
        {
            for (var j = i + 1; j < texts.Count; j++)
            {
                pairs++;
                if (texts[i].Keys.Overlaps(texts[j].Keys)) candidates++;
                var s = texts[i].Signature.CompareWith(texts[j].Signature);
                if (s.IsDuplicate) links++;
                top.Add((s.Jaccard, s.Containment, s.LeadContainment, texts[i].Id, texts[j].Id));
            }
        }
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"pairs of different corpus articles: {pairs}; sharing a band key: {candidates}; linked (false links): {links}");
        b.AppendLine(CultureInfo.InvariantCulture, $"  highest Jaccard {top.Max(t => t.Jaccard):F3}, highest containment {top.Max(t => t.Containment):F3}, highest opening containment {top.Max(t => t.Lead):F3}");
        foreach (var t in top.OrderByDescending(t => t.Containment).Take(3))
            b.AppendLine(CultureInfo.InvariantCulture, $"  most contained: J {t.Jaccard:F3} C {t.Containment:F3} lead {t.Lead:F3}  {t.A} / {t.B}");
        return b.ToString();
    }

    private static string Samples(IReadOnlyList<string> paths, ParserSelector selector)
    {
        if (paths.Count != 2) return "samples: not given\n";
        var texts = paths.Select(p => Make(Path.GetFileName(p), selector.Parse(File.ReadAllBytes(p), new InputOrigin(p)).Article?.BodyText ?? "")).ToList();
        var s = texts[0].Signature.CompareWith(texts[1].Signature);
        return string.Create(CultureInfo.InvariantCulture,
            $"samples (one event, two outlets): J {s.Jaccard:F3} C {s.Containment:F3} lead {s.LeadContainment:F3}, shared band keys {texts[0].Keys.Intersect(texts[1].Keys).Count()}, linked: {s.IsDuplicate}\n");
    }

    private static string Reposts(List<Text> originals)
    {
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"synthetic reposts ({CopiesPerBody} of each linkable corpus body): found by bands / verified / both (detected); false links to other bodies");
        var allFalse = 0;
        foreach (var kind in SyntheticReposts.Kinds)
        {
            int made = 0, found = 0, verified = 0, detected = 0, falseLinks = 0, tooShort = 0;
            var scores = new List<NearDuplicateSimilarity>();
            var misses = new List<string>();
            for (var n = 0; n < originals.Count * CopiesPerBody; n++)
            {
                var original = originals[n / CopiesPerBody];
                var copy = Make(original.Id + " copy", SyntheticReposts.Make(kind, original.Body, seed: n));
                if (!copy.Signature.IsLinkable)
                {
                    // A copy cut below the minimum length is left apart by design, not missed.
                    tooShort++;
                    continue;
                }
                made++;
                var s = copy.Signature.CompareWith(original.Signature);
                scores.Add(s);
                var candidate = copy.Keys.Overlaps(original.Keys);
                if (candidate) found++;
                if (s.IsDuplicate) verified++;
                if (candidate && s.IsDuplicate) detected++;
                else misses.Add(string.Create(CultureInfo.InvariantCulture, $"    missed {original.Id} ({original.Signature.ShingleCount} shingles): J {s.Jaccard:F2} C {s.Containment:F2} lead {s.LeadContainment:F2}, band match {candidate}"));
                falseLinks += originals.Count(o => o != original && copy.Keys.Overlaps(o.Keys) && copy.Signature.IsDuplicateOf(o.Signature));
            }
            allFalse += falseLinks;
            b.AppendLine(CultureInfo.InvariantCulture,
                $"  {kind,-30} {found,3} / {verified,3} / {detected,3} of {made} ({100.0 * detected / made:F1}%)  J min {scores.Min(x => x.Jaccard):F2} median {Median(scores.Select(x => x.Jaccard)):F2}  C min {scores.Min(x => x.Containment):F2}  lead min {scores.Min(x => x.LeadContainment):F2}  false links {falseLinks}  copies too short to link {tooShort}");
            foreach (var miss in misses) b.AppendLine(miss);
        }
        b.AppendLine(CultureInfo.InvariantCulture, $"  false links of reposts to other bodies, all kinds: {allFalse}");
        return b.ToString();
    }

    private static string Speed(List<Text> texts)
    {
        var letters = texts.Sum(t => t.Body.Length);
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        for (; clock.Elapsed < TimeSpan.FromSeconds(2); rounds++)
            foreach (var t in texts) NearDuplicateSignature.Compute(t.Body).BandKeys();
        var perText = clock.Elapsed.TotalMicroseconds / (rounds * texts.Count);
        return string.Create(CultureInfo.InvariantCulture,
            $"signature + band keys: {perText:F0} µs per body (mean body {letters / texts.Count} characters), one thread\n");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
