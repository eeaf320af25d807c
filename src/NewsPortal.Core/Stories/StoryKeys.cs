namespace NewsPortal.Core.Stories;

/// <summary>
/// Candidate look-up keys: a term mixed with a week number. An article stores its terms' keys for
/// its own week; a look-up asks for its weightiest terms' keys over the weeks its time window touches.
/// So the GIN index's posting list for a key holds one week's uses of a term, however many years
/// the database holds, and old articles find their own contemporaries as fast as new ones.
/// </summary>
public static class StoryKeys
{
    private const long WeekSeconds = 7 * 86400;

    public static IEnumerable<int> Of(IEnumerable<int> terms, DateTimeOffset time)
    {
        var week = Week(time);
        return terms.Select(t => Mix(t, week));
    }

    public static IEnumerable<int> Around(IReadOnlyCollection<int> terms, DateTimeOffset time, double windowDays)
    {
        var window = TimeSpan.FromDays(windowDays);
        for (var week = Week(time - window); week <= Week(time + window); week++)
            foreach (var t in terms) yield return Mix(t, week);
    }

    private static long Week(DateTimeOffset time) => Math.DivRem(time.ToUnixTimeSeconds(), WeekSeconds, out var r) - (r < 0 ? 1 : 0);

    // A murmur-style finaliser over the pair: distinct pairs rarely share a key, and a shared one only
    // adds a candidate that scoring then turns away.
    private static int Mix(int term, long week)
    {
        var h = (uint)term * 0x9E3779B1u ^ (uint)week * 0x85EBCA77u;
        h ^= h >> 16;
        h *= 0x7FEB352Du;
        h ^= h >> 15;
        h *= 0x846CA68Bu;
        h ^= h >> 16;
        return (int)h;
    }
}
