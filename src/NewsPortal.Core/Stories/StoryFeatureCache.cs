using Dapper;
using Npgsql;

namespace NewsPortal.Core.Stories;

/// <summary>
/// The stored terms of accounts found as candidates, kept by the process between batches: an
/// account of this week is found by batch after batch, and reading its terms again each time was a
/// tenth of a first ingest's database time. An entry holds the row version (xmin) of the article's
/// story_candidates entry it was read at (migration 0033 rewrites the entry whenever the article's
/// terms change); an entry written since, by this process or another, is read again. Bounded
/// (about 1.5 kB an entry): when full, the older half by id goes. The capacity must hold the accounts of a ±10-day window:
/// with 50,000 a first ingest of 100,000 items read terms back so often that it ran 1.3 times slower
/// (470 against 614 items/s).
/// </summary>
internal sealed class StoryFeatureCache
{
    private const int Capacity = 200_000;
    private readonly Lock _lock = new();
    private readonly Dictionary<long, (long Version, StoryFeatures Features)> _entries = [];
    // The database the entries came from: one process may open several (tests, benchmarks).
    private string? _database;

    // Accounts are found by their time's neighbours, and ids grow with ingestion: the lower ids are
    // the ones the next batches need least.
    private void EvictOlderHalf()
    {
        var ids = _entries.Keys.ToArray();
        Array.Sort(ids);
        foreach (var id in ids.AsSpan(0, ids.Length / 2)) _entries.Remove(id);
    }

    private void UseDatabase(NpgsqlConnection connection)
    {
        var database = $"{connection.Host}:{connection.Port}/{connection.Database}";
        if (_database == database) return;
        _entries.Clear();
        _database = database;
    }

    private sealed class TermsRow
    {
        public long Id { get; init; }
        public long Version { get; init; }
        public int[] StoryTerms { get; init; } = [];
        public short[] StoryWeights { get; init; } = [];
        public int? StorySeries { get; init; }
        public bool StoryCommentary { get; init; }
    }

    /// <summary>Remembers the terms of articles this transaction (<paramref name="version"/>, its id) is writing.</summary>
    public void Seed(NpgsqlConnection connection, long version, IEnumerable<(long Id, StoryFeatures Features)> articles)
    {
        lock (_lock)
        {
            UseDatabase(connection);
            if (_entries.Count > Capacity) EvictOlderHalf();
            foreach (var (id, features) in articles) _entries[id] = (version, features);
        }
    }

    /// <summary>The terms of the given articles at the given row versions; articles gone or without terms are left out.</summary>
    public async Task<Dictionary<long, StoryFeatures>> GetAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        IEnumerable<(long Id, long Version)> rows, CancellationToken ct)
    {
        var result = new Dictionary<long, StoryFeatures>();
        var missing = new HashSet<long>();
        lock (_lock)
        {
            UseDatabase(connection);
            foreach (var (id, version) in rows)
            {
                if (result.ContainsKey(id)) continue;
                if (_entries.TryGetValue(id, out var entry) && entry.Version == version) result[id] = entry.Features;
                else missing.Add(id);
            }
        }
        if (missing.Count == 0) return result;
        var read = await connection.QueryAsync<TermsRow>(new CommandDefinition("""
            SELECT a.id, c.xmin::text::bigint AS version, a.story_terms, a.story_weights, a.story_series, a.story_commentary
            FROM story_candidates c JOIN articles a ON a.id = c.article_id
            WHERE c.article_id = ANY(@Ids) AND a.story_terms IS NOT NULL AND a.story_weights IS NOT NULL
            """, new { Ids = missing.ToArray() }, tx, cancellationToken: ct));
        lock (_lock)
        {
            if (_entries.Count + missing.Count > Capacity) EvictOlderHalf();
            foreach (var r in read)
            {
                var features = new StoryFeatures(r.StoryTerms, r.StoryWeights) { Series = r.StorySeries, Commentary = r.StoryCommentary };
                result[r.Id] = features;
                _entries[r.Id] = (r.Version, features);
            }
        }
        return result;
    }
}
