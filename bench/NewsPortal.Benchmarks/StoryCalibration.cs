using System.Globalization;
using Dapper;
using NewsPortal.Core.Stories;
using Npgsql;

namespace NewsPortal.Benchmarks;

/// <summary>
/// How often an article's most similar account in ANOTHER story tells the same labelled event, by
/// score: the evidence for the threshold above which the sidebar may offer other stories as
/// related coverage. Scores use the stored terms and the final document frequencies.
/// </summary>
internal sealed class StoryCalibration(List<StoryCalibration.Row> rows, Dictionary<int, int> df, long documents)
{
    internal sealed class Row
    {
        public long Id { get; init; }
        public long StoryId { get; init; }
        public DateTimeOffset Time { get; init; }
        public int[] StoryTerms { get; init; } = [];
        public short[] StoryWeights { get; init; } = [];
    }

    public static async Task<StoryCalibration> LoadAsync(string connectionString)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        await using var connection = new NpgsqlConnection(connectionString);
        var rows = (await connection.QueryAsync<Row>(
            "SELECT id, story_id, story_time AS time, story_terms, story_weights FROM articles WHERE story_id IS NOT NULL")).ToList();
        var df = (await connection.QueryAsync<(int Term, int Df)>("SELECT term, df FROM story_term_df")).ToDictionary(r => r.Term, r => r.Df);
        var documents = await connection.ExecuteScalarAsync<long>("SELECT documents FROM story_corpus");
        return new StoryCalibration(rows, df, documents);
    }

    public void Print(Dictionary<long, string> clusterOf)
    {
        var settings = StorySettings.Default;
        var scorer = new StoryScorer(settings, t => settings.Idf(documents, df.GetValueOrDefault(t)));
        var features = rows.ToDictionary(r => r.Id, r => new StoryFeatures(r.StoryTerms, r.StoryWeights));
        var norms = features.ToDictionary(f => f.Key, f => scorer.Norm(f.Value));
        var buckets = new SortedDictionary<double, (int Same, int All)>();
        foreach (var a in rows.Where(r => clusterOf.ContainsKey(r.Id)))
        {
            var others = rows.Where(b => b.StoryId != a.StoryId && clusterOf.ContainsKey(b.Id) && Math.Abs((a.Time - b.Time).TotalDays) <= settings.WindowDays)
                .Select(b => (b, Score: scorer.Similarity(features[a.Id], norms[a.Id], features[b.Id], norms[b.Id]) * scorer.TimeFactor(a.Time, b.Time)))
                .ToList();
            if (others.Count == 0) continue;
            var best = others.MaxBy(x => x.Score);
            var bucket = Math.Floor(best.Score * 20) / 20;
            var (same, all) = buckets.GetValueOrDefault(bucket);
            buckets[bucket] = (same + (clusterOf[a.Id] == clusterOf[best.b.Id] ? 1 : 0), all + 1);
        }
        Console.WriteLine("\nmost similar account in another story, by score: how often it is the same labelled event");
        foreach (var (bucket, (same, all)) in buckets.Reverse())
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bucket:F2}-{bucket + 0.05:F2}: {same,3} of {all,3} same event ({100.0 * same / all:F0} %)"));
    }
}
