using System.Globalization;

namespace NewsPortal.Core.Storage;

/// <summary>
/// Keyset position in a list ordered by (listed_at, id) descending: the next page starts strictly
/// after it, so paging stays an index range scan however deep a reader goes.
/// </summary>
public sealed record ListCursor(DateTimeOffset ListedAt, long Id)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(ListedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10}.{Id}");

    /// <summary>No cursor (the first page) for an empty value; false for one that is not a cursor.</summary>
    public static bool TryParse(string? value, out ListCursor? cursor)
    {
        cursor = Parse(value);
        return cursor is not null || string.IsNullOrEmpty(value);
    }

    public static ListCursor? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var dot = value.IndexOf('.');
        if (dot <= 0
            || !long.TryParse(value.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros)
            || !long.TryParse(value.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || micros is < -62_135_596_800_000_000 or > 253_402_300_799_999_999)
            return null;
        return new ListCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), id);
    }
}
