using NewsPortal.Core.Articles;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Tests.Text;

public sealed class BigramSketchTests
{
    // An unrelated report, about a football match, in the same language and register.
    private const string FootballTitle = "中超联赛:上海海港主场二比一逆转北京国安";
    private const string FootballBody =
        "在昨晚进行的中超联赛第二十轮比赛中,上海海港队坐镇主场迎战北京国安队。上半场第三十分钟,国安前锋利用角球机会头球破门,取得领先。\n\n"
        + "下半场易边再战,海港队加强了边路进攻,第六十五分钟,武磊接队友传中凌空抽射扳平比分。比赛第八十八分钟,奥斯卡主罚任意球直接破门,帮助球队完成逆转。\n\n"
        + "赛后,海港主教练表示,球员们展现了顽强的斗志,这场胜利对争夺联赛冠军非常重要。国安主帅则认为,球队在下半场体能下降,防守出现了失误。";

    private static int[] SketchOf(ParsedArticle article) => BigramSketch.Compute(article.Title, article.BodyText);

    [Fact]
    public void Two_reports_of_the_same_event_score_higher_than_either_with_an_unrelated_one()
    {
        // Both samples report Putin meeting Zhang Youxia in Moscow, from different outlets.
        var page = SketchOf(TestData.ArticleOf(TestData.TextDumpSeed));
        var feed = SketchOf(TestData.ArticleOf(TestData.FeedDumpSeed));
        var football = BigramSketch.Compute(FootballTitle, FootballBody);

        var same = BigramSketch.Similarity(page, feed);

        Assert.True(same > 2 * BigramSketch.Similarity(page, football), $"same event {same:F3}, page vs football {BigramSketch.Similarity(page, football):F3}");
        Assert.True(same > 2 * BigramSketch.Similarity(feed, football), $"same event {same:F3}, feed vs football {BigramSketch.Similarity(feed, football):F3}");
    }

    [Fact]
    public void Identical_texts_score_one()
    {
        var article = TestData.ArticleOf(TestData.FeedDumpSeed);

        Assert.Equal(1.0, BigramSketch.Similarity(SketchOf(article), SketchOf(article)));
        Assert.Equal(1.0, BigramSketch.Similarity(BigramSketch.Compute(FootballTitle, FootballBody), BigramSketch.Compute(FootballTitle, FootballBody)));
    }

    [Fact]
    public void Similarity_is_symmetric()
    {
        var page = SketchOf(TestData.ArticleOf(TestData.TextDumpSeed));
        var feed = SketchOf(TestData.ArticleOf(TestData.FeedDumpSeed));

        Assert.Equal(BigramSketch.Similarity(page, feed), BigramSketch.Similarity(feed, page));
    }

    [Fact]
    public void Sketch_is_sorted_unique_and_bounded()
    {
        var sketch = SketchOf(TestData.ArticleOf(TestData.TextDumpSeed));

        Assert.Equal(BigramSketch.Size, sketch.Length);
        Assert.Equal(sketch.Order().Distinct(), sketch);
    }

    [Fact]
    public void Sketch_is_stable_across_runs()
    {
        // Stored in the database and compared later: the hash must not depend on the process.
        Assert.Equal(BigramSketch.Compute("普京会见", ""), BigramSketch.Compute("普京会见", ""));
        Assert.Equal(6, BigramSketch.Compute("普京会见", "").Length); // 3 bigrams, title counted twice
    }

    [Fact]
    public void Sketch_values_are_pinned()
    {
        // Sketches stored by earlier versions are compared with new ones: the values must never change.
        Assert.Equal(
            [-2100228776, -1915490865, -1701518986, -1655037200, -1593902204, -1458343858, -1380800016, -1306625850, -1301342761, -868850067, -220411159, -23295287, 271360404, 608927824, 756579153, 977016761, 1247489944, 1282384945, 1331611457, 1444234680, 1462017816, 1554672349, 1561158636, 1563640497, 1695795146, 1744140627, 2105272045],
            BigramSketch.Compute("普京会见张又侠，Reuters ÉTÉ 한국어 カタカナ", "标题"));
    }

    [Fact]
    public void Empty_sketches_score_zero()
    {
        Assert.Empty(BigramSketch.Compute("", ""));
        Assert.Equal(0, BigramSketch.Similarity([], BigramSketch.Compute(FootballTitle, FootballBody)));
    }

    [Fact]
    public void Latin_words_are_tokens_regardless_of_case()
    {
        var a = BigramSketch.Compute("Putin meets Zhang", "Military cooperation");
        var b = BigramSketch.Compute("PUTIN MEETS ZHANG", "military COOPERATION");

        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(5000)]
    public void The_sketch_keeps_the_smallest_hashes_in_order_as_sorting_all_of_them_would(int count)
    {
        var random = new Random(count);
        for (var round = 0; round < 20; round++)
        {
            var hashes = new HashSet<int>();
            // Narrow ranges too, so that many hashes tie with the largest kept one on the way.
            var range = round % 2 == 0 ? int.MaxValue : count * 3 + 1;
            while (hashes.Count < count) hashes.Add(random.Next(-range, range));
            var sorted = hashes.Order().Take(BigramSketch.Size).ToArray();

            Assert.Equal(sorted, BigramSketch.Smallest(hashes));
        }
    }
}
