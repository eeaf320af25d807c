using System.Net;
using System.Text;
using NewsPortal.Core.Articles;

namespace NewsPortal.Core.Ingestion;

/// <summary>The one way an article image is written into body HTML: a figure with its caption.</summary>
public static class FigureMarkup
{
    public static string Of(ArticleImage image)
    {
        var html = new StringBuilder("<figure><img src=\"").Append(WebUtility.HtmlEncode(image.Url)).Append('"');
        if (image.Alt is not null) html.Append(" alt=\"").Append(WebUtility.HtmlEncode(image.Alt)).Append('"');
        html.Append('>');
        if (image.Caption is not null) html.Append("<figcaption>").Append(WebUtility.HtmlEncode(image.Caption)).Append("</figcaption>");
        return html.Append("</figure>").ToString();
    }
}
