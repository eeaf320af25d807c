using System.Text;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion;

public sealed class InputDecoderTests
{
    private const string Sentence = "普京会见张又侠，盛赞中俄高科技军事合作。";

    static InputDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Decodes_utf8()
    {
        Assert.True(InputDecoder.TryDecode(Encoding.UTF8.GetBytes(Sentence), out var text, out var error));

        Assert.Equal(Sentence, text);
        Assert.Null(error);
    }

    [Fact]
    public void Strips_the_utf8_byte_order_mark()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Sentence)];

        Assert.True(InputDecoder.TryDecode(bytes, out var text, out _));

        Assert.Equal(Sentence, text);
        Assert.NotEqual('\uFEFF', text[0]);
    }

    [Fact]
    public void Decodes_utf16_with_a_byte_order_mark()
    {
        byte[] bytes = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Sentence)];

        Assert.True(InputDecoder.TryDecode(bytes, out var text, out _));

        Assert.Equal(Sentence, text);
    }

    [Fact]
    public void Falls_back_to_gb18030_for_gbk_bytes()
    {
        var gbk = Encoding.GetEncoding("GB18030").GetBytes(Sentence);
        Assert.NotEqual(Encoding.UTF8.GetBytes(Sentence), gbk); // the test means something only if they differ

        Assert.True(InputDecoder.TryDecode(gbk, out var text, out var error));

        Assert.Equal(Sentence, text);
        Assert.Null(error);
    }

    [Fact]
    public void Decodes_a_gbk_text_dump_the_same_as_its_utf8_original()
    {
        var original = TestData.Text("seeds", TestData.TextDumpSeed);
        var gbk = Encoding.GetEncoding("GB18030").GetBytes(original);

        Assert.True(InputDecoder.TryDecode(gbk, out var text, out _));

        Assert.Equal(original, text);
    }

    [Fact]
    public void Reports_nul_bytes_as_binary()
    {
        byte[] bytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

        Assert.False(InputDecoder.TryDecode(bytes, out _, out var error));

        Assert.Contains("binary", error);
    }

    [Fact]
    public void Reports_nul_bytes_inside_otherwise_valid_utf8_as_binary()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("时间:2025-05-30 17:43:44"), 0x00, .. Encoding.UTF8.GetBytes("标题")];

        Assert.False(InputDecoder.TryDecode(bytes, out _, out var error));

        Assert.Contains("NUL", error);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0x20, 0x0A, 0x09, 0x0D, 0x0A })]
    public void Reports_empty_input(byte[] bytes)
    {
        Assert.False(InputDecoder.TryDecode(bytes, out _, out var error));

        Assert.Equal("empty input", error);
    }
}
