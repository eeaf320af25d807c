using AngleSharp.Html.Parser;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Ingestion.Html;

namespace NewsPortal.Core.Tests.Ingestion.Html;

/// <summary>The signature a regional paper prints under an article's last paragraph, read as the shown byline.</summary>
public sealed class ClosingBylineTests
{
    [Fact]
    public void Reads_the_signature_under_the_last_paragraph_as_the_shown_author()
    {
        // ln-online.de: "… und geht weiter." then "Von Cosima Künzel" on a line of its own, nothing under the headline.
        Assert.True(InputDecoder.TryDecode(TestData.Bytes("pages", "trafilatura_ln-online-auktion.html"), out var html, out var error), error);
        var lines = PageTextLines.Read(new HtmlParser().ParseDocument(html));

        var visible = VisibleMetaScanner.Scan(lines, "So lief die Auktion der Schätzchen von St. Johannes", chinese: false, yearHint: null);

        Assert.Equal(["Cosima Künzel"], visible.Authors);
    }

    [Fact]
    public void The_outlets_initials_give_way_to_the_signature()
    {
        // The page's JSON-LD credits "LN", the first part of its site name "LN - Lübecker Nachrichten".
        Assert.True(InputDecoder.TryDecode(TestData.Bytes("pages", "trafilatura_ln-online-auktion.html"), out var html, out var error), error);

        var metadata = new HtmlMetadataReader().Read(new HtmlParser().ParseDocument(html), null);

        Assert.Equal(["Cosima Künzel"], metadata.Authors);
    }

    [Fact]
    public void A_by_line_after_a_teaser_headline_is_not_the_article_signature()
    {
        // Past the lines under the headline, where a "Von …" line is read as the byline anyway.
        var html = "<html><body><h1>Die Auktion</h1><p>" + string.Join(" ", Enumerable.Repeat("Der Text des Artikels geht weiter.", 25)) +
            "</p><h2>Mehr zum Thema</h2><p>Ein anderer Artikel</p><p>Von Hans Muster</p></body></html>";
        var lines = PageTextLines.Read(new HtmlParser().ParseDocument(html));

        var visible = VisibleMetaScanner.Scan(lines, "Die Auktion", chinese: false, yearHint: null);

        Assert.Empty(visible.Authors);
    }
}
