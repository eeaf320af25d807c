using System.Text;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion;

/// <summary>
/// Inputs a crawler really produces, through the default selector with its default time limit: each
/// ends with an article or a failure that gives a reason — never an exception, a hang or a stack
/// overflow. Outcomes are asserted, not durations (a loaded machine may hit the limit on the largest).
/// </summary>
public sealed class BadInputTests
{
    private static readonly ParserSelector Parsers = ParserSelector.CreateDefault();

    static BadInputTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string> Cases => ["empty", "binary", "truncated", "20 MB", "10,000 nested divs", "10,000 nested spans", "wrong charset", "no article"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ends_with_an_article_or_a_reason(string name)
    {
        var result = Parsers.Parse(Input(name), new InputOrigin(name));

        Assert.True(result.Succeeded ? result.Article is { BodyText.Length: > 0 } : !string.IsNullOrWhiteSpace(result.Error), $"{name}: {result.Error}");
    }

    [Theory]
    [InlineData("empty", "empty input")]
    [InlineData("binary", "binary data (a PNG image), not text")]
    [InlineData("no article", "no article text found on the page")]
    public void Fails_with_the_reason(string name, string reason)
    {
        var result = Parsers.Parse(Input(name), new InputOrigin(name));

        Assert.Equal(reason, result.Error);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("wrong charset")]
    public void Reads_what_is_there(string name)
    {
        var result = Parsers.Parse(Input(name), new InputOrigin(name));

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains("。", result.Article!.BodyText);
    }

    [Theory]
    [InlineData("10,000 nested divs")]
    [InlineData("10,000 nested spans")]
    public void Deep_nesting_yields_the_text_or_gives_up_within_the_limit(string name)
    {
        var result = Parsers.Parse(Input(name), new InputOrigin(name));

        if (result.Succeeded) Assert.Equal(DeepText, result.Article!.BodyText);
        else Assert.StartsWith("gave up after", result.Error);
    }

    private const string DeepText = "深层嵌套的页面里也有正文，这一段文字应该被找到并且完整地输出出来，不会导致栈溢出。";

    private static byte[] Input(string name) => name switch
    {
        "empty" => [],
        "binary" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52],
        "truncated" => TestData.Bytes("pages", "gmw-zh.html") is var page ? page[..(page.Length / 2)] : [],
        "20 MB" => Encoding.UTF8.GetBytes(HugePage()),
        "10,000 nested divs" => Encoding.UTF8.GetBytes(Nested("div")),
        "10,000 nested spans" => Encoding.UTF8.GetBytes(Nested("span")),
        // GBK bytes that call themselves UTF-8.
        "wrong charset" => Encoding.GetEncoding("GB18030").GetBytes(
            "<html><head><meta charset=\"utf-8\"><title>错误声明的编码</title></head><body><div class=\"content\"><p>这个页面声明自己是UTF-8，实际上却是GBK编码的文字。解码器应该看出这一点，并且正确地读出全文。</p></div></body></html>"),
        "no article" => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><title>首页</title></head><body><nav><a href='/'>首页</a><a href='/a'>新闻</a></nav></body></html>"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static string Nested(string tag) =>
        "<html><body>" + string.Concat(Enumerable.Repeat($"<{tag} class=\"w\">", 10_000)) + "<p>" + DeepText + "</p>"
        + string.Concat(Enumerable.Repeat($"</{tag}>", 10_000)) + "</body></html>";

    private static string HugePage()
    {
        var page = new StringBuilder("<!DOCTYPE html><html><head><title>长文_示例网</title></head><body><div class=\"article\"><h1>长文</h1>");
        const string paragraph = "<p>这是一段很长的正文，用来检验超大页面不会让解析失败。文章继续讲述事件的经过，并给出各方的说法。</p>";
        while (page.Length * 3 < 20 * 1024 * 1024) page.Append(paragraph);
        return page.Append("<p>全文完。</p></div></body></html>").ToString();
    }
}
