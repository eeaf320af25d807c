using System.Globalization;
using System.Text.RegularExpressions;
using NewsPortal.Core.Text;

namespace NewsPortal.Evaluation.Scoring;

/// <summary>
/// A publish-time label and how a parser's <see cref="DateTimeOffset"/> is held against it.
/// A label with a zone (ISO-8601 <c>Z</c> or <c>+01:00</c>) names an instant: the prediction is
/// moved to the label's offset. A zone-less label is what the page shows, in the page's own wall
/// clock: for Chinese pages that is China time, so the prediction is moved to +08:00; for other
/// pages the zone is unknown and the prediction's own offset (the parser's reading of the page) is
/// used. Either way the two wall clocks are compared to the minute when the label has minutes,
/// else to the day.
/// </summary>
public sealed partial record PublishedTimeLabel(DateTime WallClock, TimeSpan? Offset, bool HasMinutes)
{
    public static PublishedTimeLabel? Parse(string label)
    {
        var text = label.Trim();
        var hasMinutes = TimeOfDay().IsMatch(text);
        if (ExplicitZone().IsMatch(text))
        {
            var iso = ColonlessOffset().Replace(text, "$1:$2");
            if (DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
                return new PublishedTimeLabel(instant.DateTime, instant.Offset, hasMinutes);
        }
        if (ChinaTime.TryParseWallClock(text, out var wall)) return new PublishedTimeLabel(wall.DateTime, null, hasMinutes);
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var loose))
            return new PublishedTimeLabel(loose, null, hasMinutes);
        return null;
    }

    public bool Matches(DateTimeOffset? prediction, bool chinaWallClock)
    {
        if (prediction is not { } value) return false;
        var wall = Offset is { } offset ? value.ToOffset(offset).DateTime
            : chinaWallClock ? ChinaTime.ToChinaTime(value).DateTime
            : value.DateTime;
        return HasMinutes ? Truncate(wall) == Truncate(WallClock) : wall.Date == WallClock.Date;
    }

    private static DateTime Truncate(DateTime value) => new(value.Year, value.Month, value.Day, value.Hour, value.Minute, 0);

    [GeneratedRegex(@"\d{1,2}:\d{2}")]
    private static partial Regex TimeOfDay();

    [GeneratedRegex(@"\d(Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex ExplicitZone();

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$")]
    private static partial Regex ColonlessOffset();
}
