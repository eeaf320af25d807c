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
            value = new DateTimeOffset(utcGuess.DateTime, offset) + Fraction(iso);
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

    /// <summary>
    /// The first plausible date shown in a line of text; <paramref name="zoneInferred"/> is false only
    /// when the line names the zone ("2:16 AM EST").
    /// </summary>
    public static bool TryFind(string line, bool chinese, int? yearHint, out DateTimeOffset value, out bool zoneInferred)
    {
        zoneInferred = true;
        foreach (Match match in TextDate().Matches(line))
            if (TryBuild(match, ZoneFor(chinese), out value)) return true;
        if (UsDateTime().Match(line) is { Success: true } us && TryBuild(us, ZoneFor(chinese), out value, hour: TwelveHour(us)))
            return true;
        if (TryEnglish(line, chinese, out value, out var stated))
        {
            zoneInferred = !stated;
            return true;
        }
        if (!chinese && TryEuropean(line, out value)) return true;
        // "11-08 08:00" carries no year: only usable when the line (Xinhua's "2023 11/08 08:19:12"),
        // the URL or another field gives one.
        var lineYear = LoneYear().Match(line);
        if ((lineYear.Success ? int.Parse(lineYear.Value, CultureInfo.InvariantCulture) : yearHint) is { } year)
        {
            foreach (Match match in ShortDate().Matches(line))
            {
                if (TryBuild(match, ZoneFor(chinese), out value, year)) return true;
            }
        }
        value = default;
        return false;
    }

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    // US and UK zone abbreviations as news sites print them after the time ("2:16 AM EST").
    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = 0, ["GMT"] = 0, ["BST"] = 1, ["CET"] = 1, ["CEST"] = 2, ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6,
        ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7, ["AKST"] = -9, ["AKDT"] = -8, ["HST"] = -10,
        ["AEST"] = 10, ["AEDT"] = 11,
    };

    /// <summary>
    /// English shown dates: "Nov 20, 2019", "Monday, November 18, 2019", "18 November 2019", with a time
    /// before or after ("2:16 AM EST Nov 20, 2019", "Feb 1, 2015 11:57 AM UTC", "April 28, 2019 at 6:01 am").
    /// </summary>
    private static bool TryEnglish(string line, bool chinese, out DateTimeOffset value, out bool zoneStated)
    {
        value = default;
        zoneStated = false;
        var m = EnglishDate().Match(line);
        if (!m.Success) return false;
        var month = Array.IndexOf(Months, m.Groups["mon"].Value[..3].ToLowerInvariant()) + 1;
        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups["d"].Success ? m.Groups["d"].Value : m.Groups["d2"].Value, CultureInfo.InvariantCulture);
        if (month < 1 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        var clock = ClockBefore().Match(line[..m.Index]) is { Success: true } before ? before : ClockAfter().Match(line[(m.Index + m.Length)..]);
        var (hour, minute, offset) = (0, 0, ZoneFor(chinese));
        if (clock.Success)
        {
            hour = int.Parse(clock.Groups["H"].Value, CultureInfo.InvariantCulture);
            minute = int.Parse(clock.Groups["M"].Value, CultureInfo.InvariantCulture);
            var pm = clock.Groups["ap"].Value.StartsWith('p') || clock.Groups["ap"].Value.StartsWith('P');
            if (clock.Groups["ap"].Success && hour is >= 1 and <= 12) hour = hour % 12 + (pm ? 12 : 0);
            if (hour > 23 || minute > 59) return false;
            if (ZoneHours.TryGetValue(clock.Groups["z"].Value, out var zone)) (offset, zoneStated) = (TimeSpan.FromHours(zone), true);
        }
        value = new DateTimeOffset(year, month, day, hour, minute, 0, offset);
        return true;
    }

    // Month names of the European languages we read (German, French, Spanish, Portuguese, Italian, Dutch),
    // lower-cased; English is TryEnglish's.
    private static readonly Dictionary<string, int> EuropeanMonths = new(StringComparer.OrdinalIgnoreCase)
    {
        ["januar"] = 1, ["jänner"] = 1, ["janvier"] = 1, ["enero"] = 1, ["janeiro"] = 1, ["gennaio"] = 1, ["januari"] = 1,
        ["februar"] = 2, ["février"] = 2, ["fevrier"] = 2, ["febrero"] = 2, ["fevereiro"] = 2, ["febbraio"] = 2, ["februari"] = 2,
        ["märz"] = 3, ["mars"] = 3, ["marzo"] = 3, ["março"] = 3, ["maart"] = 3,
        ["april"] = 4, ["avril"] = 4, ["abril"] = 4, ["aprile"] = 4,
        ["mai"] = 5, ["mayo"] = 5, ["maio"] = 5, ["maggio"] = 5, ["mei"] = 5,
        ["juni"] = 6, ["juin"] = 6, ["junio"] = 6, ["junho"] = 6, ["giugno"] = 6,
        ["juli"] = 7, ["juillet"] = 7, ["julio"] = 7, ["julho"] = 7, ["luglio"] = 7,
        ["august"] = 8, ["août"] = 8, ["aout"] = 8, ["agosto"] = 8, ["augustus"] = 8,
        ["september"] = 9, ["septembre"] = 9, ["septiembre"] = 9, ["setiembre"] = 9, ["setembro"] = 9, ["settembre"] = 9,
        ["oktober"] = 10, ["octobre"] = 10, ["octubre"] = 10, ["outubro"] = 10, ["ottobre"] = 10,
        ["november"] = 11, ["novembre"] = 11, ["noviembre"] = 11, ["novembro"] = 11,
        ["dezember"] = 12, ["décembre"] = 12, ["decembre"] = 12, ["diciembre"] = 12, ["dezembro"] = 12, ["dicembre"] = 12, ["december"] = 12,
    };

    /// <summary>
    /// Dates as continental European pages show them: "23. Juli 2017", "mardi 5 juin 2018", "27 de agosto
    /// de 2019", "10.12.2022 07:00", with an optional time after ("um 10:29 Uhr", "à 14h30", "- 15:07").
    /// Day before month, so only on pages that are not Chinese; the zone is the page's, unknown, so UTC.
    /// </summary>
    private static bool TryEuropean(string line, out DateTimeOffset value)
    {
        value = default;
        int day, month, year;
        var named = EuropeanNamedDate().Match(line);
        Match used;
        if (named.Success && EuropeanMonths.TryGetValue(named.Groups["mon"].Value, out month))
        {
            (day, year, used) = (int.Parse(named.Groups["d"].Value, CultureInfo.InvariantCulture), int.Parse(named.Groups["y"].Value, CultureInfo.InvariantCulture), named);
        }
        else if (DottedDate().Match(line) is { Success: true } dotted)
        {
            (day, month, year, used) = (Number(dotted, "d"), Number(dotted, "m"), Number(dotted, "y"), dotted);
        }
        else return false;
        if (year is < 1990 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        var (hour, minute) = (0, 0);
        if (EuropeanClock().Match(line[(used.Index + used.Length)..]) is { Success: true } clock)
        {
            (hour, minute) = (Number(clock, "H"), Number(clock, "M"));
            if (hour > 23 || minute > 59) (hour, minute) = (0, 0);
        }
        value = new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero);
        return true;
    }

    /// <summary>The offset a time without a zone is read in before the host's country is known (CountryTime).</summary>
    public static TimeSpan ZoneFor(bool chinese) => chinese ? ChinaTime.Offset : TimeSpan.Zero;

    private static bool TryBuild(Match m, TimeSpan offset, out DateTimeOffset value, int? year = null, int? hour = null)
    {
        value = default;
        var y = year ?? Number(m, "y");
        int month = Number(m, "m"), day = Number(m, "d");
        int h = hour ?? Number(m, "H"), minute = Number(m, "M"), second = Number(m, "S");
        if (y is < 1990 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(y, month)) return false;
        if (h > 23 || minute > 59 || second > 59) return false;
        value = new DateTimeOffset(y, month, day, h, minute, second, offset);
        return true;
    }

    // The fraction of a second, to the tick (seven digits); the store keeps microseconds.
    private static TimeSpan Fraction(Match m)
    {
        var digits = m.Groups["f"].Value;
        if (digits.Length == 0) return TimeSpan.Zero;
        digits = digits.Length > 7 ? digits[..7] : digits.PadRight(7, '0');
        return TimeSpan.FromTicks(long.Parse(digits, CultureInfo.InvariantCulture));
    }

    // 12 AM is midnight, 12 PM noon; an hour past 12 makes the match no clock (TryBuild rejects 24 and up).
    private static int TwelveHour(Match m)
    {
        var hour = Number(m, "H");
        if (hour is < 1 or > 12) return 24;
        return hour % 12 + (m.Groups["ap"].Value[0] is 'P' or 'p' ? 12 : 0);
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
    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})[T ](?<H>\d{1,2}):(?<M>\d{2})(?::(?<S>\d{2})(?:[.,](?<f>\d+))?)?\s*(?<z>[Zz]|[+-]\d{2}:?\d{2})$")]
    private static partial Regex ZonedIso();

    [GeneratedRegex(@"\b(?:GMT|UTC|[+-]\d{4})\b")]
    private static partial Regex NamedZone();

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?<m>\d{1,2})\s*(?:[-/.]|月)\s*(?<d>\d{1,2})(?!\d)\s*日?(?:\s*(?:[T\-–]\s*)?(?<H>\d{1,2})\s*[:：时]\s*(?<M>\d{2})(?:\s*[:：分]\s*(?<S>\d{2}))?)?")]
    private static partial Regex TextDate();

    // The en-US "M/d/yyyy h:mm:ss tt" that ASP and IIS sites print ("9/17/2004 5:54:13 AM"): the 12-hour
    // clock is what settles the month first; day-first locales write a 24-hour clock.
    [GeneratedRegex(@"(?<![\d/.])(?<m>\d{1,2})/(?<d>\d{1,2})/(?<y>(?:19|20)\d{2})\s+(?<H>\d{1,2}):(?<M>\d{2})(?::(?<S>\d{2}))?\s*(?<ap>[AaPp])\.?[Mm]\b")]
    private static partial Regex UsDateTime();

    [GeneratedRegex(@"\b(?:(?<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?|(?<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?),?\s+(?<y>(?:19|20)\d{2})\b")]
    private static partial Regex EnglishDate();

    private const string Clock = @"(?<H>\d{1,2}):(?<M>\d{2})(?::\d{2})?\s*(?<ap>[AaPp]\.?[Mm]\.?)?(?:\s*(?<z>[A-Z]{3,4})\b)?";

    [GeneratedRegex(Clock + @"\s*$")]
    private static partial Regex ClockBefore();

    [GeneratedRegex(@"^\s*(?:at\s+|[-–|,]\s*)?" + Clock)]
    private static partial Regex ClockAfter();

    [GeneratedRegex(@"(?<!\d)(?:19|20)\d{2}(?!\d)")]
    private static partial Regex LoneYear();

    [GeneratedRegex(@"(?<![\d.])(?<d>\d{1,2})(?:\.|er|º)?\s*(?:de\s+)?(?<mon>\p{L}{3,10})\.?\s*(?:de\s+|,\s*)?(?<y>(?:19|20)\d{2})(?!\d)")]
    private static partial Regex EuropeanNamedDate();

    [GeneratedRegex(@"(?<![\d.])(?<d>\d{1,2})\.\s?(?<m>\d{1,2})\.\s?(?<y>(?:19|20)\d{2})(?![\d.])")]
    private static partial Regex DottedDate();

    [GeneratedRegex(@"^\s*(?:,|um|à|a las|às|alle|om|-|–|\|)?\s*(?<H>\d{1,2})[:h](?<M>\d{2})(?!\d)")]
    private static partial Regex EuropeanClock();

    [GeneratedRegex(@"(?<![\d\-/.])(?<m>\d{1,2})(?:-|/|月)(?<d>\d{1,2})日?\s*(?<H>\d{1,2}):(?<M>\d{2})(?!\d)")]
    private static partial Regex ShortDate();
}
