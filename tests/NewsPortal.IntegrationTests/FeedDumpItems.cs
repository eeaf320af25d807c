namespace NewsPortal.IntegrationTests;

/// <summary>
/// The feed-dump sample as many distinct items, for runs of many inputs: item i has its own title
/// and URL (so its own identity), and the sample's body and two images.
/// </summary>
public static class FeedDumpItems
{
    private static readonly Lazy<string> Sample = new(() => File.ReadAllText(Repo.FeedDumpSample));

    /// <param name="titleNote">Put into the title, for a later version of the same item (its URL unchanged).</param>
    public static string Item(int i, string titleNote = "") => Sample.Value
        .Replace("[普京会见张又侠，", $"[第{i}条{titleNote}：普京会见张又侠，")
        .Replace("/7346943.html", $"/{7346943 + i}.html");
}
