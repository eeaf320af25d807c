namespace NewsPortal.Evaluation.Corpus;

/// <summary>
/// trafilatura's evaluation pages: <c>tests/eval/*.html</c>, labelled in
/// <c>tests/evaldata.subset.json</c> keyed by page URL with body segments and metadata.
/// </summary>
public sealed class TrafilaturaSource : ICorpusSource
{
    public string Name => "trafilatura";
    public string Folder => "adbar__trafilatura";
    public bool Silver => false;

    public IEnumerable<LabelledPage> Load(string folder)
    {
        var labels = Path.Combine(folder, "tests", "evaldata.subset.json");
        if (!File.Exists(labels)) yield break;
        using var json = LabelFiles.ReadJson(labels);
        foreach (var entry in json.RootElement.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var file = LabelFiles.String(entry.Value, "file");
            if (file is null) continue;
            var html = Path.Combine(folder, "tests", "eval", file);
            if (!File.Exists(html)) continue;
            yield return new LabelledPage
            {
                Id = file,
                Path = html,
                Url = entry.Name,
                ReadBytes = () => File.ReadAllBytes(html),
                Segments = new BodySegments(LabelFiles.Strings(entry.Value, "with"), LabelFiles.Strings(entry.Value, "without")),
                Title = LabelFiles.String(entry.Value, "title"),
                // "Lars Fischer und Alina Schadwinkel" names two people, as a readability byline does: the
                // "and" of the page languages splits like a comma (docs/evaluation.md).
                Authors = LabelFiles.Names(LabelFiles.String(entry.Value, "author"), ";", "、", ",", " and ", " und ", " et ", " y "),
                Published = LabelFiles.String(entry.Value, "date"),
                // A date label is the day the page shows in its own zone: China time for the Chinese
                // pages (xinhuanet), the publisher's local day for the European and American ones.
                ChinaWallClock = ChinesePage(entry.Name),
            };
        }
    }

    private static bool ChinesePage(string url) =>
        SiteKey.HostOf(url) is { } host && (host.EndsWith(".cn", StringComparison.Ordinal) || host.EndsWith("xinhuanet.com", StringComparison.Ordinal));
}
