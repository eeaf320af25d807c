using System.Text;
using AngleSharp.Dom;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Tells a data table (rows and columns of short cells, kept as a table) from a layout table (old
/// pages put the whole article in a cell, to be read as paragraphs).
/// </summary>
internal static class TableKind
{
    private const int MaxCellTokens = 120;
    private const int MaxSerializedDepth = 40;

    public static bool IsDataTable(DomIndex dom, int table)
    {
        var element = dom.Elements[table];
        if (element.GetAttribute("role") is "presentation" or "none") return false;
        int rows = 0, maxCells = 0, cells = 0;
        for (var j = table + 1; j < dom.End[table]; j++)
        {
            var name = dom.Elements[j].LocalName;
            switch (name)
            {
                case "table" or "p" or "div" or "ul" or "ol" or "h1" or "h2" or "h3" or "blockquote" or "iframe":
                    return false;
                case "tr":
                    rows++;
                    maxCells = Math.Max(maxCells, cells);
                    cells = 0;
                    break;
                case "td" or "th":
                    cells++;
                    if (dom.Total[j].Tokens > MaxCellTokens) return false;
                    break;
            }
        }
        maxCells = Math.Max(maxCells, cells);
        return rows >= 2 && maxCells >= 2 && dom.Total[table].Tokens > 0 && dom.SubtreeDepth(table) <= MaxSerializedDepth;
    }

    public static BodyBlock Block(DomIndex dom, int table)
    {
        var text = new StringBuilder();
        var row = new List<string>();
        for (var j = table + 1; j < dom.End[table]; j++)
        {
            var element = dom.Elements[j];
            if (element.LocalName == "tr")
            {
                AppendRow(text, row);
            }
            else if (element.LocalName is "td" or "th" && !dom.Excluded[j])
            {
                row.Add(TextNormalizer.CollapseWhitespace(element.TextContent));
                j = dom.End[j] - 1;
            }
        }
        AppendRow(text, row);
        var html = dom.Elements[table].OuterHtml;
        return new BodyBlock(BlockKind.Table, html, text.ToString().Trim(), dom.Elements[table]);
    }

    private static void AppendRow(StringBuilder text, List<string> row)
    {
        var cells = row.Where(c => c.Length > 0).ToList();
        if (cells.Count > 0) text.Append(string.Join(" ", cells)).Append('\n');
        row.Clear();
    }
}
