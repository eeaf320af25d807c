using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsPortal.Core.Ingestion.Feeds;

/// <summary>
/// Feed dates as feeds really write them: RFC 822 with or without a day name, zone names instead of
/// offsets (CST in a Chinese feed is China time, not US Central), ISO 8601, or no zone at all.
/// </summary>
internal static partial class FeedDates
{
    private static readonly Dictionary<string, string> ZoneNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = "+00:00", ["UT"] = "+00:00", ["UTC"] = "+00:00", ["Z"] = "+00:00",
        ["EST"] = "-05:00", ["EDT"] = "-04:00", ["CDT"] = "-05:00", ["MST"] = "-07:00", ["MDT"] = "-06:00",
        ["PST"] = "-08:00", ["PDT"] = "-07:00", ["BST"] = "+01:00", ["CET"] = "+01:00", ["CEST"] = "+02:00",
        ["JST"] = "+09:00", ["KST"] = "+09:00", ["HKT"] = "+08:00", ["SGT"] = "+08:00", ["BJT"] = "+08:00",
    };

    private static readonly string[] Formats =
    [
        "d MMM yyyy H:mm:ss zzz", "d MMM yyyy H:mm zzz", "d MMM yy H:mm:ss zzz", "d MMM yyyy H:mm:ss", "d MMM yyyy",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mm:ss zzz",
    ];

    /// <summary>Parses a feed date; a time without a zone is China time in a Chinese feed, else UTC.</summary>
    public static DateTimeOffset? Parse(string? value, bool chinese) => ParseZoned(value, chinese).Time;

    /// <summary>
    /// Parses a feed date and says whether its offset was inferred (the text named no zone), so a
    /// zone-less feed date is flagged like a zone-less page date.
    /// </summary>
    public static (DateTimeOffset? Time, bool ZoneInferred) ParseZoned(string? value, bool chinese)
    {
        if (string.IsNullOrWhiteSpace(value)) return (null, false);
        var text = DayName().Replace(value.Trim(), "");
        var named = ZoneSuffix().IsMatch(text);
        text = ZoneSuffix().Replace(text, m => " " + Offset(m.Groups[1].Value, chinese));
        named |= NumericZone().IsMatch(text);
        text = NumericZone().Replace(text, "$1$2:$3");
        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var exact))
        {
            // A zone-less format would otherwise take the machine's zone.
            return named ? (exact, false) : (new DateTimeOffset(exact.DateTime, chinese ? Text.ChinaTime.Offset : TimeSpan.Zero), true);
        }
        var zoneless = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local);
        if (HasZone().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var any))
            return (any, false);
        if (zoneless) return (new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), chinese ? Text.ChinaTime.Offset : TimeSpan.Zero), true);
        return Text.ChinaTime.TryParseWallClock(text, out var wall)
            ? (chinese ? wall : new DateTimeOffset(wall.DateTime, TimeSpan.Zero), true)
            : (null, false);
    }

    private static string Offset(string zone, bool chinese) =>
        zone.Equals("CST", StringComparison.OrdinalIgnoreCase) ? (chinese ? "+08:00" : "-06:00") : ZoneNames.GetValueOrDefault(zone, "+00:00");

    [GeneratedRegex(@"^\s*[A-Za-z]{3,9},\s*")]
    private static partial Regex DayName();

    [GeneratedRegex(@"\s+(GMT|UTC|UT|Z|[ECMP][SD]T|BST|CEST|CET|JST|KST|HKT|SGT|BJT)$", RegexOptions.IgnoreCase)]
    private static partial Regex ZoneSuffix();

    [GeneratedRegex(@"([+-])(\d{2}):?(\d{2})$")]
    private static partial Regex NumericZone();

    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex HasZone();
}
