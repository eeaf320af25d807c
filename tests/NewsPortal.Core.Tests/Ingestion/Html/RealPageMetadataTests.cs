using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Parser;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Ingestion.Html;

namespace NewsPortal.Core.Tests.Ingestion.Html;

/// <summary>
/// Real pages from the labelled corpora (testdata/pages/x.html) against the labels beside them
/// (x.expected.json). Where a label was wrong for the page, the expected file says why it differs.
/// A file without <c>title</c> or <c>authors</c> vouches for the other fields only (a page kept for its date).
/// </summary>
public sealed class RealPageMetadataTests
{
    public static TheoryData<string> Pages() =>
    [
        "cwce_47f387e6", "cwce_91bdf33e", "cwce_a0cb0242", "cwce_f51248cc",
        "trafilatura_xinhuanet_c_1125597921", "trafilatura_he_xinhuanet_25340717", "readability_ars-1",
        "cwce-064b591b-blog", "cwce_7c6d2080", "cwce_e8847578", "readability_folha", "readability_lemonde-1", "readability_pixnet",
        "readability_salon-1", "scrapinghub_c00962aabe7b", "scrapinghub_c81e134ed499", "gmw-zh",
        "trafilatura_hertha-blog", "trafilatura_aerobuzz", "trafilatura_lapresse", "trafilatura_unocero", "cwce_c3f7d079",
        "trafilatura_wordsmith-maudlin", "cwce_54e89e4e", "trafilatura_neues-deutschland-mietenstreik",
        "trafilatura_legrandcontinent-heran", "trafilatura_nzz-brexit", "cwce_6650f72a",
        "trafilatura_abc13-copperfield", "trafilatura_ethify-vegetarier", "trafilatura_rutgers-robot", "trafilatura_royalroad-melas",
        "trafilatura_sportnews-peking", "trafilatura_lucke-dpa", "trafilatura_pamelaanderson-yellow",
        "trafilatura_itfinanzmagazin-creditshelf", "trafilatura_jungefreiheit-kaiser",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Reads_the_labelled_title_time_and_authors(string name)
    {
        using var expected = JsonDocument.Parse(TestData.Text("pages", name + ".expected.json"));
        var root = expected.RootElement;
        Assert.True(InputDecoder.TryDecode(TestData.Bytes("pages", name + ".html"), out var html, out var error), error);
        var url = root.TryGetProperty("url", out var u) ? new Uri(u.GetString()!) : null;

        var metadata = new HtmlMetadataReader().Read(new HtmlParser().ParseDocument(html), url);

        if (root.TryGetProperty("title", out var title)) Assert.Equal(title.GetString(), metadata.Title);
        if (root.TryGetProperty("authors", out var authors)) Assert.Equal(authors.EnumerateArray().Select(a => a.GetString()!), metadata.Authors);
        if (root.TryGetProperty("editor", out var editor)) Assert.Equal(editor.GetString(), metadata.Editor);
        if (root.TryGetProperty("published", out var published))
        {
            var label = published.GetString()!;
            Assert.NotNull(metadata.PublishedAt);
            if (DateTimeOffset.TryParseExact(label, "yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            {
                // A full ISO time is what the page's tags state, zone included.
                Assert.Equal(instant, metadata.PublishedAt.Value);
                Assert.Equal(instant.Offset, metadata.PublishedAt.Value.Offset);
                Assert.False(metadata.PublishedZoneInferred);
                return;
            }
            // Otherwise labels are the wall clock the page shows, to the minute or to the day, in a zone
            // the parser inferred: China time unless the file says otherwise.
            var format = label.Length > 10 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd";
            Assert.Equal(label, metadata.PublishedAt.Value.ToString(format, CultureInfo.InvariantCulture));
            var offset = root.TryGetProperty("published_offset", out var o) ? o.GetString()! : "+08:00";
            Assert.Equal(offset, metadata.PublishedAt.Value.ToString("zzz", CultureInfo.InvariantCulture));
            Assert.True(metadata.PublishedZoneInferred);
        }
    }

    [Fact]
    public void Chinese_pages_are_tagged_as_simplified_chinese()
    {
        Assert.True(InputDecoder.TryDecode(TestData.Bytes("pages", "cwce_a0cb0242.html"), out var html, out _));
        var metadata = new HtmlMetadataReader().Read(new HtmlParser().ParseDocument(html), null);
        Assert.Equal("zh-Hans", metadata.Language);
    }
}
