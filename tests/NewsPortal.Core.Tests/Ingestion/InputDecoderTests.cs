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

    private const string TraditionalSentence = "台灣總統選舉結果出爐，經濟議題成為選民最關心的問題。這是一個重要的時刻。";

    [Fact]
    public void Recognises_undeclared_big5()
    {
        var bytes = Encoding.GetEncoding("big5").GetBytes("<html><body><p>" + TraditionalSentence + "</p></body></html>");

        Assert.True(InputDecoder.TryDecode(bytes, out var text, out _));

        Assert.Contains(TraditionalSentence, text);
    }

    [Fact]
    public void Follows_a_declared_big5_charset()
    {
        var bytes = Encoding.GetEncoding("big5").GetBytes("<html><head><meta charset=\"big5\"></head><body>" + TraditionalSentence + "</body></html>");

        Assert.True(InputDecoder.TryDecode(bytes, out var text, out _));

        Assert.Contains(TraditionalSentence, text);
    }

    [Fact]
    public void Reads_gbk_bytes_declared_as_gb2312()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">" + Sentence);

        Assert.True(InputDecoder.TryDecode(bytes, out var text, out _));

        Assert.EndsWith(Sentence, text);
    }

    [Fact]
    public void Prefers_valid_utf8_over_a_wrong_gbk_declaration()
    {
        var bytes = Encoding.UTF8.GetBytes("<meta charset=\"gbk\"><p>" + Sentence + "</p>");

        Assert.True(InputDecoder.TryDecode(bytes, out var text, out _));

        Assert.Contains(Sentence, text);
    }

    [Fact]
    public void Ignores_a_utf8_declaration_on_gbk_bytes()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("<meta charset=\"utf-8\"><p>" + Sentence + "</p>");

        Assert.True(InputDecoder.TryDecode(bytes, out var text, out _));

        Assert.Contains(Sentence, text);
    }

    [Fact]
    public void Reads_undeclared_latin1_text_as_windows_1252()
    {
        const string french = "Le président a déclaré que la réforme était nécessaire à l'économie française.";
        var bytes = Encoding.Latin1.GetBytes("<html><body><p>" + french + "</p></body></html>");

        Assert.True(InputDecoder.TryDecode(bytes, out var text, out _));

        Assert.Contains(french, text);
    }
}
