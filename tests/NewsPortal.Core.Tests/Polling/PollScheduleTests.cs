using NewsPortal.Core.Polling;

namespace NewsPortal.Core.Tests.Polling;

public sealed class PollScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    [Fact]
    public void After_a_success_the_next_poll_is_one_interval_later()
    {
        Assert.Equal(Now.AddMinutes(15), PollSchedule.AfterSuccess(Now, Interval));
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(6, 960)]
    [InlineData(7, 1440)] // 1920 minutes capped at 24 h
    [InlineData(40, 1440)]
    [InlineData(int.MaxValue, 1440)]
    public void Each_error_in_a_row_doubles_the_wait_up_to_a_day(int errors, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), PollSchedule.Backoff(Interval, errors));
        Assert.Equal(Now.AddMinutes(minutes), PollSchedule.AfterError(Now, Interval, errors, null));
    }

    [Fact]
    public void An_interval_longer_than_the_cap_is_never_shortened_by_an_error()
    {
        var weekly = TimeSpan.FromDays(7);

        Assert.Equal(weekly, PollSchedule.Backoff(weekly, 3));
    }

    [Fact]
    public void Retry_after_later_than_the_backoff_wins()
    {
        var asked = Now.AddHours(5);

        Assert.Equal(asked, PollSchedule.AfterError(Now, Interval, 1, asked));
    }

    [Fact]
    public void Retry_after_sooner_than_the_backoff_does_not_bring_the_poll_forward()
    {
        Assert.Equal(Now.AddMinutes(30), PollSchedule.AfterError(Now, Interval, 1, Now.AddSeconds(10)));
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData(" 0 ", 0)]
    [InlineData("3600", 3600)]
    public void Retry_after_in_seconds(string header, int seconds)
    {
        Assert.Equal(Now.AddSeconds(seconds), PollSchedule.RetryAfter(header, Now));
    }

    [Theory]
    [InlineData("Sun, 22 Nov 2026 10:30:00 GMT")] // IMF-fixdate
    [InlineData("Sunday, 22-Nov-26 10:30:00 GMT")] // RFC 850
    [InlineData("Sun Nov 22 10:30:00 2026")] // asctime
    public void Retry_after_as_an_http_date(string header)
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.Zero), PollSchedule.RetryAfter(header, Now));
    }

    [Fact]
    public void Retry_after_in_the_past_means_now()
    {
        Assert.Equal(Now, PollSchedule.RetryAfter("Sat, 21 Nov 2026 10:30:00 GMT", Now));
    }

    [Theory]
    [InlineData("31536000")] // a year
    [InlineData("99999999999999999999999")] // more than a long holds
    [InlineData("Fri, 01 Jan 2100 00:00:00 GMT")]
    public void Absurd_retry_after_values_are_capped_at_a_week(string header)
    {
        Assert.Equal(Now + PollSchedule.MaxRetryAfter, PollSchedule.RetryAfter(header, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void Unreadable_retry_after_is_ignored(string? header)
    {
        Assert.Null(PollSchedule.RetryAfter(header, Now));
    }
}
