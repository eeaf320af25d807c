using NewsPortal.Core.Text;

namespace NewsPortal.Core.Tests.Text;

public sealed class ChinaTimeTests
{
    private static readonly TimeSpan Plus8 = TimeSpan.FromHours(8);

    [Theory]
    [InlineData("2025-05-30 17:43:44", 2025, 5, 30, 17, 43, 44)]
    [InlineData("2025-5-30 17:43:44", 2025, 5, 30, 17, 43, 44)]
    [InlineData("2025-05-30 17:43", 2025, 5, 30, 17, 43, 0)]
    [InlineData("2025-05-30 7:43", 2025, 5, 30, 7, 43, 0)]
    [InlineData("2025-05-30", 2025, 5, 30, 0, 0, 0)]
    [InlineData("2025-5-3", 2025, 5, 3, 0, 0, 0)]
    [InlineData("2025-05-30T17:43:44", 2025, 5, 30, 17, 43, 44)]
    [InlineData("2025/05/30 17:43:44", 2025, 5, 30, 17, 43, 44)]
    [InlineData("2025/5/30 17:43:44", 2025, 5, 30, 17, 43, 44)]
    [InlineData("2025/5/30 17:43", 2025, 5, 30, 17, 43, 0)]
    [InlineData("2025/05/30", 2025, 5, 30, 0, 0, 0)]
    [InlineData("2025/5/3", 2025, 5, 3, 0, 0, 0)]
    [InlineData("2025年5月30日 17:43:44", 2025, 5, 30, 17, 43, 44)]
    [InlineData("2025年05月30日 17:43", 2025, 5, 30, 17, 43, 0)]
    [InlineData("2025年5月30日 7:43", 2025, 5, 30, 7, 43, 0)]
    [InlineData("2025年5月30日17:43", 2025, 5, 30, 17, 43, 0)]
    [InlineData("2025年5月30日17:43:44", 2025, 5, 30, 17, 43, 44)]
    [InlineData("2025年5月30日", 2025, 5, 30, 0, 0, 0)]
    [InlineData("  2025-05-30   17:43:44 ", 2025, 5, 30, 17, 43, 44)]
    [InlineData("2025-05-30T17:43", 2025, 5, 30, 17, 43, 0)]
    [InlineData("2025-05-30T17:43:44.000", 2025, 5, 30, 17, 43, 44)]
    [InlineData("2025-05-30 17:43:44.0", 2025, 5, 30, 17, 43, 44)]
    [InlineData("2025年5月30日 17时43分", 2025, 5, 30, 17, 43, 0)]
    public void Reads_wall_clock_formats_as_china_time(string text, int year, int month, int day, int hour, int minute, int second)
    {
        Assert.True(ChinaTime.TryParseWallClock(text, out var value), text);

        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, second, Plus8), value);
        Assert.Equal(Plus8, value.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("昨天 17:43")]
    [InlineData("2025-02-30 10:00")]
    [InlineData("2025-05-30 24:00")]
    [InlineData("2025.05.30 17:43")]
    [InlineData("30/05/2025")]
    [InlineData("2025-05-30 17:43:44 +00:00")]
    public void Rejects_what_is_not_a_plain_wall_clock_time(string text)
    {
        Assert.False(ChinaTime.TryParseWallClock(text, out var value));
        Assert.Equal(default, value);
    }

    [Fact]
    public void Wall_clock_time_is_eight_hours_ahead_of_utc()
    {
        ChinaTime.TryParseWallClock("2025-05-30 07:43:44", out var value);

        Assert.Equal(new DateTime(2025, 5, 29, 23, 43, 44, DateTimeKind.Utc), value.UtcDateTime);
    }

    [Fact]
    public void Displays_a_utc_time_in_china_time()
    {
        var utc = new DateTimeOffset(2023, 11, 8, 18, 25, 56, TimeSpan.Zero);

        Assert.Equal("2023-11-09 02:25", ChinaTime.Display(utc));
    }

    [Fact]
    public void Displays_the_same_instant_the_same_whatever_its_offset()
    {
        var newYork = new DateTimeOffset(2023, 11, 8, 13, 25, 56, TimeSpan.FromHours(-5));
        var beijing = new DateTimeOffset(2023, 11, 9, 2, 25, 56, Plus8);

        Assert.Equal(ChinaTime.Display(beijing), ChinaTime.Display(newYork));
        Assert.Equal("2023-11-09 02:25", ChinaTime.Display(newYork));
    }

    [Fact]
    public void Converts_to_plus_eight_without_moving_the_instant()
    {
        var utc = new DateTimeOffset(2024, 2, 29, 20, 0, 0, TimeSpan.Zero);

        var china = ChinaTime.ToChinaTime(utc);

        Assert.Equal(Plus8, china.Offset);
        Assert.Equal(utc, china);
        Assert.Equal(new DateTime(2024, 3, 1, 4, 0, 0), china.DateTime);
    }
}
