using System.Text;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion;

/// <summary>
/// Inputs that are text with a flaw: a few invalid UTF-8 bytes, stray NULs. They are read, the flaw
/// repaired and recorded as a warning on the article; text whose decoding cannot be right, and
/// binary files, fail with a reason that names the problem.
/// </summary>
public sealed class InputRepairTests
{
    private static readonly ParserSelector Parsers = ParserSelector.CreateDefault();

    private const string Headline = "海螺沟寻觅冰川的踪迹";

    static InputRepairTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string Page(string paragraph) =>
        $"<html><head><meta charset=\"utf-8\"><title>{Headline}</title></head><body><article><h1>{Headline}</h1>" +
        $"<p>{paragraph}</p><p>{paragraph}</p></article></body></html>";

    private const string Paragraph = "海螺沟冰川是贡嘎山东坡的一条现代冰川，冰舌一直伸进原始森林，游客可以沿着栈道走近冰川，看见冰洞和冰桥。";

    // One byte of the page replaced by 0xFF, which is never valid in UTF-8.
    private static byte[] WithStrayByte(string text, string before)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var at = Encoding.UTF8.GetByteCount(text[..text.IndexOf(before, StringComparison.Ordinal)]);
        return [.. bytes[..at], 0xFF, .. bytes[at..]];
    }

    [Fact]
    public void A_declared_utf8_page_with_one_stray_byte_stays_utf8_with_a_warning()
    {
        var bytes = WithStrayByte(Page(Paragraph), "冰舌");

        var result = Parsers.Parse(bytes, new InputOrigin("page.html"));

        Assert.True(result.Succeeded, result.Error);
        var article = result.Article!;
        Assert.Equal(Headline, article.Title);
        Assert.Contains("\uFFFD冰舌", article.BodyText);
        Assert.DoesNotContain("æµ·", article.BodyText);
        Assert.Equal(["1 invalid UTF-8 byte sequence replaced with U+FFFD"], article.Warnings);
    }

    [Fact]
    public void Undeclared_utf8_with_a_few_stray_bytes_among_many_characters_stays_utf8()
    {
        var text = string.Concat(Enumerable.Repeat(Paragraph, 4));
        var bytes = WithStrayByte(text, "冰舌");

        Assert.True(InputDecoder.TryDecode(bytes, out var decoded, out var error, out var warnings), error);

        Assert.StartsWith(Paragraph[..10], decoded);
        Assert.Single(warnings);
    }

    [Fact]
    public void Gbk_bytes_are_not_taken_for_utf8_with_errors()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Page(Paragraph));

        Assert.True(InputDecoder.TryDecode(bytes, out var decoded, out _, out var warnings));

        Assert.Contains(Paragraph, decoded);
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_text_dump_with_a_few_bad_bytes_is_read_with_a_warning()
    {
        var text = TestData.Text("seeds", TestData.TextDumpSeed);
        var bytes = Encoding.UTF8.GetBytes(text);
        // Three stray bytes in the body, as a truncated copy leaves them.
        var at = Array.IndexOf(bytes, (byte)'\n', bytes.Length / 2);
        bytes = [.. bytes[..at], 0xE4, 0xBD, 0x0A, .. bytes[at..], 0xC3];

        var result = Parsers.Parse(bytes, new InputOrigin("dump.txt"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(TextDumpParser.FormatName, result.Format);
        Assert.Equal(TestData.ArticleOf(TestData.TextDumpSeed).Title, result.Article!.Title);
        Assert.Equal(["2 invalid UTF-8 byte sequences replaced with U+FFFD"], result.Article.Warnings);
    }

    [Fact]
    public void A_markdown_dump_with_a_bad_byte_is_read_with_a_warning()
    {
        var text = TestData.Text("seeds", TestData.FeedDumpSeed);

        var result = Parsers.Parse(WithStrayByte(text, "张又侠在中国军界"), new InputOrigin("dump.md"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(MarkdownFeedDumpParser.FormatName, result.Format);
        Assert.Contains("\uFFFD张又侠在中国军界", result.Article!.BodyText);
        Assert.Single(result.Article.Warnings);
    }

    [Fact]
    public void Utf8_text_stored_as_mojibake_fails_naming_the_encoding()
    {
        // The page was once read as Windows-1252 and saved again as UTF-8: valid bytes, wrong text.
        var mojibake = Encoding.GetEncoding(1252).GetString(Encoding.UTF8.GetBytes(Paragraph));
        var bytes = Encoding.UTF8.GetBytes(Page(mojibake));

        var result = Parsers.Parse(bytes, new InputOrigin("page.html"));

        Assert.False(result.Succeeded);
        Assert.StartsWith("implausible decoding: the text reads as UTF-8 decoded as Windows-1252 (mojibake such as \"æµ·", result.Error);
    }

    private static string AsMojibake(string text) => Encoding.GetEncoding(1252).GetString(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_text_dump_saved_as_mojibake_fails_naming_the_encoding_not_the_format()
    {
        var bytes = Encoding.UTF8.GetBytes(AsMojibake(TestData.Text("seeds", TestData.TextDumpSeed)));

        var result = Parsers.Parse(bytes, new InputOrigin("dump.txt"));

        Assert.StartsWith("implausible decoding: the text reads as UTF-8 decoded as Windows-1252", result.Error);
    }

    [Fact]
    public void Mojibake_in_a_pages_scripts_does_not_refuse_its_article()
    {
        var script = "<script>var labels = [\"" + AsMojibake("海螺沟冰川门票价格") + "\"];</script>";
        var page = $"<html><head><meta charset=\"utf-8\"><title>Bridge closes</title>{script}</head><body><article><h1>Bridge closes</h1>" +
            string.Concat(Enumerable.Repeat("<p>The council voted on Tuesday to close the old bridge to cars for good, after two years of repairs.</p>", 3)) +
            "</article></body></html>";

        var result = Parsers.Parse(Encoding.UTF8.GetBytes(page), new InputOrigin("page.html"));

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public void A_stray_mojibake_sign_in_a_long_english_text_is_kept()
    {
        // CMS templates that double-encode a no-break space or a copyright sign: a blemish, not a wrong decoding.
        var paragraph = "The council voted on Tuesday to close the old bridge to cars for good, after two years of repairs that never ended.";
        var page = "<html><head><meta charset=\"utf-8\"><title>Bridge closes</title></head><body><article><h1>Bridge closes</h1>" +
            $"<p>{paragraph}\u00C2\u00A0It was the third vote.</p>" + string.Concat(Enumerable.Repeat($"<p>{paragraph}</p>", 6)) +
            $"<p>Residents said it was {AsMojibake("’")}about time.</p><p>\u00C2\u00A9 2024 City Paper</p></article></body></html>";

        var result = Parsers.Parse(Encoding.UTF8.GetBytes(page), new InputOrigin("page.html"));

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public void A_feed_item_saved_as_mojibake_fails_alone()
    {
        var rss = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title>" +
            "<item><title>第一条</title><link>https://example.org/1</link><description>" + Paragraph + "</description></item>" +
            "<item><title>" + AsMojibake("第二条") + "</title><link>https://example.org/2</link><description>" + AsMojibake(Paragraph) + "</description></item>" +
            "</channel></rss>";

        var result = Parsers.Parse(Encoding.UTF8.GetBytes(rss), new InputOrigin("feed.xml"));

        Assert.True(result.Succeeded, result.Error);
        Assert.NotNull(result.Items[0].Article);
        Assert.StartsWith("implausible decoding", result.Items[1].Error);
    }

    [Fact]
    public void Utf8_with_too_many_bad_bytes_to_trust_fails_naming_the_encoding()
    {
        // Every fourth character broken: the declaration is not trusted, and no other encoding reads it.
        var bytes = Encoding.UTF8.GetBytes(Page(Paragraph)).ToList();
        var body = bytes.Count / 3;
        for (var i = body; i < bytes.Count - 40; i += 12) bytes[i] = 0xFF;

        var result = Parsers.Parse([.. bytes], new InputOrigin("page.html"));

        Assert.False(result.Succeeded);
        Assert.Contains("implausible decoding", result.Error);
    }

    [Theory]
    [InlineData("Le président a déclaré que la réforme était nécessaire à l'économie française.")]
    [InlineData("São Paulo: ação, coração e informação — “Ótimo!”, disse João.")]
    [InlineData("Größere Straßenbahnen fahren über die Brücke; Äpfel kosten 3 €.")]
    public void Latin_text_is_not_taken_for_mojibake(string sentence)
    {
        Assert.True(InputDecoder.TryDecode(Encoding.UTF8.GetBytes(sentence), out var text, out var error), error);
        Assert.Equal(sentence, text);
        Assert.True(InputDecoder.TryDecode(Encoding.GetEncoding(1252).GetBytes(sentence), out text, out error), error);
        Assert.Equal(sentence, text);
    }

    [Fact]
    public void A_real_page_with_stray_nul_bytes_is_read_and_they_are_dropped()
    {
        // lostiempos.com as the trafilatura evaluation keeps it: 22 NUL bytes among 190 KB of HTML.
        var result = Parsers.Parse(TestData.Bytes("pages", "trafilatura_lostiempos-juicio.html"), new InputOrigin("lostiempos.html"));

        Assert.True(result.Succeeded, result.Error);
        var article = result.Article!;
        Assert.Equal("Juicio por el caso golpe II entra en la recta final; sentencia podría dictarse este miércoles", article.Title);
        Assert.Contains("condena de tres años de cárcel", article.BodyText);
        Assert.DoesNotContain('\0', article.BodyText + article.BodyHtml);
        Assert.Equal(["22 NUL bytes dropped"], article.Warnings);
        Golden.GoldenFile.AssertMatches(Path.Combine("pages", "trafilatura_lostiempos-juicio.result.json"), Golden.GoldenFile.Serialize(result));
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D }, "binary data (a PNG image), not text")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46 }, "binary data (a JPEG image), not text")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00 }, "binary data (a zip archive), not text")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "binary data (a PDF document), not text")]
    public void Binary_files_fail_saying_what_they_are(byte[] bytes, string reason)
    {
        var result = Parsers.Parse(bytes, new InputOrigin("file"));

        Assert.Equal(reason, result.Error);
    }

    [Fact]
    public void Text_with_many_nul_bytes_is_binary()
    {
        // UTF-16 without a byte order mark: every other byte a NUL.
        var bytes = Encoding.Unicode.GetBytes("<html><body><p>" + string.Concat(Enumerable.Repeat("Some text. ", 50)) + "</p></body></html>");

        var result = Parsers.Parse(bytes, new InputOrigin("file"));

        Assert.Equal("binary data (NUL bytes), not text", result.Error);
    }

    [Fact]
    public void Warnings_of_the_decoding_reach_every_item_of_a_feed()
    {
        var rss = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title>" +
            "<item><title>第一条</title><link>https://example.org/1</link><description>" + Paragraph + "</description></item>" +
            "<item><title>第二条</title><link>https://example.org/2</link><description>" + Paragraph + "</description></item>" +
            "</channel></rss>";

        var result = Parsers.Parse(WithStrayByte(rss, "冰舌"), new InputOrigin("feed.xml"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, result.Items.Count);
        Assert.All(result.Items, item => Assert.Single(item.Article!.Warnings));
    }
}
