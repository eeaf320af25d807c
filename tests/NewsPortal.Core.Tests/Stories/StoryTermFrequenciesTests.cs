using NewsPortal.Core.Stories;
using Xunit;

namespace NewsPortal.Core.Tests.Stories;

public sealed class StoryTermFrequenciesTests
{
    private static int Bigram(string two) => (two[0] << 16) | two[1];

    [Fact]
    public void Look_ups_go_by_a_name_in_the_title_before_a_rarer_bigram_straddling_two_words_of_the_lead()
    {
        // 又侠 is held by five articles, 日表 (from "…日表示…") by one: rarer, but a title term weighs three times as much.
        var f = StoryFeatures.Compute("张又侠会见外宾", "新华社北京8月9日表示，会见在北京举行。");
        var df = f.Terms.ToDictionary(t => t, _ => 40);
        df[Bigram("又侠")] = 5;
        df[Bigram("日表")] = 1;
        var frequencies = StoryTermFrequencies.Of(df, 5000, StorySettings.Default);

        Assert.Equal([Bigram("又侠")], frequencies.LookupTerms(f, 1, counted: false));
        Assert.Contains(Bigram("又侠"), frequencies.StoredKeyTerms(f, 3));
    }

    [Fact]
    public void Terms_no_other_article_holds_or_too_many_hold_look_nothing_up()
    {
        var f = StoryFeatures.Compute("张又侠会见外宾", "");
        var df = f.Terms.ToDictionary(t => t, _ => 0);
        df[Bigram("会见")] = 4000;
        df[Bigram("外宾")] = 3;
        var frequencies = StoryTermFrequencies.Of(df, 10_000, StorySettings.Default);

        Assert.Equal([Bigram("外宾")], frequencies.LookupTerms(f, 12, counted: false));
        // An update's own terms are counted already: a term it alone holds finds nothing.
        df[Bigram("外宾")] = 1;
        Assert.Empty(StoryTermFrequencies.Of(df, 10_000, StorySettings.Default).LookupTerms(f, 12, counted: true));
    }

    [Fact]
    public void An_article_with_few_key_terms_is_stored_under_all_of_them()
    {
        var f = StoryFeatures.Compute("外宾", "");
        var frequencies = StoryTermFrequencies.Of([], 0, StorySettings.Default);
        Assert.Equal(f.KeyTerms, frequencies.StoredKeyTerms(f, 48));
    }

    [Fact]
    public void Counts_read_by_term_id_score_to_the_bit_as_counts_read_by_term()
    {
        var a = StoryFeatures.Compute("张又侠会见外宾", "新华社北京8月9日电，中央军委副主席张又侠在北京会见外宾。");
        var b = StoryFeatures.Compute("外宾会见张又侠", "8月9日，张又侠在北京八一大楼会见来访的外宾，双方举行会谈。");
        var c = StoryFeatures.Compute("台风登陆浙江", "台风今天下午在浙江沿海登陆，当地已转移群众。");
        var ids = new StoryTermIds();

        void ScoresAgree(StoryTermFrequencies frequencies)
        {
            var byId = new StoryScorer(StorySettings.Default, frequencies);
            var byTerm = new StoryScorer(StorySettings.Default, frequencies.Idf);
            foreach (var f in new[] { a, b, c })
                Assert.Equal(byTerm.Norm(f), byId.Norm(f));
            Assert.Equal(byTerm.Similarity(a, byTerm.Norm(a), b, byTerm.Norm(b)), byId.Similarity(a, byId.Norm(a), b, byId.Norm(b)));
            Assert.Equal(byTerm.Similarity(b, byTerm.Norm(b), c, byTerm.Norm(c)), byId.Similarity(b, byId.Norm(b), c, byId.Norm(c)));
        }

        // One batch: a's and b's terms counted (c's are not: they count as held by none), then a placed.
        var first = StoryTermFrequencies.Of(a.Terms.Concat(b.Terms).Distinct().ToDictionary(t => t, t => (t & 0xFFFF) % 7), 1000, StorySettings.Default, ids);
        ScoresAgree(first);
        first.Add(a);
        ScoresAgree(first);
        first.EndScoring();
        // The next batch, with other counts, reads them from the array the first one gave back.
        var second = StoryTermFrequencies.Of(c.Terms.ToDictionary(t => t, t => (t & 0xFFFF) % 5), 2000, StorySettings.Default, ids);
        ScoresAgree(second);
        second.Add(c);
        ScoresAgree(second);
    }
}
