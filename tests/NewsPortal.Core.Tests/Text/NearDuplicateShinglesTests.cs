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
}
