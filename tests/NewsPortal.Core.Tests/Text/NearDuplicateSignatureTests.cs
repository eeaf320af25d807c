using NewsPortal.Core.Text;

namespace NewsPortal.Core.Tests.Text;

public sealed class NearDuplicateSignatureTests
{
    private const string English =
        "The city council voted on Tuesday to expand the bus network into the northern suburbs, ending a two-year debate over cost.\n\n"
        + "Under the plan, four new routes will open next spring, and buses on the busiest lines will run every ten minutes during rush hour.\n\n"
        + "Opponents had argued that the money would be better spent repairing roads, but the mayor said the expansion would pay for itself within a decade.\n\n"
        + "The transit authority expects ridership to grow by a fifth once the new routes are running, according to a report released last month.\n\n"
        + "Residents of the northern suburbs, many of whom commute to jobs downtown, welcomed the decision at a packed public meeting.";

    private static string TextDumpBody => TestData.ArticleOf(TestData.TextDumpSeed).BodyText;
    private static string FeedDumpBody => TestData.ArticleOf(TestData.FeedDumpSeed).BodyText;

    private static List<string> Paragraphs(string body) => [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static bool ShareBandKey(NearDuplicateSignature a, NearDuplicateSignature b) => a.BandKeys().Intersect(b.BandKeys()).Any();

    [Fact]
    public void Two_outlets_telling_the_same_event_in_their_own_words_are_not_linked()
    {
        // Both samples report Putin meeting Zhang Youxia in Moscow: related articles, not one text.
        var page = NearDuplicateSignature.Compute(TextDumpBody);
        var feed = NearDuplicateSignature.Compute(FeedDumpBody);

        Assert.True(page.IsLinkable && feed.IsLinkable);
        Assert.False(page.IsDuplicateOf(feed));
        Assert.False(ShareBandKey(page, feed));
    }

    [Fact]
    public void A_repost_with_its_own_chrome_lines_and_a_trailing_disclaimer_is_linked()
    {
        var original = NearDuplicateSignature.Compute(TextDumpBody);
        var repost = NearDuplicateSignature.Compute(
            "2023-11-09 10:32 来源：环球网\n\n原标题：中俄两军高层十天内两次会谈\n\n分享到：\n\n" + TextDumpBody
            + "\n\n责任编辑：王小明\n\n免责声明：本文转载自网络，仅代表作者个人观点，与本站无关。");

        Assert.True(repost.IsDuplicateOf(original));
        Assert.True(ShareBandKey(repost, original));
        Assert.True(repost.CompareWith(original).Jaccard > 0.9, $"J {repost.CompareWith(original).Jaccard}");
    }

    [Fact]
    public void A_repost_with_paragraphs_dropped_and_moved_is_linked()
    {
        var paragraphs = Paragraphs(TextDumpBody);
        paragraphs.RemoveAt(3);
        paragraphs.RemoveAt(7);
        (paragraphs[1], paragraphs[5]) = (paragraphs[5], paragraphs[1]);

        var original = NearDuplicateSignature.Compute(TextDumpBody);
        var repost = NearDuplicateSignature.Compute(string.Join("\n\n", paragraphs));

        Assert.True(repost.IsDuplicateOf(original));
        Assert.True(ShareBandKey(repost, original));
    }

    [Fact]
    public void A_copy_cut_short_behind_an_expand_button_is_linked_by_containment()
    {
        var paragraphs = Paragraphs(TextDumpBody);
        var truncated = string.Join("\n\n", paragraphs.Take(paragraphs.Count / 3)) + "\n\n展开全文";

        var original = NearDuplicateSignature.Compute(TextDumpBody);
        var copy = NearDuplicateSignature.Compute(truncated);
        var similarity = copy.CompareWith(original);

        // As wholes they are not alike: the rule that links them is the shared opening and containment.
        Assert.True(similarity.Jaccard < NearDuplicateSignature.MinimumJaccard, $"J {similarity.Jaccard}");
        Assert.True(similarity.IsDuplicate, $"{similarity}");
        Assert.True(ShareBandKey(copy, original));
    }

    [Fact]
    public void Texts_that_share_only_an_opening_are_not_linked()
    {
        // The same first paragraph, then a different story: the second text is not held by the first.
        var paragraphs = Paragraphs(TextDumpBody);
        var other = paragraphs[0] + "\n\n" + string.Join("\n\n", Paragraphs(FeedDumpBody));

        Assert.False(NearDuplicateSignature.Compute(other).IsDuplicateOf(NearDuplicateSignature.Compute(TextDumpBody)));
    }

    [Fact]
    public void Short_texts_are_never_linked_even_when_identical()
    {
        var headline = "普京在莫斯科会见到访的中央军委副主席张又侠，双方就两军合作交换意见。";

        var signature = NearDuplicateSignature.Compute(headline);

        Assert.False(signature.IsLinkable);
        Assert.Empty(signature.BandKeys());
        Assert.False(signature.IsDuplicateOf(NearDuplicateSignature.Compute(headline)));
        Assert.Equal(NearDuplicateSignature.None, signature);
    }

    [Fact]
    public void Chrome_lines_alone_do_not_make_a_short_text_long_enough()
    {
        var shortText = string.Concat(Enumerable.Repeat("中俄两军高层会谈。", 15)); // 120 letters
        var withChrome = "2023-11-09 10:32 来源：环球网\n\n" + shortText + "\n\n责任编辑：王小明";

        Assert.False(NearDuplicateSignature.Compute(withChrome).IsLinkable);
    }

    [Fact]
    public void Whitespace_punctuation_case_and_full_width_forms_do_not_change_the_signature()
    {
        var a = NearDuplicateSignature.Compute(TextDumpBody + "\n\n" + English);
        var b = NearDuplicateSignature.Compute((TextDumpBody + "\n\n" + English.ToUpperInvariant())
            .Replace(",", "，").Replace("?", "？").Replace("。", "  。 ").Replace("9", "９"));

        Assert.Equal(a.Minima, b.Minima);
        Assert.Equal(a.BandKeys(), b.BandKeys());
    }

    [Fact]
    public void English_reposts_are_linked_and_unrelated_texts_are_not()
    {
        var original = NearDuplicateSignature.Compute(English);
        var paragraphs = Paragraphs(English);
        var repost = NearDuplicateSignature.Compute("Share this article\n\n" + string.Join("\n\n", paragraphs.Take(4)) + "\n\nCopyright 2024 Metro Daily.");

        Assert.True(repost.IsDuplicateOf(original));
        Assert.True(ShareBandKey(repost, original));
        Assert.False(original.IsDuplicateOf(NearDuplicateSignature.Compute(TextDumpBody)));
    }

    [Fact]
    public void Comparison_is_symmetric()
    {
        var original = NearDuplicateSignature.Compute(TextDumpBody);
        var truncated = NearDuplicateSignature.Compute(string.Join("\n\n", Paragraphs(TextDumpBody).Take(5)));

        Assert.Equal(original.CompareWith(truncated), truncated.CompareWith(original));
    }

    [Fact]
    public void Signature_has_its_fixed_shape_and_does_not_depend_on_the_process()
    {
        // Signatures are stored and compared with ones computed later: the hash functions are fixed.
        var signature = NearDuplicateSignature.Compute(English);

        Assert.Equal(NearDuplicateSignature.Hashes, signature.Minima.Length);
        Assert.Equal(NearDuplicateSignature.LeadHashes, signature.LeadMinima.Length);
        Assert.Equal(NearDuplicateSignature.Bands + NearDuplicateSignature.LeadBands, signature.BandKeys().Length);
        Assert.Equal(signature.BandKeys().Length, signature.BandKeys().Distinct().Count());
        Assert.Equal(PinnedFirstBandKey, signature.BandKeys()[0]);
    }

    // The first band key of English as computed when signatures were first stored; a change here
    // means stored signatures no longer compare with new ones (recompute them all, or revert).
    private const long PinnedFirstBandKey = -8805529271496949178;
}
