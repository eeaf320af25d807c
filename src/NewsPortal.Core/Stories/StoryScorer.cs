namespace NewsPortal.Core.Stories;

/// <summary>An article already in a story, as assignment compares a new one with it.</summary>
public sealed record StoryCandidate(long ArticleId, long StoryId, long? SourceId, DateTimeOffset Time, StoryFeatures Features, bool StoryLocked);

/// <summary>
/// Where an article goes: the story to join (null: a story of its own), its score, other stories
/// it bridges, to be merged into the one joined, other stories close enough to be offered as
/// related coverage, with their scores, and the candidates most alike to it, with their scores
/// (at least <see cref="StorySettings.LikenessThreshold"/>, most alike first).
/// </summary>
public sealed record StoryChoice(long? StoryId, double Score, IReadOnlyList<long> Merge, IReadOnlyList<(long StoryId, double Score)> Related,
    IReadOnlyList<(long ArticleId, double Score)> Alike);

/// <summary>
/// The decision of story assignment, pure: an article joins the story of the account it is most
/// like, when that likeness clears <see cref="StorySettings.JoinThreshold"/>. Likeness is the cosine
/// of the two articles' term weights times inverse document frequency (names carry the event, 表示
/// and 中国 do not), damped by the time between them: an event lives for days, not years.
/// </summary>
public sealed class StoryScorer(StorySettings settings, Func<int, double> idf)
{
    // Assignment's counts, read by term id: the same figures as idf, without a hash look-up per term.
    private readonly StoryTermFrequencies? _frequencies;

    internal StoryScorer(StorySettings settings, StoryTermFrequencies frequencies) : this(settings, frequencies.Idf) =>
        _frequencies = frequencies;

    public StorySettings Settings => settings;

    /// <summary>The length of an article's weighted term vector, for <see cref="Similarity"/>.</summary>
    public double Norm(StoryFeatures f)
    {
        var sum = 0.0;
        var ids = _frequencies?.Ids(f);
        for (var i = 0; i < f.Terms.Length; i++)
        {
            var w = f.Weights[i] * IdfAt(f, ids, i);
            sum += w * w;
        }
        return Math.Sqrt(sum);
    }

    /// <summary>Cosine similarity of two articles' weighted terms (0 to 1), without the time damping.</summary>
    public double Similarity(StoryFeatures a, double normA, StoryFeatures b, double normB)
    {
        if (normA == 0 || normB == 0) return 0;
        double dot = 0;
        int i = 0, j = 0;
        var ids = _frequencies?.Ids(a);
        while (i < a.Terms.Length && j < b.Terms.Length)
        {
            var (ta, tb) = (a.Terms[i], b.Terms[j]);
            if (ta < tb) i++;
            else if (tb < ta) j++;
            else
            {
                var w = IdfAt(a, ids, i);
                dot += a.Weights[i] * b.Weights[j] * w * w;
                i++;
                j++;
            }
        }
        return dot / (normA * normB);
    }

    // The inverse document frequency of f's i-th term: by its id when assignment's counts are at hand.
    private double IdfAt(StoryFeatures f, int[]? ids, int i) => ids is null ? idf(f.Terms[i]) : _frequencies!.IdfOfId(ids[i]);

    /// <summary>1 within <see cref="StorySettings.FullDays"/> of each other, then falling by e every <see cref="StorySettings.DecayDays"/>.</summary>
    public double TimeFactor(DateTimeOffset a, DateTimeOffset b)
    {
        var days = Math.Abs((a - b).TotalDays);
        return days <= settings.FullDays ? 1 : Math.Exp(-(days - settings.FullDays) / settings.DecayDays);
    }

    /// <summary>
    /// Whether the candidate is another installment of the article's outlet's series: the same
    /// outlet, titles alike but for their numbers, at least <see cref="StorySettings.SeriesApartHours"/> apart.
    /// </summary>
    public bool IsAnotherInstallment(StoryFeatures features, DateTimeOffset time, long? sourceId, StoryCandidate candidate) =>
        features.Series is { } series && series == candidate.Features.Series && sourceId is not null && candidate.SourceId == sourceId
        && Math.Abs((time - candidate.Time).TotalHours) >= settings.SeriesApartHours;

    public StoryChoice Choose(StoryFeatures features, DateTimeOffset time, IEnumerable<StoryCandidate> candidates, long? sourceId = null)
    {
        var norm = Norm(features);
        if (norm == 0) return new StoryChoice(null, 0, [], [], []);
        // Single link: a story is as close as its closest account. Blending in the mean over its
        // accounts, or combining accounts' scores, moved along the same precision/recall curve
        // (docs/stories.md).
        var best = new Dictionary<long, (double Score, bool Locked)>();
        // Commentary (analysis, opinion, a digest) joins no story and no account joins it: it is related
        // coverage of the events it discusses. Stories are joined by their other accounts only.
        var joinable = new Dictionary<long, (double Score, bool Locked)>();
        var alike = new Dictionary<long, double>();
        foreach (var c in candidates)
        {
            if (IsAnotherInstallment(features, time, sourceId, c)) continue;
            var score = Similarity(features, norm, c.Features, Norm(c.Features)) * TimeFactor(time, c.Time)
                * (sourceId is not null && c.SourceId == sourceId ? settings.SameOutletFactor : 1);
            if (!best.TryGetValue(c.StoryId, out var seen) || score > seen.Score) best[c.StoryId] = (score, c.StoryLocked);
            if (!features.Commentary && !c.Features.Commentary && (!joinable.TryGetValue(c.StoryId, out var was) || score > was.Score))
                joinable[c.StoryId] = (score, c.StoryLocked);
            if (score >= settings.LikenessThreshold && (!alike.TryGetValue(c.ArticleId, out var prior) || score > prior)) alike[c.ArticleId] = score;
        }
        IReadOnlyList<(long, double)> mostAlike = [.. alike.OrderByDescending(a => a.Value).ThenBy(a => a.Key)
            .Take(settings.LikenessPerArticle).Select(a => (a.Key, a.Value))];
        var ranked = joinable.Where(b => b.Value.Score >= settings.JoinThreshold)
            .OrderByDescending(b => b.Value.Score).ThenBy(b => b.Key).ToList();
        var related = best.Where(b => b.Value.Score >= settings.RelatedThreshold && (ranked.Count == 0 || b.Key != ranked[0].Key))
            .OrderByDescending(b => b.Value.Score).ThenBy(b => b.Key).Select(b => (b.Key, b.Value.Score)).ToList();
        if (ranked.Count == 0) return new StoryChoice(null, best.Count == 0 ? 0 : best.Values.Max(v => v.Score), [], related, mostAlike);
        var (storyId, (topScore, topLocked)) = (ranked[0].Key, ranked[0].Value);
        // A late account that tells two stories' event equally well bridges them; a story an editor
        // has shaped is never merged by ingestion.
        var merge = topLocked ? [] : ranked.Skip(1)
            .Where(r => !r.Value.Locked && r.Value.Score >= settings.MergeThreshold)
            .Select(r => r.Key).ToList();
        return new StoryChoice(storyId, topScore, merge, [.. related.Where(r => !merge.Contains(r.Key))], mostAlike);
    }
}
