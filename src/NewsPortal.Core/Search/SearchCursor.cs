using System.Globalization;

namespace NewsPortal.Core.Search;

/// <summary>
/// Keyset position in a result list. By relevance: (score, listed_at, id) descending, with the time
/// the scores were computed at, so every page scores alike; by time: (listed_at, id) only.
/// </summary>
public sealed record SearchCursor(DateTimeOffset ScoredAt, double Score, DateTimeOffset ListedAt, long Id)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Micros(ScoredAt)}_{BitConverter.DoubleToInt64Bits(Score):x}_{Micros(ListedAt)}_{Id}");

    /// <summary>No cursor for an empty value; false for one that is not a cursor (the reader gets 400).</summary>
    public static bool TryParse(string? value, out SearchCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value)) return true;
        var parts = value.Split('_');
        if (parts.Length != 4
            || !TryTime(parts[0], out var scoredAt)
            || !long.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits)
            || !TryTime(parts[2], out var listedAt)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return false;
        var score = BitConverter.Int64BitsToDouble(bits);
        if (!double.IsFinite(score)) return false;
        cursor = new SearchCursor(scoredAt, score, listedAt, id);
        return true;
    }

    private static long Micros(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static bool TryTime(string s, out DateTimeOffset t)
    {
        t = default;
        if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros)
            || micros is < -62_135_596_800_000_000 or > 253_402_300_799_999_999)
            return false;
        t = DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
        return true;
    }
}
