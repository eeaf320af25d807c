using NewsPortal.Core.Stories;
using Xunit;

namespace NewsPortal.Core.Tests.Stories;

public sealed class StoryScorerTests
{
    private static readonly DateTimeOffset Now = new(2020, 8, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly StoryScorer Scorer = new(StorySettings.Default, _ => 1.0);

    private static StoryCandidate Candidate(long article, long story, string title, double daysLater = 0, bool locked = false) =>
        new(article, story, 1, Now.AddDays(daysLater), StoryFeatures.Compute(title, ""), locked);

    [Fact]
    public void Identical_accounts_are_fully_alike_and_unrelated_ones_not_at_all()
    {
        var a = StoryFeatures.Compute("中国宣布制裁卢比奥等11名美国人", "");
        var b = StoryFeatures.Compute("长崎举行原子弹爆炸75周年纪念活动", "");
        Assert.Equal(1, Scorer.Similarity(a, Scorer.Norm(a), a, Scorer.Norm(a)), 6);
        Assert.Equal(0, Scorer.Similarity(a, Scorer.Norm(a), b, Scorer.Norm(b)));
    }

    [Fact]
    public void Time_apart_damps_only_beyond_the_full_window()
    {
        Assert.Equal(1, Scorer.TimeFactor(Now, Now.AddDays(StorySettings.Default.FullDays)));
        Assert.True(Scorer.TimeFactor(Now, Now.AddDays(StorySettings.Default.FullDays + 3)) < 0.5);
        Assert.Equal(Scorer.TimeFactor(Now, Now.AddDays(5)), Scorer.TimeFactor(Now.AddDays(5), Now));
    }

    [Fact]
    public void An_article_joins_the_story_of_its_most_alike_account()
    {
        var choice = Scorer.Choose(StoryFeatures.Compute("中国宣布制裁卢比奥等11名美国人", ""), Now,
        [
            Candidate(1, 10, "长崎举行原子弹爆炸75周年纪念活动"),
            Candidate(2, 20, "中国宣布制裁卢比奥等11名美方人士"),
        ]);
        Assert.Equal(20, choice.StoryId);
        Assert.Empty(choice.Merge);
    }

    [Fact]
    public void An_article_alike_to_nothing_starts_its_own_story()
    {
        var choice = Scorer.Choose(StoryFeatures.Compute("台风米克拉生成", ""), Now, [Candidate(1, 10, "长崎举行原子弹爆炸75周年纪念活动")]);
        Assert.Null(choice.StoryId);
        Assert.Empty(choice.Related);
    }

    [Fact]
    public void The_same_account_years_later_is_not_the_same_event()
    {
        var choice = Scorer.Choose(StoryFeatures.Compute("长崎举行原子弹爆炸纪念活动", ""), Now, [Candidate(1, 10, "长崎举行原子弹爆炸纪念活动", daysLater: -365)]);
        Assert.Null(choice.StoryId);
    }

    [Fact]
    public void An_outlets_next_installment_of_a_series_a_day_later_is_not_its_story_nor_alike()
    {
        // 中央社's daily "武漢肺炎全球最新情報 8/9", "… 8/10", "… 8/11" (clusters-dev): each joined the one before.
        var features = StoryFeatures.Compute("武漢肺炎全球最新情報 8/11", "");
        StoryCandidate Installment(long article, string title, double hoursLater, long outlet = 1) =>
            new(article, article * 10, outlet, Now.AddHours(hoursLater), StoryFeatures.Compute(title, ""), false);

        var dayBefore = Scorer.Choose(features, Now, [Installment(1, "武漢肺炎全球最新情報 8/10", -24)], sourceId: 1);
        Assert.Null(dayBefore.StoryId);
        Assert.Empty(dayBefore.Alike);

        // Hours apart it is one report updated; another outlet's alike title is another account.
        Assert.Equal(10, Scorer.Choose(features, Now, [Installment(1, "武漢肺炎全球最新情報 8/11", -3)], sourceId: 1).StoryId);
        Assert.Equal(20, Scorer.Choose(features, Now, [Installment(2, "武漢肺炎全球最新情報 8/10", -24, outlet: 2)], sourceId: 1).StoryId);
    }

    [Fact]
    public void An_article_bridging_two_stories_merges_them_unless_an_editor_shaped_one()
    {
        var features = StoryFeatures.Compute("中国宣布制裁卢比奥等11名美国人", "");
        var both = Scorer.Choose(features, Now, [Candidate(1, 10, "中国宣布制裁卢比奥等11名美国人"), Candidate(2, 20, "中国宣布制裁卢比奥等11名美国人")]);
        Assert.Equal(10, both.StoryId);
        Assert.Equal([20L], both.Merge);

        var locked = Scorer.Choose(features, Now, [Candidate(1, 10, "中国宣布制裁卢比奥等11名美国人"), Candidate(2, 20, "中国宣布制裁卢比奥等11名美国人", locked: true)]);
        Assert.Equal(10, locked.StoryId);
        Assert.Empty(locked.Merge);
    }

    [Fact]
    public void A_story_alike_below_the_join_threshold_is_offered_as_related()
    {
        var settings = StorySettings.Default with { JoinThreshold = 0.9, RelatedThreshold = 0.1 };
        var scorer = new StoryScorer(settings, _ => 1.0);
        var choice = scorer.Choose(StoryFeatures.Compute("中国宣布制裁卢比奥等11名美国人", ""), Now, [Candidate(1, 10, "中国宣布制裁11名美国官员")]);
        Assert.Null(choice.StoryId);
        Assert.Equal(10, Assert.Single(choice.Related).StoryId);
    }

    [Fact]
    public void Commentary_joins_no_story_no_account_joins_it_and_both_are_offered_as_related()
    {
        // An analysis of the CPI release in the release's own words, beside the release.
        var report = Candidate(1, 10, "中国7月CPI同比上涨2.7% 猪肉价格大涨逾八成");
        var analysis = StoryFeatures.Compute("焦点：中国7月CPI同比上涨2.7% 猪肉价格大涨逾八成", "");
        Assert.True(analysis.Commentary);
        var choice = Scorer.Choose(analysis, Now, [report]);
        Assert.Null(choice.StoryId);
        Assert.Equal(10, Assert.Single(choice.Related).StoryId);
        Assert.Equal(1, Assert.Single(choice.Alike).ArticleId);

        // The same words as a report join.
        Assert.Equal(10, Scorer.Choose(StoryFeatures.Compute("中国7月CPI同比上涨2.7% 猪肉价格大涨逾八成", ""), Now, [report]).StoryId);

        // A report meeting the analysis first does not join the analysis's story; it joins the release's.
        var later = Scorer.Choose(StoryFeatures.Compute("中国7月CPI同比上涨2.7% 猪肉价格大涨逾八成", ""), Now,
            [Candidate(2, 20, "焦点：中国7月CPI同比上涨2.7% 猪肉价格大涨逾八成"), report]);
        Assert.Equal(10, later.StoryId);
        Assert.Contains(later.Related, r => r.StoryId == 20);
        Assert.Null(Scorer.Choose(StoryFeatures.Compute("中国7月CPI同比上涨2.7% 猪肉价格大涨逾八成", ""), Now,
            [Candidate(2, 20, "焦点：中国7月CPI同比上涨2.7% 猪肉价格大涨逾八成")]).StoryId);
    }

    [Fact]
    public void Keys_an_article_stores_are_among_those_a_contemporary_looks_up()
    {
        int[] terms = [123, 456];
        var stored = StoryKeys.Of(terms, Now).ToHashSet();
        Assert.Subset(StoryKeys.Around(terms, Now.AddDays(6), windowDays: 10).ToHashSet(), stored);
        Assert.False(stored.Overlaps(StoryKeys.Around(terms, Now.AddDays(60), windowDays: 10)));
    }

    [Fact]
    public void The_choice_names_the_most_alike_candidates_above_the_likeness_floor_most_alike_first_and_at_most_the_cap()
    {
        var settings = StorySettings.Default with { LikenessPerArticle = 2 };
        var scorer = new StoryScorer(settings, _ => 1.0);
        var choice = scorer.Choose(StoryFeatures.Compute("中国宣布制裁卢比奥等11名美国人", ""), Now,
        [
            Candidate(1, 10, "中国宣布制裁11名美国官员"),
            Candidate(2, 10, "中国宣布制裁卢比奥等11名美国人"),
            Candidate(3, 30, "长崎举行原子弹爆炸75周年纪念活动"),
            Candidate(4, 20, "中国宣布制裁卢比奥等11名美方人士"),
        ]);
        Assert.Equal([2L, 4L], choice.Alike.Select(a => a.ArticleId));
        Assert.True(choice.Alike[0].Score > choice.Alike[1].Score);

        var all = Scorer.Choose(StoryFeatures.Compute("中国宣布制裁卢比奥等11名美国人", ""), Now,
            [Candidate(1, 10, "中国宣布制裁11名美国官员"), Candidate(3, 30, "长崎举行原子弹爆炸75周年纪念活动")]);
        Assert.Equal([1L], all.Alike.Select(a => a.ArticleId));
        Assert.True(all.Alike[0].Score >= StorySettings.Default.LikenessThreshold);
    }
}
