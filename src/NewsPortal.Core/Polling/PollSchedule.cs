using System.Globalization;

namespace NewsPortal.Core.Polling;

/// <summary>
/// When a polled feed is due next. After a success: one interval later. After the n-th error in a
/// row: interval × 2^n, capped at <see cref="MaxBackoff"/> (never sooner than one interval), and
/// never before the time a 429/503 asked for in Retry-After, itself capped at
/// <see cref="MaxRetryAfter"/> so that a server's absurd value cannot silence a feed for good.
/// </summary>
public static class PollSchedule
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(24);

    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(7);

    public static DateTimeOffset AfterSuccess(DateTimeOffset now, TimeSpan interval) => now + interval;

    /// <summary>The wait after <paramref name="errorCount"/> errors in a row (1 for the first).</summary>
    public static TimeSpan Backoff(TimeSpan interval, int errorCount)
    {
        var cap = interval > MaxBackoff ? interval : MaxBackoff;
        // Past 2^30 every interval of a second or more is over the cap; this also keeps the double finite.
        var factor = Math.Pow(2, Math.Clamp(errorCount, 0, 30));
        var seconds = interval.TotalSeconds * factor;
        return seconds >= cap.TotalSeconds ? cap : TimeSpan.FromSeconds(seconds);
    }

    public static DateTimeOffset AfterError(DateTimeOffset now, TimeSpan interval, int errorCount, DateTimeOffset? retryAfter)
    {
        var next = now + Backoff(interval, errorCount);
        return retryAfter is { } asked && asked > next ? asked : next;
    }

    /// <summary>
    /// The time a Retry-After header names, as delta-seconds or an HTTP-date, clamped to
    /// [<paramref name="now"/>, now + <see cref="MaxRetryAfter"/>]; null when absent or unreadable.
    /// </summary>
    public static DateTimeOffset? RetryAfter(string? header, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var value = header.Trim();
        if (value.All(char.IsAsciiDigit))
        {
            // A number too long for a long is still a number of seconds: an absurd one.
            var seconds = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : long.MaxValue;
            return now + (seconds >= MaxRetryAfter.TotalSeconds ? MaxRetryAfter : TimeSpan.FromSeconds(seconds));
        }
        if (!TryParseHttpDate(value, out var date)) return null;
        if (date < now) return now;
        return date - now > MaxRetryAfter ? now + MaxRetryAfter : date;
    }

    // RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms recipients must accept.
    private static readonly string[] HttpDateFormats =
        ["r", "dddd, dd'-'MMM'-'yy HH':'mm':'ss 'GMT'", "ddd MMM d HH':'mm':'ss yyyy", "ddd MMM dd HH':'mm':'ss yyyy"];

    private static bool TryParseHttpDate(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(value.Replace("  ", " ", StringComparison.Ordinal), HttpDateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out date);
}
