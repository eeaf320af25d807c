using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsPortal.Core.Ingestion;

namespace NewsPortal.Core.Tests.Ingestion;

public sealed class ParserOptionsConfigurationTests
{
    private static ParserSelector SelectorWith(string? seconds)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(seconds is null ? [] : [new KeyValuePair<string, string?>("Parsing:TimeLimitSeconds", seconds)])
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddNewsPortalCore(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<ParserSelector>();
    }

    [Fact]
    public void The_time_limit_comes_from_configuration()
    {
        Assert.Equal(TimeSpan.FromSeconds(0.5), SelectorWith("0.5").Options.TimeLimit);
        Assert.Equal(ParserOptions.DefaultTimeLimit, SelectorWith(null).Options.TimeLimit);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("five")]
    public void A_limit_that_is_not_a_positive_number_is_refused_with_the_key(string seconds)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SelectorWith(seconds));

        Assert.Contains("Parsing:TimeLimitSeconds", error.Message);
    }
}
