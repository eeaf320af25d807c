namespace NewsPortal.Evaluation.Corpus;

/// <summary>
/// Chinese Web Content Extraction Dataset: <c>original/&lt;uuid&gt;.html</c> with same-uuid
/// <c>cleaned/</c>, <c>author/</c> and <c>date/</c> labels. There is no title label.
/// </summary>
public sealed class CwceSource : ICorpusSource
{
    public string Name => "CWCE";
    public string Folder => "immortal-autumn__Chinese-Web-Content-Extraction-Dataset";
    public bool Silver => false;

    // Pages of one site, as the corpus README groups them (uuid prefix → site); every other page is
    // its own site. The pages carry no address of their own.
    private static readonly Dictionary<string, string> SiteGroups = new()
    {
        ["05e98007"] = "cdp1998.org", ["6650f72a"] = "cdp1998.org",
        ["5dc3fa2d"] = "beijingspring.com", ["caee0a34"] = "beijingspring.com", ["fddcb19c"] = "beijingspring.com",
        ["d7605742"] = "cclw.net", ["fad52388"] = "cclw.net",
        ["77fa9435"] = "pku.edu.cn", ["2168485b"] = "pku.edu.cn",
        ["b70f455d"] = "cl2000.com", ["0df12126"] = "cl2000.com",
        ["59562291"] = "wenxuecity.com", ["8f1cdd94"] = "wenxuecity.com",
    };

    public IEnumerable<LabelledPage> Load(string folder)
    {
        var originals = Path.Combine(folder, "original");
        if (!Directory.Exists(originals)) yield break;
        foreach (var html in Directory.EnumerateFiles(originals, "*.html").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(html);
            string Label(string kind) => Path.Combine(folder, kind, id + ".txt");
            var cleaned = Label("cleaned");
            yield return new LabelledPage
            {
                Id = id,
                Path = html,
                ReadBytes = () => File.ReadAllBytes(html),
                ReferenceBody = File.Exists(cleaned) ? File.ReadAllText(cleaned) : null,
                // Names are separated by spaces, sometimes by 、; UNKNOWN means no author is labelled.
                Authors = LabelFiles.Names(LabelFiles.ReadOptional(Label("author")), " ", "\u3000", "、"),
                Published = LabelFiles.ReadOptional(Label("date")),
                ChinaWallClock = true,
                SiteHint = SiteGroups.GetValueOrDefault(id[..8], id),
            };
        }
    }
}
