using System.Net;
using NewsPortal.Core.Storage;
using NewsPortal.Core.Text;

namespace NewsPortal.Web.Editing;

/// <summary>
/// The desk's correction note as the feeds carry it: put before the summary and the body, so a feed
/// reader that shows either one shows the note, with its time in China time as on the page.
/// </summary>
public static class CorrectionNote
{
    public const string Label = "更正/更新说明";

    /// <summary>The note before a plain-text summary; the summary alone when there is no note.</summary>
    public static string BeforeText(ArticleDetail a, string text) => a.CorrectionNote is { } note
        ? $"【{Label}（{When(a)}）】{note}" + (text.Length > 0 ? "\n\n" + text : "")
        : text;

    /// <summary>The note as a paragraph before the body's HTML; the body alone when there is no note.</summary>
    public static string BeforeHtml(ArticleDetail a, string html) => a.CorrectionNote is { } note
        ? $"<p class=\"correction-note\"><strong>{Label}</strong>（{WebUtility.HtmlEncode(When(a))}）：{WebUtility.HtmlEncode(note)}</p>" + html
        : html;

    private static string When(ArticleDetail a) => a.CorrectedAt is { } at ? ChinaTime.Display(at) : "";
}
