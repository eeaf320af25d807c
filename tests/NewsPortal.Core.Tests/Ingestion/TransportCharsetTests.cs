using System.Text;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion;

/// <summary>The charset of an HTTP Content-Type, for bodies that do not declare their own.</summary>
public sealed class TransportCharsetTests
{
    private const string GbkSentence = "普京会见张又侠，盛赞中俄高科技军事合作。";

    static TransportCharsetTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("日本語のニュース", "shift_jis")]
    [InlineData("한국어 뉴스", "euc-kr")]
    public void The_transport_charset_decodes_what_sniffing_alone_gets_wrong(string text, string charset)
    {
        var bytes = Encoding.GetEncoding(charset).GetBytes(text);
        Assert.True(InputDecoder.TryDecode(bytes, out var sniffed, out _));
        Assert.NotEqual(text, sniffed); // the test means something only if sniffing alone fails

        Assert.True(InputDecoder.TryDecode(bytes, out var decoded, out _, charset));

        Assert.Equal(text, decoded);
    }

    [Fact]
    public void The_documents_own_declaration_wins_over_the_transport()
    {
        var xml = $"<?xml version=\"1.0\" encoding=\"gb2312\"?><rss><title>{GbkSentence}</title></rss>";
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(xml);

        Assert.True(InputDecoder.TryDecode(bytes, out var text, out _, "big5"));

        Assert.Contains(GbkSentence, text);
    }

    [Fact]
    public void Valid_utf8_wins_over_a_legacy_transport_charset()
    {
        Assert.True(InputDecoder.TryDecode(Encoding.UTF8.GetBytes(GbkSentence), out var text, out _, "gbk"));

        Assert.Equal(GbkSentence, text);
    }

    [Fact]
    public void An_iso_8859_1_transport_charset_is_taken_for_the_server_default_it_usually_is()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(GbkSentence);

        Assert.True(InputDecoder.TryDecode(bytes, out var text, out _, "ISO-8859-1"));

        Assert.Equal(GbkSentence, text);
    }

    [Fact]
    public void A_transport_charset_the_bytes_refute_is_ignored()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(GbkSentence);

        Assert.True(InputDecoder.TryDecode(bytes, out var text, out _, "utf-8"));

        Assert.Equal(GbkSentence, text);
    }

    [Fact]
    public void An_unknown_transport_charset_is_ignored()
    {
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(GbkSentence);

        Assert.True(InputDecoder.TryDecode(bytes, out var text, out _, "x-no-such-charset"));

        Assert.Equal(GbkSentence, text);
    }
}
