namespace NewsPortal.Evaluation.Report;

/// <summary>
/// Writes generated Markdown between <c>&lt;!-- evaluation:begin --&gt;</c> and
/// <c>&lt;!-- evaluation:end --&gt;</c>, leaving the rest of the file as it is. A file without
/// the markers gets them appended; a missing file is created.
/// </summary>
public static class MarkdownSection
{
    public const string Begin = "<!-- evaluation:begin -->";
    public const string End = "<!-- evaluation:end -->";

    public static void Write(string path, string content)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "";
        File.WriteAllText(path, Replace(existing, content));
    }

    public static string Replace(string document, string content)
    {
        var section = $"{Begin}\n{content.TrimEnd()}\n{End}";
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = begin < 0 ? -1 : document.IndexOf(End, begin, StringComparison.Ordinal);
        if (begin >= 0 && end >= 0) return document[..begin] + section + document[(end + End.Length)..];
        if (document.Length == 0) return section + "\n";
        return document.TrimEnd() + "\n\n" + section + "\n";
    }
}
