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

    private StoryTermFrequencies(Dictionary<int, int> df, long documents, StorySettings settings) => (_df, _documents, _settings) = (df, documents, settings);

    public static async Task<StoryTermFrequencies> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IEnumerable<int> terms, StorySettings settings, CancellationToken ct)
    {
        var distinct = terms.Distinct().ToArray();
        var df = (await connection.QueryAsync<(int Term, int Df)>(new CommandDefinition(
            "SELECT term, df FROM story_term_df WHERE term = ANY(@Terms)", new { Terms = distinct }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Term, r => r.Df);
        var documents = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT documents FROM story_corpus", transaction: tx, cancellationToken: ct));
        return new StoryTermFrequencies(df, documents, settings);
    }

    public double Idf(int term) => _settings.Idf(_documents, _df.GetValueOrDefault(term));

    /// <summary>
    /// The terms of <paramref name="f"/> that other articles hold, rarest first: only those can find
    /// another account, and the rarest find it in the shortest posting lists. Terms in more than one
    /// article in fifty say nothing of an event and would fill the candidate limit with noise.
    /// </summary>
    /// <param name="counted">The article's terms are counted already (an update): a term must then be held by two.</param>
    public IReadOnlyCollection<int> Rarest(StoryFeatures f, int count, bool counted)
    {
        var ceiling = Math.Max(20, _documents / 50);
        var floor = counted ? 2 : 1;
        return [.. f.KeyTerms.Select(t => (Term: t, Df: _df.GetValueOrDefault(t), Weight: f.Weights[Array.BinarySearch(f.Terms, t)]))
            .Where(x => x.Df >= floor && x.Df <= ceiling)
            .OrderBy(x => x.Df).ThenByDescending(x => x.Weight).ThenBy(x => x.Term)
            .Take(count).Select(x => x.Term)];
    }

    public void Add(StoryFeatures f)
    {
        if (f.IsEmpty) return;
        _documents++;
        _documentsAdded++;
        foreach (var t in f.Terms)
        {
            _df[t] = _df.GetValueOrDefault(t) + 1;
            _added[t] = _added.GetValueOrDefault(t) + 1;
        }
    }

    public async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        if (_added.Count == 0) return;
        var terms = _added.Keys.Order().ToArray();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO story_term_df AS d (term, df) SELECT * FROM unnest(@Terms, @Counts)
            ON CONFLICT (term) DO UPDATE SET df = d.df + EXCLUDED.df
            """, new { Terms = terms, Counts = terms.Select(t => _added[t]).ToArray() }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE story_corpus SET documents = documents + @Added", new { Added = _documentsAdded }, tx, cancellationToken: ct));
    }
}
