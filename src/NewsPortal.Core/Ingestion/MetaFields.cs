using System.Text.RegularExpressions;

namespace NewsPortal.Core.Ingestion;

/// <summary>
/// The labelled fields of a page's meta line (<c>时间:2025-05-30 17:43:44 作者:… 浏览量:36876</c>).
/// A value runs from its label to the next known label, so values may themselves hold colons.
/// </summary>
public sealed partial record MetaFields(string? Time, string? Author, string? Source, string? Editor, long? Views)
{
    public static MetaFields Read(string line)
    {
        var values = new Dictionary<string, string>();
        var matches = Label().Matches(line);
        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : line.Length;
            values.TryAdd(matches[i].Groups[1].Value, line[start..end].Trim());
        }
        string? Get(params string[] keys) => keys.Select(k => values.GetValueOrDefault(k)).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        var views = Get("浏览量", "阅读量", "浏览", "阅读");
        return new MetaFields(
            Get("时间", "发布时间", "日期"),
            // 发文机关 is the issuing body in the standard 政府信息公开 table of Chinese government pages.
            Get("作者", "记者", "执笔人", "执笔", "撰稿人", "撰稿", "发文机关", "发布机构"),
            Get("来源", "出处"),
            Get("责任编辑", "编辑"),
            views is not null && long.TryParse(Digits().Match(views).Value, out var v) ? v : null);
    }

    // 成文日期 (when a document was signed) and its kin are labels of their own, so that "日期" inside them
    // is not read as the publication date.
    [GeneratedRegex(@"(成文日期|印发日期|生效日期|实施日期|发布时间|时间|日期|作者|记者|执笔人|执笔|撰稿人|撰稿|发文机关|发布机构|来源|出处|责任编辑|编辑|浏览量|阅读量|浏览|阅读)[:：]")]
    private static partial Regex Label();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
