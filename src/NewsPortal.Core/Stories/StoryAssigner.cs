using Dapper;
using Npgsql;

namespace NewsPortal.Core.Stories;

/// <summary>
/// Puts a batch's articles into stories, inside the transaction that links the batch's
/// near-duplicates (docs/stories.md). An article with a story keeps it (an update changes its terms,
/// not its story); a near-duplicate joins its first copy's story; any other article joins the story
/// <see cref="StoryScorer"/> chooses among the accounts that share its rarest terms within the
/// time window, or starts its own. Merges keep the oldest story id and leave the others pointing at
/// it. One assigner runs at a time over the whole database (a transaction-scoped advisory lock), so
/// two ingestion workers never start two stories for one event, nor deadlock on document frequencies.
/// </summary>
public sealed class StoryAssigner(StorySettings settings)
{
    // pg_advisory_xact_lock key: 'stor' in ASCII.
    internal const long LockKey = 0x73746f72;
    private const int CandidatesPerArticle = 300;

    private sealed class ArticleRow
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string? Lead { get; init; }
        public DateTimeOffset Time { get; init; }
        public long? SourceId { get; init; }
        public long? DuplicateOf { get; init; }
        public long? StoryId { get; init; }
        public bool StoryPinned { get; init; }
        public int[]? StoryTerms { get; init; }
    }

    private sealed class CandidateRow
    {
        public int Owner { get; init; }
        public long Id { get; init; }
        public long StoryId { get; init; }
        public long? SourceId { get; init; }
        public DateTimeOffset Time { get; init; }
        public int[] StoryTerms { get; init; } = [];
        public short[] StoryWeights { get; init; } = [];
    }

    /// <summary>Assigns <paramref name="ids"/> (articles of this transaction's batch) to stories. Returns the stories touched.</summary>
    public async Task<IReadOnlyCollection<long>> AssignAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: ct));
        var rows = (await connection.QueryAsync<ArticleRow>(new CommandDefinition($"""
            SELECT id, title, left(body_text, {StoryFeatures.LeadCharacters}) AS lead, story_time AS time,
                   source_id, duplicate_of, story_id, story_pinned, story_terms
            FROM articles WHERE id = ANY(@Ids) ORDER BY id
            """, new { Ids = ids.ToArray() }, tx, cancellationToken: ct))).ToList();
        var features = rows.ToDictionary(r => r.Id, r => StoryFeatures.Compute(r.Title, r.Lead));
        // New articles are placed; an updated one whose terms changed is placed again unless an
        // editor pinned it (its text may now tell another event, or no longer copy its first copy).
        var fresh = rows.Where(r => r.StoryId is null
            || !r.StoryPinned && !(r.StoryTerms ?? []).AsSpan().SequenceEqual(features[r.Id].Terms)).ToList();

        var frequencies = await StoryTermFrequencies.LoadAsync(connection, tx, features.Values.SelectMany(f => f.Terms), settings, ct);
        var scorer = new StoryScorer(settings, frequencies.Idf);
        var candidates = await CandidatesAsync(connection, tx, fresh, features, frequencies, ct);

        // Decided in id order; an article sees the batch's earlier ones as candidates. New stories
        // get negative placeholders until they are inserted.
        var storyOf = new Dictionary<long, long>();
        var placed = new List<StoryCandidate>();
        var merges = new List<(long Into, long From)>();
        var relations = new List<(long A, long B, double Score)>();
        long nextPlaceholder = -1;
        foreach (var row in fresh)
        {
            var f = features[row.Id];
            long story;
            if (row.DuplicateOf is { } first && (storyOf.TryGetValue(first, out var s) || candidates.FirstCopyStory.TryGetValue(first, out s)))
                story = s;
            else
            {
                var others = candidates.For(row.Id).Where(c => c.ArticleId != row.Id).Concat(placed.Where(p => InWindow(p.Time, row.Time)));
                var choice = scorer.Choose(f, row.Time, others, row.SourceId);
                // An update that fits no story keeps its own when it is alone there: no new story per edit.
                story = choice.StoryId
                    ?? (row.StoryId is { } current && !await StoryAggregates.HasOtherAccountsAsync(connection, tx, current, [row.Id], ct) ? current : nextPlaceholder--);
                foreach (var other in choice.Merge) merges.Add((story, other));
                foreach (var (other, score) in choice.Related) relations.Add((story, other, score));
            }
            storyOf[row.Id] = story;
            placed.Add(new StoryCandidate(row.Id, story, row.SourceId, row.Time, f, false));
            // Counted once per article: an update's terms were counted when it was first placed.
            if (row.StoryId is null) frequencies.Add(f);
        }

        var realIds = await InsertStoriesAsync(connection, tx, storyOf.Values.Where(v => v < 0).Distinct().Count(), ct);
        long Real(long story) => story < 0 ? realIds[(int)(-story - 1)] : story;
        var touched = new HashSet<long>();
        long StoryOf(ArticleRow r) => storyOf.TryGetValue(r.Id, out var s) ? Real(s) : r.StoryId!.Value;
        await WriteAsync(connection, tx, rows.Select(r => (r.Id, StoryOf(r), features[r.Id], r.Time)).ToList(), ct);
        foreach (var r in rows)
        {
            touched.Add(StoryOf(r));
            if (r.StoryId is { } before) touched.Add(before);
        }
        await StoryRelations.AddAsync(connection, tx, [.. relations.Select(r => (Real(r.A), Real(r.B), r.Score))], ct);
        foreach (var (into, from) in merges)
            touched.UnionWith(await StoryMerges.MergeAsync(connection, tx, Real(into), Real(from), ct));
        await frequencies.SaveAsync(connection, tx, ct);
        await StoryAggregates.RefreshAsync(connection, tx, touched, ct);
        return touched;
    }

    // Terms, weights and keys go as flat arrays with their article's id and are grouped back per
    // article in SQL: Npgsql sends no jagged arrays.
    private async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        List<(long Id, long StoryId, StoryFeatures Features, DateTimeOffset Time)> rows, CancellationToken ct)
    {
        var (termIds, terms, weights, keyIds, keys) = (new List<long>(), new List<int>(), new List<short>(), new List<long>(), new List<int>());
        foreach (var (id, _, f, time) in rows)
        {
            for (var i = 0; i < f.Terms.Length; i++)
            {
                termIds.Add(id);
                terms.Add(f.Terms[i]);
                weights.Add(f.Weights[i]);
            }
            foreach (var key in StoryKeys.Of(f.KeyTerms, time))
            {
                keyIds.Add(id);
                keys.Add(key);
            }
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE articles a
            SET story_id = s.story_id, story_terms = coalesce(t.terms, '{}'), story_weights = coalesce(t.weights, '{}'),
                story_keys = coalesce(k.keys, '{}')
            FROM unnest(@Ids, @Stories) AS s(id, story_id)
            LEFT JOIN (SELECT id, array_agg(term ORDER BY term) AS terms, array_agg(weight ORDER BY term) AS weights
                       FROM unnest(@TermIds, @Terms, @Weights) AS u(id, term, weight) GROUP BY id) t ON t.id = s.id
            LEFT JOIN (SELECT id, array_agg(key) AS keys FROM unnest(@KeyIds, @Keys) AS u(id, key) GROUP BY id) k ON k.id = s.id
            WHERE a.id = s.id
            """, new
        {
            Ids = rows.Select(r => r.Id).ToArray(), Stories = rows.Select(r => r.StoryId).ToArray(),
            TermIds = termIds.ToArray(), Terms = terms.ToArray(), Weights = weights.ToArray(),
            KeyIds = keyIds.ToArray(), Keys = keys.ToArray(),
        }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// Assigns the articles that have no story yet (stored before stories existed), in id order, one
    /// transaction per batch. Articles another run has stored but not linked yet are its to assign.
    /// Returns how many.
    /// </summary>
    public async Task<int> AssignUnassignedAsync(NpgsqlConnection connection, int batchSize, CancellationToken ct)
    {
        var done = 0;
        while (true)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            var ids = (await connection.QueryAsync<long>(new CommandDefinition("""
                SELECT a.id FROM articles a
                WHERE a.story_id IS NULL
                  AND NOT EXISTS (SELECT 1 FROM article_links_pending p WHERE a.id = ANY(p.article_ids))
                ORDER BY a.id LIMIT @BatchSize
                """, new { BatchSize = batchSize }, tx, cancellationToken: ct))).ToList();
            if (ids.Count == 0) return done;
            await AssignAsync(connection, tx, ids, ct);
            await tx.CommitAsync(ct);
            done += ids.Count;
        }
    }

    private bool InWindow(DateTimeOffset a, DateTimeOffset b) => Math.Abs((a - b).TotalDays) <= settings.WindowDays;

    private static async Task<long[]> InsertStoriesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, int count, CancellationToken ct) =>
        count == 0 ? [] : [.. await connection.QueryAsync<long>(new CommandDefinition(
            "INSERT INTO stories (created_at) SELECT now() FROM generate_series(1, @Count) ORDER BY 1 RETURNING id",
            new { Count = count }, tx, cancellationToken: ct))];

    private sealed class Candidates(ILookup<int, StoryCandidate> byOwner, Dictionary<long, int> ownerOf, Dictionary<long, long> firstCopyStory)
    {
        public Dictionary<long, long> FirstCopyStory => firstCopyStory;
        public IEnumerable<StoryCandidate> For(long articleId) => ownerOf.TryGetValue(articleId, out var o) ? byOwner[o] : [];
    }

    // One round trip for the batch: each article's look-up keys (its rarest terms seen before, in
    // its own week and the ones either side) go in as flat arrays, grouped back per article in SQL.
    private async Task<Candidates> CandidatesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, List<ArticleRow> fresh,
        Dictionary<long, StoryFeatures> features, StoryTermFrequencies frequencies, CancellationToken ct)
    {
        var owners = new List<int>();
        var keys = new List<int>();
        var ownerOf = new Dictionary<long, int>();
        var times = new List<DateTimeOffset>();
        foreach (var row in fresh)
        {
            var lookup = frequencies.Rarest(features[row.Id], settings.LookupTerms, counted: row.StoryId is not null);
            if (lookup.Count == 0) continue;
            var owner = ownerOf[row.Id] = times.Count;
            times.Add(row.Time);
            foreach (var key in StoryKeys.Around(lookup, row.Time, settings.WindowDays))
            {
                owners.Add(owner);
                keys.Add(key);
            }
        }
        var firstCopies = fresh.Where(r => r.DuplicateOf is not null).Select(r => r.DuplicateOf!.Value).Distinct().ToArray();
        var firstCopyStory = firstCopies.Length == 0 ? [] : (await connection.QueryAsync<(long Id, long StoryId)>(new CommandDefinition(
            "SELECT id, story_id FROM articles WHERE id = ANY(@Ids) AND story_id IS NOT NULL", new { Ids = firstCopies }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Id, r => r.StoryId);
        if (owners.Count == 0) return new Candidates(Array.Empty<StoryCandidate>().ToLookup(_ => 0), ownerOf, firstCopyStory);
        // No time test in SQL: the keys already hold the article's weeks, and a test on story_time
        // let the planner scan articles_story_idx (story_id, story_time) whole beside the GIN
        // look-up, a cost that grew with the table. The exact window is applied below.
        var rows = (await connection.QueryAsync<CandidateRow>(new CommandDefinition($"""
            WITH q AS (
                SELECT owner, array_agg(key) AS keys FROM unnest(@Owners, @Keys) AS u(owner, key) GROUP BY owner)
            SELECT q.owner, c.id, c.story_id, c.source_id, c.time, c.story_terms, c.story_weights
            FROM q CROSS JOIN LATERAL (
                SELECT a.id, a.story_id, a.source_id, a.story_time AS time, a.story_terms, a.story_weights
                FROM articles a
                WHERE a.story_keys && q.keys AND a.story_id IS NOT NULL
                LIMIT {CandidatesPerArticle}) c
            """, new { Owners = owners.ToArray(), Keys = keys.ToArray() }, tx, cancellationToken: ct))).ToList();
        // Which of their stories an editor locked: a look-up by primary key, not a join the planner
        // may turn into a scan of every story.
        var locked = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM stories WHERE locked AND id = ANY(@Ids)", new { Ids = rows.Select(r => r.StoryId).Distinct().ToArray() },
            tx, cancellationToken: ct))).ToHashSet();
        var lookupRows = rows.Where(r => InWindow(r.Time, times[r.Owner])).ToLookup(r => r.Owner, r => new StoryCandidate(r.Id, r.StoryId, r.SourceId, r.Time,
            new StoryFeatures(r.StoryTerms, r.StoryWeights), locked.Contains(r.StoryId)));
        return new Candidates(lookupRows, ownerOf, firstCopyStory);
    }
}
