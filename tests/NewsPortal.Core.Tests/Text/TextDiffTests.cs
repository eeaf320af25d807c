using NewsPortal.Core.Text;
using Xunit;

namespace NewsPortal.Core.Tests.Text;

public sealed class TextDiffTests
{
    private static string Render(IReadOnlyList<DiffSegment> diff) => string.Concat(diff.Select(s => s.Kind switch
    {
        DiffKind.Deleted => $"[-{s.Text}]",
        DiffKind.Inserted => $"[+{s.Text}]",
        _ => s.Text,
    }));

    [Fact]
    public void Chinese_is_compared_character_by_character()
    {
        Assert.Equal("普京在[-莫斯科郊外][+克里姆林宫]会见张又侠", Render(TextDiff.Compute("普京在莫斯科郊外会见张又侠", "普京在克里姆林宫会见张又侠")));
        Assert.Equal("中俄[+两军]高层会谈", Render(TextDiff.Compute("中俄高层会谈", "中俄两军高层会谈")));
    }

    [Fact]
    public void Latin_text_is_compared_word_by_word()
    {
        Assert.Equal("The quick [-brown][+red] fox [-jumps][+jumped] over",
            Render(TextDiff.Compute("The quick brown fox jumps over", "The quick red fox jumped over")));
    }

    [Fact]
    public void Mixed_text_keeps_words_whole_and_characters_apart()
    {
        Assert.Equal("美国总统[-Biden][+Trump]表示", Render(TextDiff.Compute("美国总统Biden表示", "美国总统Trump表示")));
    }

    [Fact]
    public void Equal_and_empty_texts()
    {
        Assert.Equal([new DiffSegment(DiffKind.Same, "同样的文字")], TextDiff.Compute("同样的文字", "同样的文字"));
        Assert.Equal([new DiffSegment(DiffKind.Inserted, "新")], TextDiff.Compute("", "新"));
        Assert.Empty(TextDiff.Compute("", ""));
    }

    [Fact]
    public void Tokens_put_back_together_are_the_text()
    {
        const string text = "Don't stop — 中文，English words、and 😀 emoji\n\nnext";
        Assert.Equal(text, string.Concat(TextDiff.Tokenize(text)));
        Assert.Contains("Don't", TextDiff.Tokenize(text));
    }
}
