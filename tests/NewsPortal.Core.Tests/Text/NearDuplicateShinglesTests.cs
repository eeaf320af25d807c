using System.Text;
using NewsPortal.Core.Articles;
using NewsPortal.Core.Ingestion;
using NewsPortal.Core.Text;
using Xunit;

namespace NewsPortal.Core.Tests.Text;

public sealed class NearDuplicateShinglesTests
{
    [Fact]
    public void Lower_casing_a_token_agrees_with_ToLowerInvariant_for_every_character()
    {
        var differences = new List<string>();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (char.IsSurrogate((char)c)) continue;
            var token = ((char)c).ToString();
            if (NearDuplicateShingles.LowerCase(token) != token.ToLowerInvariant()) differences.Add($"U+{c:X4}");
        }
        Assert.Empty(differences);
    }

    [Theory]
    [InlineData("普京会见张又侠", "普京会见张又侠")]
    [InlineData("Reuters", "reuters")]
    [InlineData("covid19", "covid19")]
    [InlineData("ÉTÉ", "été")]
    [InlineData("𠀀", "𠀀")]
    public void Lower_cases_words_and_leaves_caseless_ones_as_they_are(string token, string expected) =>
        Assert.Equal(expected, NearDuplicateShingles.LowerCase(token));

    [Fact]
    public void A_token_needing_no_change_is_returned_without_a_copy()
    {
        var token = "新华社";
        Assert.Same(token, NearDuplicateShingles.LowerCase(token));
    }

    [Fact]
    public void The_signature_skips_blank_staff_widget_and_dateline_lines_and_stops_at_a_disclaimer_after_the_text()
    {
        const string body = """
            免责声明：本站转载的文章仅供参考。

              国家统计局今天发布数据。  
            2023-11-09 10:00 来源：新华社
            展开全文
            十月份工业增加值同比增长。
            责任编辑：王小明
            版权声明：未经授权不得转载。
            这一行在声明之后，不属于正文。
            """;

        Assert.Equal(["国家统计局今天发布数据。", "十月份工业增加值同比增长。"],
            NearDuplicateShingles.KeptLines(body, BoilerplatePhrases.Default));
    }

    /// <summary>
    /// The shingles as they were first defined: the kept lines' tokens as strings
    /// (<see cref="ShingleOverlap.Tokenize"/>), each lower-cased, hashed, then the same windows.
    /// <see cref="NearDuplicateShingles.Of"/> hashes tokens without making them; it must agree.
    /// </summary>
    private static (ulong[] Shingles, int Letters) Oracle(string bodyText)
    {
        var tokens = NearDuplicateShingles.KeptLines(bodyText, BoilerplatePhrases.Default)
            .SelectMany(line => ShingleOverlap.Tokenize(line).Select(t => t.ToLowerInvariant())).ToList();
        var cjk = tokens.Count(t => t.Length <= 2 && NewsPortal.Core.Ingestion.Html.TextMeasure.IsCjk(t[0]));
        var size = cjk * 2 >= tokens.Count ? NearDuplicateShingles.CjkShingleTokens : NearDuplicateShingles.WordShingleTokens;
        var hashes = tokens.Select(t => NearDuplicateShingles.Hash(t)).ToArray();
        var shingles = new List<ulong>();
        var windows = hashes.Length == 0 ? 0 : Math.Max(1, hashes.Length - size + 1);
        for (var start = 0; start < windows; start++)
        {
            var shingle = 0x9E3779B97F4A7C15UL;
            foreach (var hash in hashes.Skip(start).Take(size)) shingle = NearDuplicateShingles.Mix(shingle ^ hash);
            if (!shingles.Contains(shingle)) shingles.Add(shingle);
        }
        return ([.. shingles], tokens.Sum(t => t.Length));
    }

    public static TheoryData<string> RealPages() =>
        [.. Directory.GetFiles(TestData.PathOf("pages"), "*.html").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(RealPages))]
    public void Shingles_of_a_real_page_body_agree_with_the_token_string_definition(string page)
    {
        var result = ParserSelector.CreateDefault().Parse(TestData.Bytes("pages", page), new InputOrigin(page));
        Assert.True(result.Succeeded, result.Error);
        var body = result.Article!.BodyText;

        var (shingles, letters) = NearDuplicateShingles.Of(body);
        var (expected, expectedLetters) = Oracle(body);
        Assert.True(shingles.Length > 10, $"{page}: only {shingles.Length} shingles");
        Assert.Equal(expected, shingles);
        Assert.Equal(expectedLetters, letters);
    }

    [Fact]
    public void Shingles_of_text_mixing_scripts_cases_and_width_agree_with_the_token_string_definition()
    {
        // Pieces where the two could part: full-width letters NFKC folds, upper case that lower-cases
        // to other letters (İ, Σ), combining marks inside words, kana marks, ideographs outside the
        // basic plane, digits, punctuation of both widths, and a boilerplate line.
        string[] pieces =
        [
            "新华社", "北京", "１２月", "ＡＢＣ", "İstanbul", "ΣΟΦΙΑ", "e\u0301te\u0301", "ｶﾞｯｺｳ", "ゝゞ々〇ー", "゠・",
            "𠀀𪚥", "Über", "covid19", "，", "。", "、", " ", "  ", "\t", "-", "_", "'", "\u00A0", "\u3000", "ﬁ", "Ⅻ", "한국어",
            "ß", "Ǆ", "\n", "\n", "来源：新华社", "(责任编辑：王小明)",
        ];
        var random = new Random(20261127);
        for (var n = 0; n < 300; n++)
        {
            var text = new StringBuilder();
            var length = random.Next(1, 120);
            for (var i = 0; i < length; i++) text.Append(pieces[random.Next(pieces.Length)]);
            var body = text.ToString();

            var (expected, expectedLetters) = Oracle(body);
            var (shingles, letters) = NearDuplicateShingles.Of(body);
            Assert.Equal(expected, shingles);
            Assert.Equal(expectedLetters, letters);
        }
    }
}
