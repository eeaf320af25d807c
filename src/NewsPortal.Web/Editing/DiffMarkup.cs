using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using NewsPortal.Core.Text;

namespace NewsPortal.Web.Editing;

/// <summary>
/// A diff as HTML: <c>&lt;del&gt;</c> for text only the older version has, <c>&lt;ins&gt;</c> for text
/// only the newer one has. Written in one piece, without the white space a view would put between
/// the runs, because the diff keeps the text's own white space and line breaks (desk.css: pre-wrap).
/// </summary>
public static class DiffMarkup
{
    public static IHtmlContent Render(IReadOnlyList<DiffSegment> segments)
    {
        var html = new StringBuilder("<div class=\"diff\">");
        foreach (var s in segments)
        {
            var text = WebUtility.HtmlEncode(s.Text);
            html.Append(s.Kind switch
            {
                DiffKind.Deleted => $"<del>{text}</del>",
                DiffKind.Inserted => $"<ins>{text}</ins>",
                _ => text,
            });
        }
        return new HtmlString(html.Append("</div>").ToString());
    }

    /// <summary>Whether anything changed.</summary>
    public static bool Changed(IReadOnlyList<DiffSegment> segments) => segments.Any(s => s.Kind != DiffKind.Same);
}
