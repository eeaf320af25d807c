using System.IO.Compression;

namespace NewsPortal.Evaluation.Corpus;

/// <summary>
/// scrapinghub's article-extraction-benchmark: <c>html/&lt;id&gt;.html.gz</c> with the body and URL
/// in <c>ground-truth.subset.json</c>. Only the body is labelled.
/// </summary>
public sealed class ScrapinghubSource : ICorpusSource
{
    public string Name => "scrapinghub";
    public string Folder => "scrapinghub__article-extraction-benchmark";
    public bool Silver => false;

    public IEnumerable<LabelledPage> Load(string folder)
    {
        var labels = Path.Combine(folder, "ground-truth.subset.json");
        if (!File.Exists(labels)) yield break;
        using var json = LabelFiles.ReadJson(labels);
        foreach (var entry in json.RootElement.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var gz = Path.Combine(folder, "html", entry.Name + ".html.gz");
            if (!File.Exists(gz)) continue;
            yield return new LabelledPage
            {
                Id = entry.Name[..Math.Min(12, entry.Name.Length)],
                Path = gz,
                Url = LabelFiles.String(entry.Value, "url"),
                ReadBytes = () => Gunzip(gz),
                // An empty articleBody stays an empty reference: the page then counts for precision only.
                ReferenceBody = LabelFiles.String(entry.Value, "articleBody") ?? "",
            };
        }
    }

    private static byte[] Gunzip(string path)
    {
        using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
