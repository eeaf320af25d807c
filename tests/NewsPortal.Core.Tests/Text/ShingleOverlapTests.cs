using NewsPortal.Core.Text;

namespace NewsPortal.Core.Tests.Text;

public sealed class ShingleOverlapTests
{
    [Fact]
    public void Every_han_kana_and_hangul_character_is_one_token()
    {
        Assert.Equal(["新", "华", "社", "北", "京", "电"], ShingleOverlap.Tokenize("新华社北京电"));
        Assert.Equal(["ひ", "ら", "が", "な", "カ", "タ"], ShingleOverlap.Tokenize("ひらがな・カタ"));
        Assert.Equal(["한", "국", "어"], ShingleOverlap.Tokenize("한국어"));
    }

    [Fact]
    public void Latin_text_splits_into_word_runs_and_drops_punctuation()
    {
        Assert.Equal(["Hello", "world", "it", "s", "2024", "snake_case"],
            ShingleOverlap.Tokenize("Hello, world — it's 2024!  snake_case"));
    }

    [Fact]
    public void Mixed_text_splits_at_the_boundary_between_cjk_and_latin()
    {
        Assert.Equal(["据", "CNN", "报", "道", "5G"], ShingleOverlap.Tokenize("据CNN报道：5G"));
    }

    [Fact]
    public void Normalises_with_nfkc_before_tokenizing()
    {
        // Full-width letters, digits and half-width katakana fold to their ordinary forms.
        Assert.Equal(["ABC", "123", "カ"], ShingleOverlap.Tokenize("ＡＢＣ　１２３　ｶ"));
    }

    [Fact]
    public void Keeps_case_as_the_upstream_metric_does()
    {
        var score = ShingleOverlap.Compare("The Quick Brown Fox", "the quick brown fox");
        Assert.Equal(0, score.Overlap);
    }

    [Fact]
    public void Shingles_are_four_consecutive_tokens()
    {
        var shingles = ShingleOverlap.Shingles("一二三四五");
        Assert.Equal(2, shingles.Count);
        Assert.Equal(2, shingles.Values.Sum());
    }

    [Fact]
    public void A_text_shorter_than_four_tokens_is_one_shingle()
    {
        var score = ShingleOverlap.Compare("Breaking news", "Breaking news");
        Assert.Equal(new ShingleScore(1, 1, 1), score);
        Assert.Equal(1.0, score.Precision);
    }

    [Fact]
    public void Counts_repeated_shingles_as_a_multiset()
    {
        // The reference has the shingle "a b c d" twice, the prediction three times: two match.
        var score = ShingleOverlap.Compare("a b c d . a b c d", "a b c d ; a b c d , a b c d");
        Assert.Equal(5, score.Reference);
        Assert.Equal(9, score.Predicted);
        Assert.Equal(5, score.Overlap);
        var repeated = ShingleOverlap.Shingles("a b c d . a b c d");
        Assert.Equal(2, repeated[string.Join('\u001F', "a", "b", "c", "d")]);
    }

    [Fact]
    public void Precision_and_recall_for_a_partial_chinese_prediction()
    {
        // Reference: 7 shingles; the prediction keeps the first 6 characters (3 shingles) and adds 2 of its own.
        var score = ShingleOverlap.Compare("今天北京天气晴朗无风", "今天北京天气。广告");
        Assert.Equal(7, score.Reference);
        Assert.Equal(3, score.Overlap);
        Assert.Equal(3.0 / 5, score.Precision!.Value, 6);
        Assert.Equal(3.0 / 7, score.Recall!.Value, 6);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ，。！ ")]
    public void Empty_texts_have_no_shingles_and_no_defined_score(string? empty)
    {
        var score = ShingleOverlap.Compare("正文内容在这里", empty);
        Assert.Equal(0, score.Predicted);
        Assert.Null(score.Precision);
        Assert.Equal(0.0, score.Recall);
        Assert.Null(ShingleOverlap.Compare(empty, "正文").Recall);
    }
}
