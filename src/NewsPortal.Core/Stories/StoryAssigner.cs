using Dapper;
using Npgsql;

namespace NewsPortal.Core.Stories;

/// <summary>
/// Puts articles into stories (docs/stories.md). A batch's new articles are placed in the storing
/// transaction before the COPY that writes them (<see cref="PlaceNewAsync"/>); updated ones, and
/// ones stored without a story, after linking (<see cref="AssignAsync"/>); a copy follows its first
/// copy once linking finds it (<see cref="SettleCopiesAsync"/>). An article with a story keeps it
/// unless its terms changed; any other joins the story <see cref="StoryScorer"/> chooses among the
/// accounts that share its weightiest terms within the time window, or starts its own. Merges keep
/// the oldest story id and leave the others pointing at it. One assigner runs at a time over the
/// whole database (a transaction-scoped advisory lock), so two ingestion workers never start two
/// stories for one event, nor deadlock.
/// </summary>
public sealed class StoryAssigner(StorySettings settings)
{
    /// <summary>
    /// Where document-frequency counts are held between writes (an ingestion run sets one and writes it
    /// every few batches and at its end); null: written with each batch.
    /// </summary>
    public StoryFrequencyBuffer? Frequencies { get; set; }

    // pg_advisory_xact_lock key: 'stor' in ASCII.
    internal const long LockKey = 0x73746f72;

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

    // A candidate found, with the row version (xmin) of its story_candidates entry: its terms come from StoryFeatureCache.
    private sealed class PairRow
    {
        public int Owner { get; init; }
        public long Id { get; init; }
        public long Version { get; init; }
        public long StoryId { get; init; }
        public long? SourceId { get; init; }
        public DateTimeOffset Time { get; init; }
        public bool Locked { get; init; }
    }

    private readonly StoryFeatureCache _features = new();
    private readonly StoryTermIds _termIds = new();

    /// <summary>
    /// Takes the assigner's lock for the rest of the transaction. Every transaction that changes what
    /// stories are made of (placing articles, linking near-duplicates, an editor's decision) takes it
    /// before its first write, so no two of them wait on each other's rows while holding it.
    /// </summary>
    internal static Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: ct));

    // An article to be placed: a stored one (StoryId set when it has a story), or one of a batch
    // about to be copied into articles (Stored false), whose story columns go in with its row.
    private sealed record Subject(long Id, StoryFeatures Features, DateTimeOffset Time, long? SourceId,
        long? DuplicateOf = null, long? StoryId = null, bool Stored = true);

    // Where a batch's subjects went, before the writes that follow from it.
    // KeyTerms: the terms each placed article is stored under for look-ups (StoryKeys). Likeness: each
    // placed article's most alike candidates; Replaced: stored articles placed again, whose recorded
    // likeness was scored on their old terms.
    internal sealed record Placement(Dictionary<long, long> StoryOf, Dictionary<long, int[]> KeyTerms, List<(long Into, long From)> Merges,
        List<(long A, long B, double Score)> Relations, StoryTermFrequencies? Frequencies,
        List<(long Article, long Other, double Score)> Likeness, List<long> Replaced);

    /// <summary>A new article of a batch, with the id it will be copied into articles with.</summary>
    public sealed record NewArticle(long Id, StoryFeatures Features, DateTimeOffset Time, DateTimeOffset ListedAt, long? SourceId);

    /// <summary>The story columns a new article is copied into articles with.</summary>
    public sealed record NewPlacement(long StoryId, bool StoryHead, bool OutletStoryHead, int[] Keys);

    /// <summary>
    /// Places a batch's new articles before they are copied into articles (their ids taken from the
    /// sequence already), so that the copy writes their story columns and no row is updated just after
    /// it was written. Takes the lock: call before the transaction's first write. Call
    /// <see cref="NewBatch.FinishAsync"/> once the rows are copied.
    /// </summary>
    public async Task<NewBatch> PlaceNewAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<NewArticle> articles, CancellationToken ct)
    {
        await LockAsync(connection, tx, ct);
        var placement = await PlaceAsync(connection, tx,
            [.. articles.Select(a => new Subject(a.Id, a.Features, a.Time, a.SourceId, Stored: false))], ct);
        var heads = await HeadsAsync(connection, tx, articles, placement.StoryOf, ct);
        // Their rows will carry this transaction's id as their version: later batches find them
        // as candidates without reading their terms back.
        _features.Seed(connection, await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT (pg_current_xact_id()::text::numeric % 4294967296)::bigint", transaction: tx, cancellationToken: ct)),
            articles.Select(a => (a.Id, a.Features)));
        var placed = articles.ToDictionary(a => a.Id, a => new NewPlacement(placement.StoryOf[a.Id],
            heads.Story.Contains(a.Id), heads.Outlet.Contains(a.Id), [.. StoryKeys.Of(placement.KeyTerms[a.Id], a.Time)]));
        return new NewBatch(this, placement, placed);
    }

    /// <summary>A batch placed by <see cref="PlaceNewAsync"/>: where each article goes, and what is left to write once they are stored.</summary>
    public sealed class NewBatch
    {
        private readonly StoryAssigner _assigner;
        private readonly Placement _placement;

        internal NewBatch(StoryAssigner assigner, Placement placement, IReadOnlyDictionary<long, NewPlacement> placed) =>
            (_assigner, _placement, Placed) = (assigner, placement, placed);

        public IReadOnlyDictionary<long, NewPlacement> Placed { get; }

        /// <summary>Relations, merges, document frequencies and the stories' counts and list heads; returns the stories touched.</summary>
        public Task<IReadOnlyCollection<long>> FinishAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct) =>
            _assigner.FinishAsync(connection, tx, _placement, Placed.Values.Select(p => p.StoryId), ct);
    }

    /// <summary>
    /// Assigns <paramref name="ids"/> (stored articles of this transaction's batch: updated ones, or
    /// ones stored without a story) to stories. An article already placed whose terms are unchanged
    /// keeps its story and is not written. Returns the stories touched.
    /// </summary>
    public async Task<IReadOnlyCollection<long>> AssignAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await LockAsync(connection, tx, ct);
        var rows = (await connection.QueryAsync<ArticleRow>(new CommandDefinition($"""
            SELECT id, title, left(body_text, {StoryFeatures.LeadCharacters}) AS lead, story_time AS time,
                   source_id, duplicate_of, story_id, story_pinned, story_terms
            FROM articles WHERE id = ANY(@Ids) ORDER BY id
            """, new { Ids = ids.ToArray() }, tx, cancellationToken: ct))).ToList();
        var features = rows.ToDictionary(r => r.Id, r => StoryFeatures.Compute(r.Title, r.Lead));
        bool TermsChanged(ArticleRow r) => !(r.StoryTerms ?? []).AsSpan().SequenceEqual(features[r.Id].Terms);
        // New articles are placed; an updated one whose terms changed is placed again unless an
        // editor pinned it (its text may now tell another event, or no longer copy its first copy).
        var toPlace = rows.Where(r => r.StoryId is null || !r.StoryPinned && TermsChanged(r))
            .Select(r => new Subject(r.Id, features[r.Id], r.Time, r.SourceId, r.DuplicateOf, r.StoryId)).ToList();
        var placement = await PlaceAsync(connection, tx, toPlace, ct);
        // Written: what was placed, and a pinned article whose terms changed (its story stays).
        var written = rows.Where(r => placement.StoryOf.ContainsKey(r.Id) || r.StoryId is not null && TermsChanged(r))
            .Select(r => (r.Id, placement.StoryOf.TryGetValue(r.Id, out var s) ? s : r.StoryId!.Value, features[r.Id],
                placement.KeyTerms.TryGetValue(r.Id, out var k) ? k : features[r.Id].KeyTerms, r.Time)).ToList();
        await WriteAsync(connection, tx, written, ct);
        return await FinishAsync(connection, tx, placement,
            rows.Select(r => placement.StoryOf.TryGetValue(r.Id, out var s) ? s : r.StoryId!.Value)
                .Concat(rows.Where(r => r.StoryId is not null).Select(r => r.StoryId!.Value)), ct);
    }

    // Decides in id order; an article sees the batch's earlier ones as candidates. New stories are
    // inserted at the end, and StoryOf holds their real ids.
    private async Task<Placement> PlaceAsync(NpgsqlConnection connection, NpgsqlTransaction tx, List<Subject> subjects, CancellationToken ct)
    {
        var merges = new List<(long Into, long From)>();
        var relations = new List<(long A, long B, double Score)>();
        var likeness = new List<(long Article, long Other, double Score)>();
        var replaced = subjects.Where(s => s.Stored).Select(s => s.Id).ToList();
        if (subjects.Count == 0) return new Placement([], [], merges, relations, null, likeness, replaced);
        var frequencies = await StoryTermFrequencies.LoadAsync(connection, tx, subjects.SelectMany(s => s.Features.Terms), settings, Frequencies, _termIds, ct);
        var scorer = new StoryScorer(settings, frequencies);
        var ordered = subjects.OrderBy(s => s.Id).ToList();
        var firstCopyStory = await FirstCopyStoriesAsync(connection, tx, ordered, ct);
        // Placing a stored article may ask the database in between (HasOtherAccountsAsync): then the
        // whole batch is looked up first.
        var allNew = ordered.All(s => !s.Stored);
        var lookups = LookupsOf(ordered, frequencies);
        await using var candidates = new CandidateLookups(this, connection, tx,
            allNew ? ChunksOf(lookups) : [lookups], ct);
        if (!allNew) await candidates.EndAsync();

        // New stories get negative placeholders until they are inserted. The batch's articles placed
        // so far are found as stored ones are: by a key term they share (the stored accounts by
        // their weightiest terms, the batch's by any of the terms each is stored under, since a name new
        // to the database weighs most of all).
        var storyOf = new Dictionary<long, long>();
        var keyTerms = new Dictionary<long, int[]>();
        var placedByTerm = new Dictionary<int, List<StoryCandidate>>();
        long nextPlaceholder = -1;
        foreach (var row in ordered)
        {
            var f = row.Features;
            var terms = keyTerms[row.Id] = frequencies.StoredKeyTerms(f, settings.StoredKeyTerms);
            long story;
            if (row.DuplicateOf is { } first && (storyOf.TryGetValue(first, out var s) || firstCopyStory.TryGetValue(first, out s)))
                story = s;
            else
            {
                var stored = await candidates.ForAsync(row.Id);
                // Distinct by reference: each placed article is one object, in the list of each of its
                // terms, and a record's own hash code would hash all its members.
                var batchMates = terms.SelectMany(t => placedByTerm.TryGetValue(t, out var list) ? list : [])
                    .Distinct<StoryCandidate>(ReferenceEqualityComparer.Instance).Where(p => InWindow(p.Time, row.Time));
                var others = stored.Where(c => c.ArticleId != row.Id).Concat(batchMates);
                var choice = scorer.Choose(f, row.Time, others, row.SourceId);
                // An update that fits no story keeps its own when it is alone there: no new story per edit.
                story = choice.StoryId
                    ?? (row.StoryId is { } current && !await StoryAggregates.HasOtherAccountsAsync(connection, tx, current, [row.Id], ct) ? current : nextPlaceholder--);
                foreach (var other in choice.Merge) merges.Add((story, other));
                foreach (var (other, score) in choice.Related) relations.Add((story, other, score));
                foreach (var (other, score) in choice.Alike) likeness.Add((row.Id, other, score));
            }
            storyOf[row.Id] = story;
            var placed = new StoryCandidate(row.Id, story, row.SourceId, row.Time, f, false);
            foreach (var t in terms)
            {
                if (!placedByTerm.TryGetValue(t, out var list)) placedByTerm[t] = list = [];
                list.Add(placed);
            }
            // Counted once per article: an update's terms were counted when it was first placed.
            if (row.StoryId is null) frequencies.Add(f);
        }
        await candidates.EndAsync();
        frequencies.EndScoring();

        var realIds = await InsertStoriesAsync(connection, tx, (int)(-1 - nextPlaceholder), ct);
        long Real(long story) => story < 0 ? realIds[(int)(-story - 1)] : story;
        return new Placement(storyOf.ToDictionary(p => p.Key, p => Real(p.Value)), keyTerms, [.. merges.Select(m => (Real(m.Into), Real(m.From)))],
            [.. relations.Select(r => (Real(r.A), Real(r.B), r.Score))], frequencies, likeness, replaced);
    }

    private async Task<IReadOnlyCollection<long>> FinishAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Placement placement,
        IEnumerable<long> stories, CancellationToken ct)
    {
        var touched = stories.ToHashSet();
        await StoryLikeness.WriteAsync(connection, tx, placement.Replaced, placement.Likeness, ct);
        await StoryRelations.AddAsync(connection, tx, placement.Relations, ct);
        foreach (var (into, from) in placement.Merges)
            touched.UnionWith(await StoryMerges.MergeAsync(connection, tx, into, from, ct));
        if (placement.Frequencies is { } frequencies) await frequencies.SaveAsync(connection, tx, ct);
        await StoryAggregates.RefreshAsync(connection, tx, touched, ct);
        return touched;
    }

    // Which new articles head their story, and their story within their outlet, on the lists: the
    // newest published first copy, by (listed_at, id), of the stored heads and the batch. Written with
    // the rows, so that StoryAggregates.RefreshAsync then only turns off the heads they displaced.
    // (Should one of them turn out a near-duplicate, linking refreshes its story again.)
    private static async Task<(HashSet<long> Story, HashSet<long> Outlet)> HeadsAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        IReadOnlyList<NewArticle> articles, Dictionary<long, long> storyOf, CancellationToken ct)
    {
        var heads = (await connection.QueryAsync<(long StoryId, long? SourceId, DateTimeOffset ListedAt, long Id)>(new CommandDefinition("""
            SELECT story_id, source_id, listed_at, id FROM articles
            WHERE story_id = ANY(@Stories) AND outlet_story_head AND status = 'published' AND duplicate_of IS NULL
            """, new { Stories = articles.Select(a => storyOf[a.Id]).Distinct().ToArray() }, tx, cancellationToken: ct))).ToList();
        var all = heads.Select(h => (h.StoryId, h.SourceId, h.ListedAt, h.Id))
            .Concat(articles.Select(a => (StoryId: storyOf[a.Id], a.SourceId, a.ListedAt, a.Id))).ToList();
        static long Newest(IEnumerable<(long StoryId, long? SourceId, DateTimeOffset ListedAt, long Id)> g) =>
            g.OrderByDescending(x => x.ListedAt).ThenByDescending(x => x.Id).First().Id;
        return (all.GroupBy(x => x.StoryId).Select(Newest).ToHashSet(),
                all.GroupBy(x => (x.StoryId, x.SourceId)).Select(Newest).ToHashSet());
    }

    /// <summary>
    /// After near-duplicate linking changed the first copy of <paramref name="ids"/> (in a
    /// transaction that holds the lock): a copy joins its first copy's story unless an editor pinned
    /// it (a story left with nothing else is merged into that one, so its address redirects), and the
    /// stories involved recount their accounts and list heads, since copies count in neither.
    /// </summary>
    public static async Task SettleCopiesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        var rows = (await connection.QueryAsync<(long Id, long? StoryId, bool Pinned, long? FirstStory, bool Alone, long? FirstCopy)>(new CommandDefinition("""
            SELECT a.id, a.story_id, a.story_pinned, f.story_id,
                   NOT EXISTS (SELECT 1 FROM articles o WHERE o.story_id = a.story_id AND o.id <> a.id), f.id
            FROM articles a LEFT JOIN articles f ON f.id = a.duplicate_of
            WHERE a.id = ANY(@Ids) ORDER BY a.id
            """, new { Ids = ids.ToArray() }, tx, cancellationToken: ct))).ToList();
        // A copy is alike to its first copy whenever each was published, even when placement did not
        // compare them (too far apart in time): its sidebar lists that first copy (another outlet's
        // copy is an account) and the first copy's lists it.
        await StoryLikeness.CopiesAsync(connection, tx, [.. rows.Where(r => r.FirstCopy is not null).Select(r => (r.Id, r.FirstCopy!.Value))], ct);
        var touched = new HashSet<long>();
        foreach (var (id, story, pinned, firstStory, alone, _) in rows)
        {
            if (story is { } s) touched.Add(s);
            if (firstStory is not { } target || story is not { } current || current == target || pinned) continue;
            touched.Add(target);
            if (alone)
                touched.UnionWith(await StoryMerges.MergeAsync(connection, tx, target, current, ct));
            else
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE articles SET story_id = @Target WHERE id = @Id", new { Target = target, Id = id }, tx, cancellationToken: ct));
        }
        await StoryAggregates.RefreshAsync(connection, tx, touched, ct);
    }

    // Terms, weights and keys go as flat arrays with their article's id and are grouped back per
    // article in SQL: Npgsql sends no jagged arrays.
    private async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        List<(long Id, long StoryId, StoryFeatures Features, int[] KeyTerms, DateTimeOffset Time)> rows, CancellationToken ct)
    {
        var (termIds, terms, weights, keyIds, keys) = (new List<long>(), new List<int>(), new List<short>(), new List<long>(), new List<int>());
        foreach (var (id, _, f, keyTerms, time) in rows)
        {
            for (var i = 0; i < f.Terms.Length; i++)
            {
                termIds.Add(id);
                terms.Add(f.Terms[i]);
                weights.Add(f.Weights[i]);
            }
            foreach (var key in StoryKeys.Of(keyTerms, time))
            {
                keyIds.Add(id);
                keys.Add(key);
            }
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE articles a
            SET story_id = s.story_id, story_terms = coalesce(t.terms, '{}'), story_weights = coalesce(t.weights, '{}'),
                story_keys = coalesce(k.keys, '{}'), story_series = s.series, story_commentary = s.commentary
            FROM unnest(@Ids, @Stories, @Series, @Commentary) AS s(id, story_id, series, commentary)
            LEFT JOIN (SELECT id, array_agg(term ORDER BY term) AS terms, array_agg(weight ORDER BY term) AS weights
                       FROM unnest(@TermIds, @Terms, @Weights) AS u(id, term, weight) GROUP BY id) t ON t.id = s.id
            LEFT JOIN (SELECT id, array_agg(key) AS keys FROM unnest(@KeyIds, @Keys) AS u(id, key) GROUP BY id) k ON k.id = s.id
            WHERE a.id = s.id
            """, new
        {
            Ids = rows.Select(r => r.Id).ToArray(), Stories = rows.Select(r => r.StoryId).ToArray(),
            Series = rows.Select(r => r.Features.Series).ToArray(), Commentary = rows.Select(r => r.Features.Commentary).ToArray(),
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

    // The candidates of a batch's articles, looked up a chunk at a time, each chunk's while the
    // articles of the chunk before are placed (see LookupChunk). One statement at a time runs on the
    // connection: the placing asks the database nothing while a look-up may be running.
    private sealed class CandidateLookups : IAsyncDisposable
    {
        private readonly StoryAssigner _assigner;
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _tx;
        private readonly List<List<Lookup>> _chunks;
        private readonly CancellationToken _ct;
        private readonly Dictionary<long, int> _chunkOf = [];
        private readonly List<Found> _found = [];
        private readonly Dictionary<int, ILookup<long, StoryCandidate>> _byArticle = [];
        private Task<Found>? _running;

        public CandidateLookups(StoryAssigner assigner, NpgsqlConnection connection, NpgsqlTransaction tx, List<List<Lookup>> chunks, CancellationToken ct)
        {
            (_assigner, _connection, _tx, _chunks, _ct) = (assigner, connection, tx, chunks, ct);
            for (var k = 0; k < chunks.Count; k++)
                foreach (var l in chunks[k]) _chunkOf[l.Subject.Id] = k;
            StartNext();
        }

        private void StartNext() =>
            _running = _found.Count < _chunks.Count ? _assigner.CandidatesAsync(_connection, _tx, _chunks[_found.Count], _ct) : null;

        /// <summary>What the article found; the next chunk's look-up is under way on return.</summary>
        public async Task<IEnumerable<StoryCandidate>> ForAsync(long articleId)
        {
            if (!_chunkOf.TryGetValue(articleId, out var k)) return [];
            while (_found.Count <= k)
            {
                _found.Add(await _running!);
                StartNext();
            }
            // Built here, while the next chunk's look-up runs, not before it starts.
            if (!_byArticle.TryGetValue(k, out var byArticle)) _byArticle[k] = byArticle = _found[k].ByArticle();
            return byArticle[articleId];
        }

        /// <summary>Lets every look-up end (the rest of the batch's are not needed): the connection is free after it.</summary>
        public async Task EndAsync()
        {
            while (_running is { } running)
            {
                _found.Add(await running);
                StartNext();
            }
        }

        // After a failure: a look-up still running holds the connection, and the placement's own
        // failure is the one to report.
        public async ValueTask DisposeAsync()
        {
            if (_running is not { } running) return;
            _running = null;
            try
            {
                await running;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
            }
        }
    }

    // An article's look-up keys: its weightiest terms seen before, in its own week and the ones either side.
    private sealed record Lookup(Subject Subject, int[] Keys);

    // What a chunk's look-up found: rows as read, made into candidates by the side that places them.
    private sealed record Found(List<PairRow> Pairs, Dictionary<long, StoryFeatures> Features, List<Lookup> Lookups, Func<DateTimeOffset, DateTimeOffset, bool> InWindow)
    {
        public ILookup<long, StoryCandidate> ByArticle() =>
            Pairs.Where(r => InWindow(r.Time, Lookups[r.Owner].Subject.Time) && Features.ContainsKey(r.Id)).ToLookup(r => Lookups[r.Owner].Subject.Id,
                r => new StoryCandidate(r.Id, r.StoryId, r.SourceId, r.Time, Features[r.Id], r.Locked));
    }

    // Look-ups are sent a chunk of the batch at a time, and while PostgreSQL answers one chunk's, the
    // articles of the chunk before are scored: the two were each a third of a batch's storing time,
    // one after the other. Chunks change nothing found: a look-up reads what the batch's first write
    // has not touched yet (every look-up comes before it).
    private const int LookupChunk = 100;

    // The first and the last chunk are small: placing waits for the first chunk's look-up with nothing
    // to score meanwhile, and after the last one it scores that chunk with nothing to look up.
    private const int EdgeChunk = 25;

    private static List<List<Lookup>> ChunksOf(List<Lookup> lookups)
    {
        if (lookups.Count <= LookupChunk) return [lookups];
        var middle = lookups.Count - 2 * EdgeChunk;
        var count = (middle + LookupChunk - 1) / LookupChunk;
        var sizes = new List<int> { EdgeChunk };
        for (var i = 0; i < count; i++) sizes.Add(middle / count + (i < middle % count ? 1 : 0));
        sizes.Add(EdgeChunk);
        var chunks = new List<List<Lookup>>(sizes.Count);
        var start = 0;
        foreach (var size in sizes)
        {
            chunks.Add(lookups.GetRange(start, size));
            start += size;
        }
        return chunks;
    }

    // Computed for the whole batch before any article is placed: placing one changes the counts.
    private List<Lookup> LookupsOf(List<Subject> subjects, StoryTermFrequencies frequencies)
    {
        var lookups = new List<Lookup>(subjects.Count);
        foreach (var row in subjects)
        {
            var terms = frequencies.LookupTerms(row.Features, settings.LookupTerms, counted: row.StoryId is not null);
            if (terms.Count > 0) lookups.Add(new Lookup(row, [.. StoryKeys.Around(terms, row.Time, settings.WindowDays)]));
        }
        return lookups;
    }

    private static async Task<Dictionary<long, long>> FirstCopyStoriesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, List<Subject> subjects, CancellationToken ct)
    {
        var firstCopies = subjects.Where(r => r.DuplicateOf is not null).Select(r => r.DuplicateOf!.Value).Distinct().ToArray();
        return firstCopies.Length == 0 ? [] : (await connection.QueryAsync<(long Id, long StoryId)>(new CommandDefinition(
            "SELECT id, story_id FROM articles WHERE id = ANY(@Ids) AND story_id IS NOT NULL", new { Ids = firstCopies }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Id, r => r.StoryId);
    }

    // One round trip for the chunk: each article's keys go in as flat arrays, grouped back per article
    // in SQL. Returns the candidates each article found, as read.
    private async Task<Found> CandidatesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, List<Lookup> lookups, CancellationToken ct)
    {
        var owners = new List<int>();
        var keys = new List<int>();
        for (var owner = 0; owner < lookups.Count; owner++)
            foreach (var key in lookups[owner].Keys)
            {
                owners.Add(owner);
                keys.Add(key);
            }
        if (owners.Count == 0) return new Found([], [], lookups, InWindow);
        // No time test in SQL: the keys already hold the article's weeks. The exact window is
        // applied as the candidates are built (Found). story_candidates is the narrow copy of
        // articles' story columns (migration 0033): the look-up reads its rows, not the wide
        // articles heap.
        // Which of their stories an editor locked: the few locked stories (their index, migration
        // 0034), hashed once for the statement. Asked in a statement of its own, by primary key
        // (`id = ANY(@Ids)`, 1,800 ids a look-up), it read a page per id.
        // Which articles each one found, then each found article's terms once: one account is found
        // by many of a batch's articles, and its terms are the bulk of what comes back.
        // Read by hand, and prepared: the statement runs about 1,400 times in a first ingest of
        // 100,000 items, on the path that places a batch, and returns 1.9 million rows. Planned
        // afresh each time it took 1.3 ms to plan; its generic plan is the same nested loop.
        var pairs = new List<PairRow>(lookups.Count * 20);
        await using (var command = new NpgsqlCommand($"""
            WITH q AS (
                SELECT owner, array_agg(key) AS keys FROM unnest(@Owners, @Keys) AS u(owner, key) GROUP BY owner),
            locked AS MATERIALIZED (SELECT id FROM stories WHERE locked)
            SELECT q.owner, c.id, c.version, c.story_id, c.source_id, c.time, l.id IS NOT NULL AS locked
            FROM q CROSS JOIN LATERAL (
                SELECT s.article_id AS id, s.xmin::text::bigint AS version, s.story_id, s.source_id, s.story_time AS time
                FROM story_candidates s
                WHERE s.story_keys && q.keys
                LIMIT {settings.CandidatesPerArticle}) c
            LEFT JOIN locked l ON l.id = c.story_id
            """, connection, tx))
        {
            command.Parameters.Add(new NpgsqlParameter<int[]>("Owners", owners.ToArray()));
            command.Parameters.Add(new NpgsqlParameter<int[]>("Keys", keys.ToArray()));
            await command.PrepareAsync(ct);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                pairs.Add(new PairRow
                {
                    Owner = reader.GetInt32(0), Id = reader.GetInt64(1), Version = reader.GetInt64(2), StoryId = reader.GetInt64(3),
                    SourceId = reader.IsDBNull(4) ? null : reader.GetInt64(4), Time = reader.GetFieldValue<DateTimeOffset>(5), Locked = reader.GetBoolean(6),
                });
        }
        var features = await _features.GetAsync(connection, tx, pairs.Select(p => (p.Id, p.Version)), ct);
        return new Found(pairs, features, lookups, InWindow);
    }
}
