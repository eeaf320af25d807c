using NewsPortal.Core.Search;
using Xunit;

namespace NewsPortal.Core.Tests.Search;

public sealed class SearchQueryTests
{
    [Fact]
    public void Normalising_folds_Traditional_full_width_and_case_and_keeps_every_offset()
    {
        const string text = "臺灣ＡＢＣ Trump’s 豬肉價格";
        var normalized = SearchText.Normalize(text);
        Assert.Equal("台湾abc trump’s 猪肉价格", normalized);
        Assert.Equal(text.Length, normalized.Length);
    }

    [Fact]
    public void A_Chinese_term_needs_its_pairs_and_a_check_a_single_character_or_pair_or_word_does_not()
    {
        var q = SearchQuery.Parse("北京大学 雪 中国 Trump");
        Assert.Equal(["北京大学", "雪", "中国", "trump"], q.Terms.Select(t => t.Text));
        Assert.Equal([SearchText.PairKey('北', '京'), SearchText.PairKey('京', '大'), SearchText.PairKey('大', '学')], q.Terms[0].Keys);
        Assert.True(q.Terms[0].NeedsCheck);
        Assert.Equal([SearchText.CharKey('雪')], q.Terms[1].Keys);
        Assert.False(q.Terms[1].NeedsCheck);
        Assert.False(q.Terms[2].NeedsCheck);
        Assert.Equal([SearchText.WordKey("trump")], q.Terms[3].Keys);
        Assert.False(q.Terms[3].NeedsCheck);
    }

    [Fact]
    public void The_keys_of_a_text_hold_every_key_of_a_query_for_a_phrase_it_contains()
    {
        var text = SearchText.Normalize("中國7月CPI年增2.7% 豬肉價格大漲85.7%；NBA總決賽");
        var keys = SearchText.Keys(null, text).ToHashSet();
        foreach (var query in new[] { "猪肉价格", "中国", "cpi", "豬", "nba总决赛", "2", "7月" })
            Assert.True(SearchQuery.Parse(query).Keys.All(keys.Contains), query);
        Assert.False(SearchQuery.Parse("牛肉").Keys.All(keys.Contains));
    }

    [Theory]
    [InlineData("\"&|!():*'\\", 0)]
    [InlineData("   ", 0)]
    [InlineData("", 0)]
    [InlineData("a & b | !c", 3)]
    [InlineData("（中国）：“经济”", 2)]
    [InlineData("中国 中國 中国", 1)]
    public void Syntax_is_only_a_separator_and_repeated_terms_count_once(string raw, int terms) =>
        Assert.Equal(terms, SearchQuery.Parse(raw).Terms.Count);

    [Fact]
    public void A_long_query_is_cut_at_100_characters_never_inside_a_surrogate_pair()
    {
        var q = SearchQuery.Parse(new string('字', 250));
        Assert.Equal(SearchQuery.MaxLength, q.Text.Length);
        Assert.True(q.Keys.Length <= SearchQuery.MaxKeys);

        var astral = new string('a', 99) + "𠮷𠮷";
        var cut = SearchQuery.Parse(astral);
        Assert.Equal(99, cut.Text.Length);
        Assert.False(char.IsHighSurrogate(cut.Text[^1]));
        Assert.True(SearchQuery.Parse(null).IsEmpty);
        Assert.True(SearchQuery.Parse(string.Join(' ', Enumerable.Range(0, 30).Select(i => "w" + i))).Terms.Count == SearchQuery.MaxTerms);
    }

    [Fact]
    public void Marking_finds_a_Simplified_query_in_Traditional_text_and_keeps_the_original_characters()
    {
        var pieces = SearchSnippet.Mark("中央社：豬肉價格大漲，豬肉", SearchQuery.Parse("猪肉"));
        Assert.Equal([("中央社：", false), ("豬肉", true), ("價格大漲，", false), ("豬肉", true)], pieces);
        Assert.Equal([("abc", false)], SearchSnippet.Mark("abc", SearchQuery.Parse("")));
    }

    [Fact]
    public void A_cursor_round_trips_and_anything_else_is_refused()
    {
        var cursor = new SearchCursor(DateTimeOffset.Parse("2026-12-06T10:00:00Z"), 0.123456789012345, DateTimeOffset.Parse("2020-08-10T02:01:22Z"), 42);
        Assert.True(SearchCursor.TryParse(cursor.ToString(), out var back));
        Assert.Equal(cursor, back);
        Assert.True(SearchCursor.TryParse("", out var none));
        Assert.Null(none);
        foreach (var bad in new[] { "x", "1_2_3", "1_zz_3_4", "1_7ff0000000000000_3_4", "1_2_3_-4", "99999999999999999999_0_0_1" })
            Assert.False(SearchCursor.TryParse(bad, out _), bad);
    }
}

public sealed class SearchBucketTests
{
    [Theory]
    [InlineData("2020-08-10T02:01:22Z", 247, "2020-08-01T00:00:00Z")]
    [InlineData("2000-01-01T00:00:00Z", 0, "2000-01-01T00:00:00Z")]
    [InlineData("1999-12-31T23:59:59Z", -1, "1999-12-01T00:00:00Z")]
    [InlineData("1998-01-15T00:00:00Z", -24, "1998-01-01T00:00:00Z")]
    [InlineData("1997-12-15T00:00:00Z", -25, "1997-12-01T00:00:00Z")]
    public void A_month_bucket_starts_at_its_first_instant_and_holds_its_times(string time, int bucket, string start)
    {
        var t = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(bucket, SearchText.BucketOf(t));
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), SearchText.BucketStart(bucket));
        Assert.True(SearchText.BucketStart(bucket) <= t && t < SearchText.BucketStart(bucket + 1));
    }

    [Fact]
    public void One_key_in_two_months_is_two_keys()
    {
        var key = SearchText.PairKey('中', '国');
        Assert.NotEqual(SearchText.InBucket(key, 247), SearchText.InBucket(key, 248));
        Assert.Equal(SearchText.InBucket(key, 247), SearchText.InBucket([key], 247)[0]);
    }

    [Fact]
    public void A_keys_months_are_neighbours_in_key_order_and_other_keys_are_not_among_them()
    {
        var key = SearchText.PairKey('张', '又');
        // 2023-01 .. 2027-12: 60 months, as the benchmark's database spans.
        var months = Enumerable.Range(276, 60).Select(m => SearchText.InBucket(key, m)).ToList();
        Assert.Equal(60, months.Distinct().Count());
        // Within 64 months they span one range of 64 key values, so they sort together.
        Assert.True(months.Max() - months.Min() < 64);

        // Distinct words of one month keep distinct keys (26 bits of hash: a collision is rare, and
        // costs only candidates the phrase check drops).
        var text = SearchText.Normalize("国务院新闻办公室今天举行发布会介绍上半年经济运行情况及下半年工作安排黎智英被捕阿扎尔访台");
        var pairs = Enumerable.Range(0, text.Length - 1).Select(i => SearchText.PairKey(text[i], text[i + 1])).Distinct().ToList();
        Assert.Equal(pairs.Count, pairs.Select(k => SearchText.InBucket(k, 300)).Distinct().Count());
        Assert.DoesNotContain(SearchText.InBucket(SearchText.PairKey('中', '国'), 300), months);
    }
}
