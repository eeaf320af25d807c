using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NewsPortal.Core.Stories;

/// <summary>
/// Dense ids for story terms, kept by an assigner for the life of the process, and each scored
/// article's terms as ids, kept with its features (which the candidates' cache keeps between
/// batches). Scoring reads a term's count by its id, from an array: an account of this week is a
/// candidate of batch after batch, and giving its terms slots afresh in each batch, one hash look-up a
/// term, was a tenth of a first ingest's ingestion CPU at 100,000 items (docs/performance.md).
/// Thread-safe.
/// </summary>
internal sealed class StoryTermIds
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, int> _idOf = [];
    // Collected with the features: an entry lives as long as some cache or batch holds the article.
    private readonly ConditionalWeakTable<StoryFeatures, int[]> _idsOf = new();
    // The counts-by-id array of the last batch, all zeros again, for the next one.
    private int[]? _spare;

    /// <summary>How many ids were given; every id is below it.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _idOf.Count;
        }
    }

    /// <summary>The ids of <paramref name="terms"/>, in their order; a term seen for the first time gets the next id.</summary>
    public int[] Of(IReadOnlyList<int> terms)
    {
        var ids = new int[terms.Count];
        lock (_lock)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_idOf, terms[i], out var seen);
                if (!seen) id = _idOf.Count - 1;
                ids[i] = id;
            }
        }
        return ids;
    }

    /// <summary>The ids of <paramref name="f"/>'s terms, in their order.</summary>
    public int[] Of(StoryFeatures f) =>
        _idsOf.TryGetValue(f, out var ids) ? ids : _idsOf.GetValue(f, features => Of(features.Terms));

    /// <summary>An array of zeros of at least <paramref name="length"/> entries; give it back zeroed with <see cref="Return"/>.</summary>
    public int[] RentCounts(int length)
    {
        var counts = Interlocked.Exchange(ref _spare, null);
        // Headroom: the vocabulary grows with every batch.
        return counts is not null && counts.Length >= length ? counts : new int[length + length / 2 + 1024];
    }

    public void Return(int[] counts) => Volatile.Write(ref _spare, counts);
}
