using System.Globalization;
using System.Text;
using NewsPortal.Evaluation.Scoring;

namespace NewsPortal.Evaluation.Report;

/// <summary>One line per page (for <c>--pages</c>): where a source's average comes from.</summary>
public static class PageLines
{
    public static string Render(string source, IEnumerable<PageResult> pages)
    {
        var text = new StringBuilder();
        foreach (var page in pages)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{source,-12} {page.Half,-6} {page.Id,-40} P={Score(page.BodyPrecision)} R={Score(page.BodyRecall)} " +
                $"title={Mark(page.TitleMatch)} published={Mark(page.PublishedMatch)} authors={Mark(page.AuthorsMatch)} " +
                $"{page.ParseTime.TotalMilliseconds,7:0.0} ms");
            if (page.Error is not null) text.Append("  FAILED ").Append(page.Error);
            text.AppendLine();
            foreach (var miss in page.Misses) text.Append("    ").AppendLine(miss);
        }
        return text.ToString();
    }

    private static string Score(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "  -  ";

    private static string Mark(bool? match) => match switch { true => "ok", false => "NO", null => "-" };
}
