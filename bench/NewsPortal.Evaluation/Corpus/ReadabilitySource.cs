namespace NewsPortal.Evaluation.Corpus;

/// <summary>
/// Readability.js test pages: <c>test/test-pages/&lt;name&gt;/source.html</c>. The reference body
/// is the text of <c>expected.html</c>; title, byline and publishedTime come from
/// <c>expected-metadata.json</c>. All of it is Readability's own reviewed output, a regression oracle.
/// </summary>
public sealed class ReadabilitySource : ICorpusSource
{
    public string Name => "readability";
    public string Folder => "mozilla__readability";
    public bool Silver => false;

    public IEnumerable<LabelledPage> Load(string folder)
    {
        var pages = Path.Combine(folder, "test", "test-pages");
        if (!Directory.Exists(pages)) yield break;
        foreach (var dir in Directory.EnumerateDirectories(pages).Order(StringComparer.Ordinal))
        {
            var source = Path.Combine(dir, "source.html");
            if (!File.Exists(source)) continue;
            var expected = Path.Combine(dir, "expected.html");
            var metadata = Path.Combine(dir, "expected-metadata.json");
            string? title = null, byline = null, published = null, lang = null;
            if (File.Exists(metadata))
            {
                using var json = LabelFiles.ReadJson(metadata);
                title = LabelFiles.String(json.RootElement, "title");
                byline = LabelFiles.String(json.RootElement, "byline");
                published = LabelFiles.String(json.RootElement, "publishedTime");
                lang = LabelFiles.String(json.RootElement, "lang");
            }
            yield return new LabelledPage
            {
                Id = Path.GetFileName(dir),
                Path = source,
                ReadBytes = () => File.ReadAllBytes(source),
                ReferenceBody = File.Exists(expected) ? HtmlFragmentText.Extract(File.ReadAllText(expected)) : null,
                Title = title,
                Authors = BylineNames(byline),
                Published = published,
                ChinaWallClock = lang?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true,
                // wapo-1 and wapo-2, cnet and cnet-svg-classes: the name before the first dash is the site.
                SiteHint = Path.GetFileName(dir).Split('-')[0],
            };
        }
    }

    // A byline is one string ("By Erin Cunningham", "A, B and C"); read it as a set of names so it
    // can be compared with a parser's author list. The pages are in nine languages, so "and" is also
    // et/und/y/e, and "A (avec B et C)" names three people. "&" does not split ("Mac & i" is one
    // outlet). Bylines that are not names (a date line, "Name, MA") simply never match.
    private static IReadOnlyList<string>? BylineNames(string? byline)
    {
        if (byline is null) return null;
        var text = byline.Trim();
        if (text.StartsWith("By ", StringComparison.OrdinalIgnoreCase)) text = text[3..];
        // The ")" left on the last name is punctuation, which the name comparison ignores.
        return LabelFiles.Names(text, ",", ";", " and ", "、", " et ", " und ", " y ", " e ", "(avec ", "(with ", "(mit ", "(con ", "(com ");
    }
}
