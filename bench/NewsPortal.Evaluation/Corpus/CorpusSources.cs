namespace NewsPortal.Evaluation.Corpus;

/// <summary>The five sources the corpus README describes; a root may hold any subset of them.</summary>
public static class CorpusSources
{
    public static IReadOnlyList<ICorpusSource> All { get; } =
    [
        new CwceSource(), new TrafilaturaSource(), new GneSource(), new ReadabilitySource(), new ScrapinghubSource(),
    ];

    public static IEnumerable<(ICorpusSource Source, string Folder)> Present(string root) =>
        All.Select(s => (s, Path.Combine(root, s.Folder))).Where(p => Directory.Exists(p.Item2));
}
