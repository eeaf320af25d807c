using NewsPortal.Core.Stories;
using Xunit;

namespace NewsPortal.Core.Tests.Stories;

public sealed class StoryFeaturesTests
{
    [Theory]
    [InlineData("武漢肺炎全球最新情報 8/10", "武汉肺炎全球最新情报 8/11")]
    [InlineData("香港新增確診69例 累計4148人染病", "香港新增确诊49例 累计4197人染病")]
    [InlineData("Daily Briefing, August 10 – Example News", "Daily briefing, August 11")]
    public void Titles_alike_but_for_their_numbers_share_a_series(string a, string b)
    {
        Assert.NotNull(StoryFeatures.Compute(a, "").Series);
        Assert.Equal(StoryFeatures.Compute(a, "").Series, StoryFeatures.Compute(b, "").Series);
    }

    [Theory]
    [InlineData("台风米克拉生成")] // no number: nothing says it recurs
    [InlineData("8/10 简讯")] // too little besides the number
    public void A_title_without_numbers_or_with_little_else_has_no_series(string title) =>
        Assert.Null(StoryFeatures.Compute(title, "").Series);

    [Fact]
    public void Titles_with_other_words_have_other_series() =>
        Assert.NotEqual(StoryFeatures.Compute("中国7月CPI同比上涨2.7%", "").Series, StoryFeatures.Compute("中国7月PPI同比下降2.4%", "").Series);

    [Fact]
    public void Traditional_and_simplified_accounts_share_their_terms()
    {
        var traditional = StoryFeatures.Compute("美衛生部長抵台", "");
        var simplified = StoryFeatures.Compute("美卫生部长抵台", "");
        Assert.Equal(simplified.Terms, traditional.Terms);
        Assert.NotEmpty(traditional.Terms);
    }

    [Fact]
    public void A_cjk_bigram_is_its_two_characters_packed_and_a_latin_word_lands_below_the_cjk_range()
    {
        var f = StoryFeatures.Compute("会见 TikTok", "");
        Assert.Contains(('会' << 16) | '见', f.Terms);
        var word = Assert.Single(f.Terms, t => (uint)t < 0x3400_0000u);
        Assert.Equal(StoryFeatures.Compute("TIKTOK", "").Terms.Single(), word);
    }

    [Fact]
    public void Title_terms_weigh_more_than_lead_terms()
    {
        var f = StoryFeatures.Compute("台风", "暴雨");
        var title = Array.IndexOf(f.Terms, ('台' << 16) | '风');
        var lead = Array.IndexOf(f.Terms, ('暴' << 16) | '雨');
        Assert.Equal(StoryFeatures.TitleWeight, f.Weights[title]);
        Assert.Equal(1, f.Weights[lead]);
    }

    [Fact]
    public void Only_the_lead_of_the_body_counts()
    {
        var f = StoryFeatures.Compute("", new string('中', StoryFeatures.LeadCharacters) + "尾巴");
        Assert.DoesNotContain(('尾' << 16) | '巴', f.Terms);
    }

    [Theory]
    [InlineData("报复美国 中国制裁11名美方人士 – 法国国际广播电台 - RFI", "报复美国 中国制裁11名美方人士")]
    [InlineData("Belarus protests grow | BBC News", "Belarus protests grow")]
    [InlineData("两党 - 国会", "两党 - 国会")]
    [InlineData("没有后缀的标题", "没有后缀的标题")]
    public void A_site_name_after_the_title_is_not_part_of_it(string title, string expected) =>
        Assert.Equal(expected, StoryFeatures.WithoutSiteSuffix(title));

    [Fact]
    public void Numbers_keep_their_decimal_point()
    {
        var a = StoryFeatures.Compute("CPI 2.7", "");
        var b = StoryFeatures.Compute("CPI 2", "");
        Assert.NotEqual(a.Terms, b.Terms);
    }

    [Fact]
    public void No_title_and_no_text_give_no_terms() => Assert.True(StoryFeatures.Compute("", null).IsEmpty);

    [Fact]
    public void English_articles_on_unrelated_subjects_share_no_terms_through_their_function_words()
    {
        var a = StoryFeatures.Compute("Absent students, Beirut after the blast and the TV hits from Hunan",
            "The school year is over in the city, and it was one of the hardest for the families who are still there.");
        var b = StoryFeatures.Compute("Nicholas Christakis on fighting covid-19 by truly understanding the virus",
            "It is in the nature of the virus that it spreads before the sick feel it, and that was what the world did not see.");
        Assert.Empty(a.Terms.Intersect(b.Terms));
        // Words that tell the subject still meet.
        Assert.Equal(2, StoryFeatures.Compute("The Beirut blast", "").Terms.Intersect(a.Terms).Count());
    }

    [Theory]
    [InlineData("焦点：偶发因素扰动中国7月CPI同比涨幅创三个月高位", true)]
    [InlineData("即時觀點：食品漲勢帶動中國7月CPI升幅創三個月新高", true)]
    [InlineData("【CDT导览】为什么全世界都要封堵TikTok", true)]
    [InlineData("黎智英被捕苹果日报大楼被搜 记协主席：只有在第三世界才会发生 - 要闻解说", true)]
    [InlineData("学者：东盟开始思考冷战应对模式 - 曼谷专栏", true)]
    [InlineData("Analysis: Why the CPI rise will not last", true)]
    // A speaker, a source or a label that is no genre; a genre word inside the headline is what someone said.
    [InlineData("美衛生部長10日來訪 陳時中：醫衛物資都會談", false)]
    [InlineData("港媒：传黎智英等七人因涉嫌违反香港国安法被拘捕", false)]
    [InlineData("【CDT发布】周庭、黎智英父子三人以及壹传媒高层多人被捕", false)]
    [InlineData("专家分析称美股将继续走高", false)]
    [InlineData("香港壹传媒主席黎智英因涉违国安法被捕--黎智英助手TWITTER", false)]
    public void A_title_whose_rubric_names_a_genre_of_comment_is_commentary(string title, bool commentary) =>
        Assert.Equal(commentary, StoryFeatures.Compute(title, "正文").Commentary);
}
