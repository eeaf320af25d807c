using System.Text;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Tests.Text;

public sealed class ChineseFoldTests
{
    [Theory]
    [InlineData("臺灣", "台湾")]
    [InlineData("習近平", "习近平")]
    [InlineData("會見", "会见")]
    [InlineData("國務院", "国务院")]
    [InlineData("衛生", "卫生")]
    [InlineData("選舉", "选举")]
    [InlineData("蘋果日報", "苹果日报")]
    public void Folds_traditional_characters_to_simplified(string traditional, string simplified)
    {
        Assert.Equal(simplified, ChineseFold.Fold(traditional));
    }

    [Theory]
    [InlineData("衞生", "卫生")] // Hong Kong's 衞 for 衛
    [InlineData("裡面", "里面")] // Taiwan's 裡 for 裏
    [InlineData("眾議院", "众议院")] // Taiwan and Hong Kong 眾 for 衆
    public void Folds_hong_kong_and_taiwan_variant_characters_too(string variant, string simplified)
    {
        Assert.Equal(simplified, ChineseFold.Fold(variant));
    }

    [Fact]
    public void Returns_simplified_text_unchanged_as_the_same_instance()
    {
        var text = "新华社北京电 国务院总理会见外宾、什么。 吃 才 台湾 ABC abc 123";
        Assert.Same(text, ChineseFold.Fold(text));
        Assert.Same("", ChineseFold.Fold(""));
    }

    [Fact]
    public void Folds_full_width_letters_digits_and_punctuation_without_lower_casing()
    {
        Assert.Equal("ABC123!", ChineseFold.Fold("ＡＢＣ１２３！"));
        Assert.Equal("abc~", ChineseFold.Fold("ａｂｃ～"));
        Assert.Equal(' ', ChineseFold.Fold('\u3000'));
        Assert.Equal('。', ChineseFold.Fold('。'));
    }

    [Fact]
    public void Folds_mixed_text_keeping_length_and_offsets()
    {
        var text = "據ＢＢＣ報道，臺北市長　選舉：2024年";
        var folded = ChineseFold.Fold(text);
        Assert.Equal("据BBC报道,台北市长 选举:2024年", folded);
        Assert.Equal(text.Length, folded.Length);
        Assert.Equal(text.IndexOf("選舉", StringComparison.Ordinal), folded.IndexOf("选举", StringComparison.Ordinal));
    }

    [Fact]
    public void Folds_a_span_into_a_destination_or_in_place()
    {
        Span<char> buffer = stackalloc char[4];
        ChineseFold.Fold("蘋果日報", buffer);
        Assert.Equal("苹果日报", buffer.ToString());

        var inPlace = "國務院".ToCharArray();
        ChineseFold.Fold(inPlace, inPlace);
        Assert.Equal("国务院", new string(inPlace));

        Assert.Throws<ArgumentException>(() => ChineseFold.Fold("臺灣", new char[1]));
    }

    [Fact]
    public void The_table_holds_thousands_of_pairs_and_fold_applies_each()
    {
        var pairs = ChineseFold.ReadPairs();
        Assert.True(pairs.Count > 2000, $"only {pairs.Count} pairs in the table");
        Assert.All(pairs, p => Assert.Equal(p.To, ChineseFold.Fold(p.From)));
    }

    [Fact]
    public void Every_table_line_is_one_bmp_character_and_its_one_character_fold()
    {
        using var stream = typeof(ChineseFold).Assembly.GetManifestResourceStream(ChineseFold.ResourceName);
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = reader.ReadToEnd().Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l =>
        {
            Assert.Equal(2, l.Length);
            Assert.False(char.IsSurrogate(l[0]) || char.IsSurrogate(l[1]), l);
            Assert.NotEqual(l[0], l[1]);
        });
    }

    [Fact]
    public void Folding_folded_text_changes_nothing()
    {
        // Mainland text is folded too, so a Simplified character that folded further (TW's 么 → 幺
        // would turn mainland 什么 into 什幺) would stop it matching the Traditional original.
        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            var folded = ChineseFold.Fold(c);
            Assert.Equal(folded, ChineseFold.Fold(folded));
            Assert.Equal(char.IsSurrogate(c), char.IsSurrogate(folded));
        }
    }
}
