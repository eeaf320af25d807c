using System.Text;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Tests.Golden;

namespace NewsPortal.Core.Tests.Ingestion;

public sealed class ParserSelectorTests : IDisposable
{
    private readonly ParserSelector _selector = ParserSelector.CreateDefault();
    private readonly string _tempDir = Directory.CreateTempSubdirectory("newsportal-selector-").FullName;

    public void Dispose() => Directory.Delete(_tempDir, recursive: true);

    [Theory]
    [InlineData(TestData.TextDumpSeed, "item.md", TextDumpParser.FormatName)]
    [InlineData(TestData.TextDumpSeed, "page.html", TextDumpParser.FormatName)]
    [InlineData(TestData.FeedDumpSeed, "page.txt", MarkdownFeedDumpParser.FormatName)]
    [InlineData(TestData.FeedDumpSeed, "blob.bin", MarkdownFeedDumpParser.FormatName)]
    public void Picks_the_parser_by_content_not_by_file_name(string seed, string misleadingName, string format)
    {
        var path = Path.Combine(_tempDir, misleadingName);
        File.Copy(TestData.SeedPath(seed), path);

        var result = _selector.Parse(File.ReadAllBytes(path), new InputOrigin(path));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(format, result.Format);
        // The same article as from the seed's own name (records compare lists by reference, JSON by content).
        Assert.Equal(GoldenFile.Serialize(TestData.ArticleOf(seed)), GoldenFile.Serialize(result.Article!));
    }

    [Fact]
    public void A_polled_body_must_be_a_feed_an_html_error_page_is_not_an_article()
    {
        var page = Encoding.UTF8.GetBytes("""
            <!DOCTYPE html><html><head><title>503 服务暂时不可用</title></head>
            <body><h1>服务暂时不可用</h1><p>服务器正在维护，请稍后再试。我们正在尽快恢复服务，给您带来不便，敬请谅解。</p></body></html>
            """);

        var result = _selector.ParseFeed(page, new InputOrigin("https://example.com/rss.xml", "https://example.com/rss.xml"));

        Assert.False(result.Succeeded);
        Assert.Contains("not a feed", result.Error);
        Assert.Contains("HTML page", result.Error);
    }

    [Fact]
    public void A_polled_feed_body_is_read_as_a_feed_with_relative_links_against_its_url()
    {
        var feed = Encoding.UTF8.GetBytes("""
            <rss version="2.0"><channel><title>新闻</title>
            <item><title>第一条</title><link>/news/1.html</link><description>正文</description></item>
            </channel></rss>
            """);

        var result = _selector.ParseFeed(feed, new InputOrigin("https://example.com/rss.xml", "https://example.com/rss.xml", "示例报"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("https://example.com/news/1.html", result.Items[0].Article!.Url);
        Assert.Equal("示例报", result.Items[0].Article!.OutletName);
    }

    [Fact]
    public void Fails_binary_input_with_a_reason()
    {
        var result = _selector.Parse([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], new InputOrigin("photo.txt"));

        Assert.False(result.Succeeded);
        Assert.Null(result.Article);
        Assert.Contains("binary", result.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void Fails_empty_input_with_a_reason(string text)
    {
        var result = _selector.Parse(Encoding.UTF8.GetBytes(text), new InputOrigin("empty.md"));

        Assert.False(result.Succeeded);
        Assert.Equal("empty input", result.Error);
    }

    [Theory]
    [InlineData("hello world, just some notes")]
    [InlineData("# A heading without a link\n\nSome text.")]
    [InlineData("<<< not markup, just angle brackets >>>")]
    [InlineData("{\"title\": \"普京会见张又侠\"}")]
    public void Fails_unrecognised_input_with_a_reason(string text)
    {
        var result = _selector.Parse(Encoding.UTF8.GetBytes(text), new InputOrigin("x.txt"));

        Assert.False(result.Succeeded);
        Assert.Equal("unknown", result.Format);
        Assert.StartsWith("unrecognised format", result.Error);
    }

    [Fact]
    public void Never_throws_on_arbitrary_bytes()
    {
        var random = new Random(20231108);
        var seeds = new[] { TestData.Bytes("seeds", TestData.TextDumpSeed), TestData.Bytes("seeds", TestData.FeedDumpSeed) };
        for (var i = 0; i < 300; i++)
        {
            // Random noise, and real inputs cut short or with bytes flipped: the cases a crawler produces.
            var bytes = i % 3 == 0 ? RandomBytes(random) : Mangle(seeds[i % 2], random);

            var result = _selector.Parse(bytes, new InputOrigin($"fuzz-{i}"));

            Assert.True(result.Succeeded || !string.IsNullOrEmpty(result.Error), $"case {i}: failed without a reason");
        }
    }

    [Fact]
    public void Turns_a_parser_exception_into_a_failure_naming_the_parser()
    {
        var selector = new ParserSelector([new ThrowingParser()]);

        var result = selector.Parse(Encoding.UTF8.GetBytes("anything"), new InputOrigin("x.txt"));

        Assert.False(result.Succeeded);
        Assert.Equal("throwing", result.Format);
        Assert.Equal("parser error: InvalidOperationException: boom", result.Error);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 2000)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mangle(byte[] original, Random random)
    {
        var bytes = original[..random.Next(0, original.Length)];
        for (var flips = random.Next(0, 8); flips > 0 && bytes.Length > 0; flips--)
            bytes[random.Next(bytes.Length)] = (byte)random.Next(1, 256);
        return bytes;
    }

    private sealed class ThrowingParser : IArticleParser
    {
        public string Format => "throwing";
        public bool CanParse(string text) => true;
        public ParseResult Parse(string text, InputOrigin origin) => throw new InvalidOperationException("boom");
    }
}
