namespace NewsPortal.Evaluation.Corpus;

/// <summary>
/// GeneralNewsExtractor's test pages: <c>tests/&lt;site&gt;/&lt;n&gt;.html</c> with GNE's own 2019
/// output beside them (<c>&lt;n&gt;.gne_output_2019.json</c>). SILVER: never checked by hand.
/// </summary>
public sealed class GneSource : ICorpusSource
{
    // GNE took toutiao's search button for the author; the README lists it as a known error.
    private static readonly HashSet<string> KnownWrongAuthors = ["搜索"];

    public string Name => "GNE";
    public string Folder => "kingname__GeneralNewsExtractor";
    public bool Silver => true;

    public IEnumerable<LabelledPage> Load(string folder)
    {
        var tests = Path.Combine(folder, "tests");
        if (!Directory.Exists(tests)) yield break;
        foreach (var labels in Directory.EnumerateFiles(tests, "*.gne_output_2019.json", SearchOption.AllDirectories)
                     .Order(StringComparer.Ordinal))
        {
            var html = labels[..^".gne_output_2019.json".Length] + ".html";
            if (!File.Exists(html)) continue;
            using var json = LabelFiles.ReadJson(labels);
            var label = json.RootElement;
            var author = LabelFiles.String(label, "author");
            yield return new LabelledPage
            {
                Id = Path.GetRelativePath(tests, html),
                Path = html,
                ReadBytes = () => File.ReadAllBytes(html),
                ReferenceBody = LabelFiles.String(label, "content"),
                Title = LabelFiles.String(label, "title"),
                Authors = author is null || KnownWrongAuthors.Contains(author.Trim()) ? null : LabelFiles.Names(author, " ", "、"),
                Published = LabelFiles.String(label, "publish_time"),
                ChinaWallClock = true,
                // tests/<site>/<n>.html: the folder is the site.
                SiteHint = Path.GetFileName(Path.GetDirectoryName(html)),
            };
        }
    }
}
