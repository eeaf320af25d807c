using System.Globalization;

namespace NewsPortal.Core.Text;

/// <summary>
/// Mainland China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for
/// every date a news page can carry and needs no tz database on the host.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    // In exact parsing "M", "d" and "H" take one or two digits, so each date style needs only one
    // entry per time precision: "2025-5-3", "2025/05/30 07:43" and "2025年5月30日17:43:44" all match.
    private static readonly string[] WallClockFormats =
    [
        "yyyy-M-d H:mm:ss", "yyyy-M-d H:mm", "yyyy-M-d", "yyyy-M-d'T'H:mm:ss",
        "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d",
        "yyyy年M月d日 H:mm:ss", "yyyy年M月d日 H:mm", "yyyy年M月d日H:mm:ss", "yyyy年M月d日H:mm", "yyyy年M月d日",
        // Machine-written values (meta tags, JSON-LD) with fractions or without seconds.
        "yyyy-M-d'T'H:mm", "yyyy-M-d'T'H:mm:ss.FFFFFFF", "yyyy-M-d H:mm:ss.FFFFFFF",
        "yyyy年M月d日 H时m分", "yyyy年M月d日H时m分",
    ];

    /// <summary>Reads a zone-less wall-clock time as China time.</summary>
    public static bool TryParseWallClock(string text, out DateTimeOffset value)
    {
        if (DateTime.TryParseExact(text.Trim(), WallClockFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowInnerWhite, out var local))
        {
            value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);
            return true;
        }
        value = default;
        return false;
    }

    public static DateTimeOffset ToChinaTime(DateTimeOffset value) => value.ToOffset(Offset);

    /// <summary>The exact instant for machines (datetime attributes, feeds, sitemaps, JSON-LD): ISO 8601 in UTC, to the second.</summary>
    public static string IsoUtc(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>How pages show a time to readers: <c>2023-11-09 02:25</c> in China time.</summary>
    public static string Display(DateTimeOffset value) =>
        ToChinaTime(value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
