namespace NewsPortal.Core.Articles;

/// <summary>
/// A reader section by language; the numbers are what the database's <c>article_section(language)</c>
/// returns (migration 0018), which is the one place the rule lives: zh* Chinese, en* English, the rest Other.
/// </summary>
public enum Section
{
    Chinese = 1,
    English = 2,
    Other = 3,
}

public static class Sections
{
    public static readonly IReadOnlyList<(Section Section, string Slug, string Label)> All =
        [(Section.Chinese, "zh", "中文"), (Section.English, "en", "English"), (Section.Other, "other", "其他")];

    public static string Slug(Section section) => All.First(s => s.Section == section).Slug;

    public static string Label(Section section) => All.First(s => s.Section == section).Label;

    /// <summary>The section a slug names (zh, en, other); false for anything else.</summary>
    public static bool TryParse(string? slug, out Section section)
    {
        foreach (var (s, name, _) in All)
        {
            if (string.Equals(name, slug, StringComparison.Ordinal))
            {
                section = s;
                return true;
            }
        }
        section = default;
        return false;
    }
}
