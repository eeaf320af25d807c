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
            };
        }
    }
}
