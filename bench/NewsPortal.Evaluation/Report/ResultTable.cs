using System.Globalization;
using System.Text;
using NewsPortal.Evaluation.Scoring;

namespace NewsPortal.Evaluation.Report;

/// <summary>The summary rows as a table: aligned plain text for the console, or Markdown.</summary>
public static class ResultTable
{
    private static readonly string[] Header =
        ["source", "pages", "body P", "body R", "body F1", "title", "published", "authors", "failed", "pages/s"];

    private static readonly string[] SpecHeader =
        ["source", "body F1 (spec-consistent labels)", "title (spec-consistent labels)", "published (spec-consistent labels)", "authors (spec-consistent labels)"];

    public static string Render(IEnumerable<SourceSummary> rows, bool markdown)
    {
        var cells = rows.Select(Cells).Prepend(Header).ToList();
        return markdown ? Markdown(cells) : Plain(cells);
    }

    /// <summary>
    /// Body F1 and the metadata shares again, leaving out labels that contradict the extraction spec (a
    /// 责任编辑 as author, a site name kept in the title, a body label cut short at a fold button); a row
    /// without metadata labels shows dashes.
    /// </summary>
    public static string RenderSpecConsistent(IEnumerable<SourceSummary> rows, bool markdown)
    {
        var cells = rows.Select(r => new[]
            {
                r.Name,
                // The same as the main table's F1 where no body label was left out; marked so the two can be told apart.
                r.BodyLabelsExcluded ? Score(r.SpecConsistentF1) : $"{Score(r.F1)} (same)",
                r.SpecConsistent.Title.ToString(), r.SpecConsistent.Published.ToString(), r.SpecConsistent.Authors.ToString(),
            })
            .Prepend(SpecHeader).ToList();
        return markdown ? Markdown(cells) : Plain(cells);
    }

    private static string[] Cells(SourceSummary row) =>
    [
        row.Name,
        row.Pages.ToString(CultureInfo.InvariantCulture),
        Score(row.Precision),
        Score(row.Recall),
        Score(row.F1),
        row.Title.ToString(),
        row.Published.ToString(),
        row.Authors.ToString(),
        row.Failures.ToString(CultureInfo.InvariantCulture),
        row.PagesPerSecond.ToString("0", CultureInfo.InvariantCulture),
    ];

    private static string Score(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "n/a";

    private static string Plain(List<string[]> cells)
    {
        var widths = Enumerable.Range(0, cells[0].Length).Select(c => cells.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in cells)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }
        return text.ToString();
    }

    private static string Markdown(List<string[]> cells)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", cells[0]) + " |");
        text.AppendLine("|" + string.Join("|", cells[0].Select((_, c) => c == 0 ? "---" : "---:")) + "|");
        foreach (var row in cells.Skip(1)) text.AppendLine("| " + string.Join(" | ", row) + " |");
        return text.ToString();
    }
}
