using System.Text;

namespace NewsPortal.Evaluation.NearDuplicates;

/// <summary>
/// Reposts of a real body text, as another site or a later dump would carry it: with its own chrome
/// lines, with some paragraphs dropped or moved, with a disclaimer at the end, or cut short behind a
/// 展开全文 button. Seeded, so every run measures the same copies.
/// </summary>
public static class SyntheticReposts
{
    public static IReadOnlyList<string> Kinds { get; } =
        ["chrome lines", "15% dropped", "15% reordered", "trailing disclaimer", "truncated to 45–55%", "truncated to 25–35%", "chrome + dropped + disclaimer"];

    public static string Make(string kind, string body, int seed)
    {
        var random = new Random(seed);
        var chinese = body.Count(c => c is >= '\u4e00' and <= '\u9fff') * 3 > body.Length;
        var units = Units(body);
        return kind switch
        {
            "chrome lines" => WithChrome(Join(units), chinese),
            "15% dropped" => Join(Dropped(units, random)),
            "15% reordered" => Join(Reordered(units, random)),
            "trailing disclaimer" => Join(units) + "\n\n" + Disclaimer(chinese),
            "truncated to 45–55%" => Truncated(units, 0.45 + 0.1 * random.NextDouble(), chinese),
            "truncated to 25–35%" => Truncated(units, 0.25 + 0.1 * random.NextDouble(), chinese),
            "chrome + dropped + disclaimer" => WithChrome(Join(Dropped(units, random)), chinese) + "\n\n" + Disclaimer(chinese),
            _ => throw new ArgumentException($"unknown repost kind {kind}", nameof(kind)),
        };
    }

    // Paragraphs when there are enough of them to drop 10–20%, else sentences.
    private static List<string> Units(string body)
    {
        var paragraphs = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (paragraphs.Count >= 6) return paragraphs;
        var sentences = new List<string>();
        var current = new StringBuilder();
        foreach (var c in string.Join("\n", paragraphs))
        {
            current.Append(c);
            if (c is '。' or '！' or '？' or '.' or '!' or '?' or '\n')
            {
                if (current.ToString().Trim().Length > 0) sentences.Add(current.ToString().Trim());
                current.Clear();
            }
        }
        if (current.ToString().Trim().Length > 0) sentences.Add(current.ToString().Trim());
        return sentences;
    }

    private static string Join(IEnumerable<string> units) => string.Join("\n\n", units);

    private static int Share(int count, Random random) => Math.Max(1, (int)Math.Round(count * (0.10 + 0.10 * random.NextDouble())));

    private static List<string> Dropped(List<string> units, Random random)
    {
        var kept = units.ToList();
        for (var n = Share(units.Count, random); n > 0 && kept.Count > 1; n--) kept.RemoveAt(random.Next(kept.Count));
        return kept;
    }

    private static List<string> Reordered(List<string> units, Random random)
    {
        var moved = units.ToList();
        for (var n = Share(units.Count, random); n > 0; n--)
        {
            var from = random.Next(moved.Count);
            var unit = moved[from];
            moved.RemoveAt(from);
            moved.Insert(random.Next(moved.Count + 1), unit);
        }
        return moved;
    }

    private static string Truncated(List<string> units, double share, bool chinese)
    {
        var total = units.Sum(u => u.Length);
        var kept = new List<string>();
        var length = 0;
        foreach (var unit in units)
        {
            if (length >= total * share) break;
            kept.Add(unit);
            length += unit.Length;
        }
        return Join(kept) + "\n\n" + (chinese ? "展开全文" : "Read more");
    }

    private static string WithChrome(string body, bool chinese) => chinese
        ? "2024-05-01 10:32 来源：东方财经网\n\n原标题：转载稿件\n\n分享到：\n\n" + body
            + "\n\n（本文来自东方财经网，更多资讯请下载东方财经客户端）\n\n责任编辑：王小明"
        : "Posted 05/01/2024 10:32 by Newswire staff\n\nShare this article\n\n" + body
            + "\n\nThis story was first published by Newswire and is republished with permission.\n\nEditing by John Smith";

    private static string Disclaimer(bool chinese) => chinese
        ? "免责声明：本文转载自网络，仅代表作者个人观点，与本站无关。其原创性以及文中陈述文字和内容未经本站证实，对本文以及其中全部或者部分内容、文字的真实性、完整性、及时性本站不作任何保证或承诺，请读者仅作参考。"
        : "Disclaimer: the views expressed in this article are the author's own and do not necessarily reflect the editorial policy of this site. Content is provided for information only.";
}
