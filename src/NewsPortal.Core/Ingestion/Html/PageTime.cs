using System.Globalization;
using System.Text.RegularExpressions;
using NewsPortal.Core.Text;

namespace NewsPortal.Core.Ingestion.Html;

/// <summary>
/// Reads the times a page carries: machine values from tags (usually ISO 8601 with a zone) and the
/// dates shown to readers in the text (<c>2023年11月8日 08:00</c>, <c>2022.01.20 16:31</c>). A time
/// without a zone is China time on a Chinese page and UTC elsewhere; either way it is marked inferred.
/// </summary>
internal static partial class PageTime
{
    /// <summary>A whole value, as a meta tag or JSON-LD gives it.</summary>
    public static bool TryParse(string? text, bool chinese, out DateTimeOffset value, out bool zoneInferred)
    {
        value = default;
        zoneInferred = false;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();
        var iso = ZonedIso().Match(trimmed);
        if (iso.Success && TryBuild(iso, TimeSpan.Zero, out var utcGuess))
        {
            var zone = iso.Groups["z"].Value;
            var offset = zone is "Z" or "z" ? TimeSpan.Zero : ParseOffset(zone);
            value = new DateTimeOffset(utcGuess.DateTime, offset);
            return true;
        }
        // RFC 1123 and similar named-zone forms ("Thu, 03 Jan 2019 07:00:02 GMT").
        if (trimmed.Any(char.IsAsciiLetter) && NamedZone().IsMatch(trimmed) &&
            DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
            return true;
        if (ChinaTime.TryParseWallClock(trimmed, out var china))
        {
            value = chinese ? china : new DateTimeOffset(china.DateTime, TimeSpan.Zero);
            zoneInferred = true;
            return true;
        }
        var shown = TextDate().Match(trimmed);
        if (shown.Success && shown.Length >= trimmed.Length - 2 && TryBuild(shown, ZoneFor(chinese), out value))
        {
            zoneInferred = true;
            return true;
        }
        return false;
    }

    /// <summary>The first plausible date shown in a line of text; <paramref name="hasTime"/> says whether it had hours.</summary>
    public static bool TryFind(string line, bool chinese, int? yearHint, out DateTimeOffset value, out bool hasTime)
    {
        foreach (Match match in TextDate().Matches(line))
        {
            if (TryBuild(match, ZoneFor(chinese), out value))
            {
                hasTime = match.Groups["H"].Success;
                return true;
            }
        }
        // "11-08 08:00" carries no year: only usable when the line (Xinhua's "2023 11/08 08:19:12"),
        // the URL or another field gives one.
        var lineYear = LoneYear().Match(line);
        if ((lineYear.Success ? int.Parse(lineYear.Value, CultureInfo.InvariantCulture) : yearHint) is { } year)
        {
            foreach (Match match in ShortDate().Matches(line))
            {
                if (TryBuild(match, ZoneFor(chinese), out value, year))
                {
                    hasTime = true;
                    return true;
                }
            }
        }
        value = default;
        hasTime = false;
        return false;
    }

    private static TimeSpan ZoneFor(bool chinese) => chinese ? ChinaTime.Offset : TimeSpan.Zero;

    private static bool TryBuild(Match m, TimeSpan offset, out DateTimeOffset value, int? year = null)
    {
        value = default;
        var y = year ?? Number(m, "y");
        int month = Number(m, "m"), day = Number(m, "d");
        int hour = Number(m, "H"), minute = Number(m, "M"), second = Number(m, "S");
        if (y is < 1990 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(y, month)) return false;
        if (hour > 23 || minute > 59 || second > 59) return false;
        value = new DateTimeOffset(y, month, day, hour, minute, second, offset);
        return true;
    }

    private static int Number(Match m, string group) =>
        m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    private static TimeSpan ParseOffset(string zone)
    {
        var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
        var span = new TimeSpan(int.Parse(digits[..2], CultureInfo.InvariantCulture), int.Parse(digits[2..], CultureInfo.InvariantCulture), 0);
        return zone[0] == '-' ? -span : span;
    }

    // "+0100" (no colon) is common in meta tags although ISO 8601 extended form wants "+01:00".
    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})[T ](?<H>\d{1,2}):(?<M>\d{2})(?::(?<S>\d{2})(?:[.,]\d+)?)?\s*(?<z>[Zz]|[+-]\d{2}:?\d{2})$")]
    private static partial Regex ZonedIso();

    [GeneratedRegex(@"\b(?:GMT|UTC|[+-]\d{4})\b")]
    private static partial Regex NamedZone();

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?<m>\d{1,2})\s*(?:[-/.]|月)\s*(?<d>\d{1,2})(?!\d)\s*日?(?:\s*(?:[T\-–]\s*)?(?<H>\d{1,2})\s*[:：时]\s*(?<M>\d{2})(?:\s*[:：分]\s*(?<S>\d{2}))?)?")]
    private static partial Regex TextDate();

    [GeneratedRegex(@"(?<!\d)(?:19|20)\d{2}(?!\d)")]
    private static partial Regex LoneYear();

    [GeneratedRegex(@"(?<![\d\-/.])(?<m>\d{1,2})(?:-|/|月)(?<d>\d{1,2})日?\s*(?<H>\d{1,2}):(?<M>\d{2})(?!\d)")]
    private static partial Regex ShortDate();
}
