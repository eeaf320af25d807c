using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dapper;
using Npgsql;

namespace NewsPortal.Core.Stories;

/// <summary>
/// Document frequencies of story terms, as a batch being assigned sees them: the stored counts of
/// the batch's terms plus the batch's own articles as they are placed, saved in one statement at
/// the end. Terms are written in order, so two writers could not deadlock even without the
/// assigner's lock.
/// </summary>
internal sealed class StoryTermFrequencies
{
    private readonly Dictionary<int, int> _df;
    private readonly Dictionary<int, int> _added = [];
    private long _documents, _documentsAdded;

    private readonly StorySettings _settings;

    private StoryTermFrequencies(Dictionary<int, int> df, long documents, StorySettings settings, StoryTermIds ids) =>
        (_df, _documents, _settings, _ids) = (df, documents, settings, ids);

    private StoryFrequencyBuffer? _buffer;

    /// <summary>Counts given directly, for tests of what is chosen by them.</summary>
    internal static StoryTermFrequencies Of(Dictionary<int, int> df, long documents, StorySettings settings, StoryTermIds? ids = null) =>
        new(df, documents, settings, ids ?? new StoryTermIds());

    /// <summary>The stored counts of <paramref name="terms"/>, plus what <paramref name="buffer"/> holds and has not written yet.</summary>
    public static async Task<StoryTermFrequencies> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IEnumerable<int> terms, StorySettings settings,
        StoryFrequencyBuffer? buffer, StoryTermIds ids, CancellationToken ct)
    {
        var distinct = terms.Distinct().ToArray();
        var df = new Dictionary<int, int>(distinct.Length);
        if (buffer is not null) await buffer.EnterAsync(ct);
        try
        {
            var unknown = buffer is null ? distinct : buffer.Recall(distinct, df);
            var read = (await connection.QueryAsync<(int Term, int Df)>(new CommandDefinition(
                "SELECT term, df FROM story_term_df WHERE term = ANY(@Terms)", new { Terms = unknown }, tx, cancellationToken: ct)))
                .ToDictionary(r => r.Term, r => r.Df);
            foreach (var t in unknown) df[t] = read.GetValueOrDefault(t);
            buffer?.Remember(unknown, df);
            var documents = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT documents FROM story_corpus", transaction: tx, cancellationToken: ct));
            if (buffer is not null) documents += buffer.AddTo(df, distinct);
            return new StoryTermFrequencies(df, documents, settings, ids) { _buffer = buffer };
        }
        finally
        {
            buffer?.Exit();
        }
    }

    // Scoring takes the IDF of every term of every candidate: the two logarithms of
    // StorySettings.Idf, the one of the corpus size kept with it and the one of small counts from a table.
    private static readonly double[] LogOfCount = [.. Enumerable.Range(0, 4096).Select(StorySettings.LogOfCount)];
    private double _logDocuments = double.NaN;

    public double Idf(int term) => IdfOfCount(_df.GetValueOrDefault(term));

    // Scoring compares each article with tens of candidates of hundreds of terms each: a term's count
    // is read by the term's dense id (StoryTermIds), from an array that holds the counts of the
    // batch's terms, and zero for any other, as _df does.
    private readonly StoryTermIds _ids;
    private int[]? _dfOfId;
    private readonly List<int> _idsCounted = [];

    /// <summary>The ids of <paramref name="f"/>'s terms, in their order, for <see cref="IdfOfId"/>.</summary>
    internal int[] Ids(StoryFeatures f) => _ids.Of(f);

    /// <summary>As <see cref="Idf"/>, of the term with the id; only until <see cref="EndScoring"/>.</summary>
    internal double IdfOfId(int id)
    {
        var counts = _dfOfId ??= CountsById();
        return IdfOfCount(id < counts.Length ? counts[id] : 0);
    }

    private int[] CountsById()
    {
        var terms = _df.Keys.ToArray();
        var ids = _ids.Of(terms);
        var counts = _ids.RentCounts(_ids.Count);
        for (var i = 0; i < ids.Length; i++)
        {
            counts[ids[i]] = _df[terms[i]];
            _idsCounted.Add(ids[i]);
        }
        return counts;
    }

    /// <summary>Scoring is done: the counts' array goes back, zeroed, for the next batch.</summary>
    internal void EndScoring()
    {
        if (_dfOfId is not { } counts) return;
        _dfOfId = null;
        foreach (var id in _idsCounted) counts[id] = 0;
        _idsCounted.Clear();
        _ids.Return(counts);
    }

    private double IdfOfCount(int df)
    {
        if (double.IsNaN(_logDocuments)) _logDocuments = _settings.LogOfDocuments(_documents);
        return _logDocuments - (df < LogOfCount.Length ? LogOfCount[df] : StorySettings.LogOfCount(df));
    }

    /// <summary>
    /// The terms of <paramref name="f"/> that other articles hold, those that weigh most in its
    /// vector first (weight × inverse document frequency: a name in the title before a rarer bigram
    /// straddling two words of the lead): only shared terms can find another account, and these find
    /// the accounts it is most like. Terms in more than one article in fifty say nothing of an event
    /// and would fill the candidate limit with noise.
    /// </summary>
    /// <param name="counted">The article's terms are counted already (an update): a term must then be held by two.</param>
    public IReadOnlyCollection<int> LookupTerms(StoryFeatures f, int count, bool counted)
    {
        var ceiling = Math.Max(20, _documents / 50);
        var floor = counted ? 2 : 1;
        return Weightiest(f, count, df => df >= floor && df <= ceiling);
    }

    /// <summary>
    /// The key terms <paramref name="f"/> is stored under for look-ups: those that weigh most in its
    /// vector, as <see cref="LookupTerms"/> orders them. Another account of its event looks up by
    /// the names they share; terms it would never be looked up by only cost index entries.
    /// </summary>
    public int[] StoredKeyTerms(StoryFeatures f, int count) =>
        f.KeyTerms.Length <= count ? f.KeyTerms : Weightiest(f, count, _ => true);

    // The key terms whose counts pass, by weight × IDF (ties by term), at most count, sorted by term.
    private int[] Weightiest(StoryFeatures f, int count, Func<int, bool> passes)
    {
        var scored = new List<(int Term, double Score)>(f.KeyTerms.Length);
        // Both arrays are sorted: one walk finds each key term's weight.
        var j = 0;
        foreach (var t in f.KeyTerms)
        {
            while (f.Terms[j] != t) j++;
            var df = _df.GetValueOrDefault(t);
            if (passes(df)) scored.Add((t, f.Weights[j] * IdfOfCount(df)));
        }
        scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Term.CompareTo(b.Term));
        var chosen = new int[Math.Min(count, scored.Count)];
        for (var i = 0; i < chosen.Length; i++) chosen[i] = scored[i].Term;
        Array.Sort(chosen);
        return chosen;
    }

    public void Add(StoryFeatures f)
    {
        if (f.IsEmpty) return;
        _documents++;
        _documentsAdded++;
        _logDocuments = double.NaN;
        foreach (var t in f.Terms)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_df, t, out _)++;
            CollectionsMarshal.GetValueRefOrAddDefault(_added, t, out _)++;
        }
        if (_dfOfId is { } counts)
        {
            var ids = _ids.Of(f);
            for (var i = 0; i < ids.Length; i++)
                if (ids[i] < counts.Length)
                {
                    counts[ids[i]]++;
                    _idsCounted.Add(ids[i]);
                }
                else
                {
                    // A term given its id after the counts were laid out: lay them out again.
                    EndScoring();
                    break;
                }
        }
    }

    /// <summary>Writes the counts the batch added, or hands them to the buffer it was loaded with.</summary>
    public async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        if (_added.Count == 0) return;
        if (_buffer is not null)
        {
            _buffer.Add(_added, _documentsAdded);
            return;
        }
        await WriteAsync(connection, tx, _added, _documentsAdded, ct);
    }

    internal static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyDictionary<int, int> added, long documentsAdded, CancellationToken ct)
    {
        var terms = added.Keys.Order().ToArray();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO story_term_df AS d (term, df) SELECT * FROM unnest(@Terms, @Counts)
            ON CONFLICT (term) DO UPDATE SET df = d.df + EXCLUDED.df
            """, new { Terms = terms, Counts = terms.Select(t => added[t]).ToArray() }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE story_corpus SET documents = documents + @Added", new { Added = documentsAdded }, tx, cancellationToken: ct));
    }
}

/// <summary>
/// Document-frequency counts an ingestion run holds back and writes every few batches, in one
/// statement, instead of with every batch: a term common enough to recur is written once for many
/// batches, and the upsert was a third of a batch's database time. The counts are statistics, not
/// data: a run that dies loses the counts it held (those terms weigh a little more until counted
/// again), and a batch stored a second time after a refusal may count its terms twice; neither
/// moves an article between stories. The run's own placements see its held counts; other workers
/// see them once written.
/// </summary>
public sealed class StoryFrequencyBuffer
{
    private readonly Lock _lock = new();
    // Held across a load's reading and its adding of the held counts, and across a write's commit
    // and its settling: a load sees counts being written either in the database or in memory, never
    // both nor neither, however the write on another connection is timed.
    private readonly SemaphoreSlim _settling = new(1, 1);
    private Dictionary<int, int> _pending = [];
    private long _documents;
    // The counts a write is adding (one write at a time), still counted here until it commits.
    private Dictionary<int, int>? _writing;
    private long _writingDocuments;
    // Counts as read from the database, plus this run's written since: most of a batch's terms were
    // read for an earlier batch. Forgotten every other write (64 batches), so another worker's counts
    // are seen within some tens of batches.
    private Dictionary<int, int> _read = [];
    private int _writes;
    private const int WritesRemembered = 2;

    /// <summary>Batches added since the last write began.</summary>
    public int Batches { get; private set; }

    /// <summary>Whether a write is under way.</summary>
    public bool Writing
    {
        get
        {
            lock (_lock) return _writing is not null;
        }
    }

    internal Task EnterAsync(CancellationToken ct) => _settling.WaitAsync(ct);

    internal void Exit() => _settling.Release();

    /// <summary>Puts the counts read earlier into <paramref name="df"/>; returns the terms not read yet.</summary>
    internal int[] Recall(int[] terms, Dictionary<int, int> df)
    {
        lock (_lock)
        {
            var unknown = new List<int>();
            foreach (var t in terms)
                if (_read.TryGetValue(t, out var n)) df[t] = n;
                else unknown.Add(t);
            return [.. unknown];
        }
    }

    internal void Remember(int[] terms, Dictionary<int, int> df)
    {
        lock (_lock)
        {
            foreach (var t in terms) _read[t] = df[t];
        }
    }

    internal long AddTo(Dictionary<int, int> df, IEnumerable<int> terms)
    {
        lock (_lock)
        {
            foreach (var t in terms)
            {
                var n = _pending.GetValueOrDefault(t) + (_writing?.GetValueOrDefault(t) ?? 0);
                if (n != 0) CollectionsMarshal.GetValueRefOrAddDefault(df, t, out _) += n;
            }
            return _documents + _writingDocuments;
        }
    }

    internal void Add(IReadOnlyDictionary<int, int> added, long documents)
    {
        lock (_lock)
        {
            foreach (var (t, n) in added) CollectionsMarshal.GetValueRefOrAddDefault(_pending, t, out _) += n;
            _documents += documents;
            Batches++;
        }
    }

    /// <summary>
    /// Writes the held counts in a transaction of its own on <paramref name="connection"/>; they stay
    /// counted in memory until it commits, and are held again if it fails. One write at a time.
    /// </summary>
    public async Task FlushAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        Dictionary<int, int> writing;
        long documents;
        lock (_lock)
        {
            if (_writing is not null) throw new InvalidOperationException("A write of story term counts is under way.");
            if (_pending.Count == 0 && _documents == 0) return;
            (writing, documents) = (_pending, _documents);
            (_writing, _writingDocuments) = (writing, documents);
            (_pending, _documents, Batches) = ([], 0, 0);
        }
        var committed = false;
        try
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await StoryTermFrequencies.WriteAsync(connection, tx, writing, documents, ct);
            await _settling.WaitAsync(CancellationToken.None);
            try
            {
                await tx.CommitAsync(CancellationToken.None);
                committed = true;
                lock (_lock)
                {
                    (_writing, _writingDocuments) = (null, 0);
                    if (++_writes % WritesRemembered == 0) _read = [];
                    else
                        foreach (var (t, n) in writing)
                        {
                            ref var stored = ref CollectionsMarshal.GetValueRefOrNullRef(_read, t);
                            if (!Unsafe.IsNullRef(ref stored)) stored += n;
                        }
                }
            }
            finally
            {
                _settling.Release();
            }
        }
        finally
        {
            if (!committed)
                lock (_lock)
                {
                    // Held again for the next write.
                    foreach (var (t, n) in writing) CollectionsMarshal.GetValueRefOrAddDefault(_pending, t, out _) += n;
                    _documents += documents;
                    (_writing, _writingDocuments) = (null, 0);
                }
        }
    }
}
