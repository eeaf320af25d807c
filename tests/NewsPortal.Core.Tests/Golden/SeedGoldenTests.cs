using NewsPortal.Core.Articles;

namespace NewsPortal.Core.Tests.Golden;

/// <summary>Each real input under <c>testdata/seeds/</c> parses to the reviewed JSON beside it.</summary>
public sealed class SeedGoldenTests
{
    public static TheoryData<string> Seeds() => new(SeedNames());

    private static List<string> SeedNames() =>
        [.. Directory.EnumerateFiles(TestData.PathOf("seeds"))
            .Where(path => !path.EndsWith(".expected.json", StringComparison.Ordinal))
            .Select(path => Path.GetFileName(path))
            .Order(StringComparer.Ordinal)];

    // 000_x.txt is expected as 000_x.expected.json, Miniflux-style: the input and its result side by side.
    private static string ExpectedFileOf(string seed) => Path.GetFileNameWithoutExtension(seed) + ".expected.json";

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_parses_to_its_golden_json(string seed)
    {
        var article = TestData.ArticleOf(seed);

        GoldenFile.AssertMatches(Path.Combine("seeds", ExpectedFileOf(seed)), GoldenFile.Serialize(article));
    }

    [Fact]
    public void Every_seed_has_a_golden_file()
    {
        var seeds = SeedNames();

        Assert.Equal([TestData.TextDumpSeed, TestData.FeedDumpSeed], seeds);
        if (GoldenFile.Updating) return;
        Assert.All(seeds, seed => Assert.True(File.Exists(TestData.PathOf("seeds", ExpectedFileOf(seed))), seed));
    }

    [Fact]
    public void Golden_json_round_trips_to_the_same_article_fields()
    {
        // Guards the serializer settings: a golden file must hold every field the parser sets.
        var article = TestData.ArticleOf(TestData.FeedDumpSeed);

        var copy = GoldenFile.Deserialize(GoldenFile.Serialize(article));

        Assert.NotNull(copy);
        Assert.Equal(article.Title, copy.Title);
        Assert.Equal(article.PublishedAt, copy.PublishedAt);
        Assert.Equal(article.CapturedAt, copy.CapturedAt);
        Assert.Equal(article.BodyHtml, copy.BodyHtml);
        Assert.Equal(article.Images, copy.Images);
        Assert.Equal(GoldenFile.Serialize(article), GoldenFile.Serialize(copy));
    }

    [Fact]
    public void Golden_json_keeps_chinese_readable()
    {
        var json = GoldenFile.Serialize(new ParsedArticle { Title = "普京会见张又侠", BodyHtml = "<p>x</p>", BodyText = "x" });

        Assert.Contains("\"title\": \"普京会见张又侠\"", json);
        Assert.DoesNotContain("\\u", json);
        Assert.Contains("\"bodyHtml\": \"<p>x</p>\"", json);
    }
}
