using Dapper;
using NewsPortal.Core.Text;
using Npgsql;

namespace NewsPortal.Core.Storage;

public sealed record RelatedArticle(long Id, string Title, string? SourceName, DateTimeOffset? PublishedAt, double Score);

/// <summary>
/// Articles telling the same story as a given one, most similar first. The GIN index on the
/// sketches finds candidates sharing at least one sketch element; the sketches then rank them.
/// Linked copies of an earlier article are not offered, nor the first copy of the article's own
/// text (its page already links there).
/// </summary>
public sealed class RelatedArticlesQuery(NpgsqlDataSource dataSource)
{
    // Below this estimated Jaccard similarity two articles share words, not a story.
    public const double MinimumScore = 0.04;
    private const int CandidateLimit = 400;

    private sealed record Candidate(long Id, string Title, string? SourceName, DateTimeOffset? PublishedAt, int[] SimilaritySketch);

    public async Task<IReadOnlyList<RelatedArticle>> FindAsync(long articleId, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (sketch, firstCopy) = await connection.QuerySingleOrDefaultAsync<(int[]? Sketch, long? FirstCopy)>(new CommandDefinition(
            "SELECT similarity_sketch, duplicate_of FROM articles WHERE id = @Id", new { Id = articleId }, cancellationToken: ct));
        if (sketch is null || sketch.Length == 0) return [];
        var candidates = await connection.QueryAsync<Candidate>(new CommandDefinition("""
            SELECT a.id, a.title, s.name AS source_name, a.published_at, a.similarity_sketch
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.similarity_sketch && @Sketch AND a.id <> @Id AND a.status = 'published'
              AND a.duplicate_of IS NULL AND a.id IS DISTINCT FROM @FirstCopy::bigint
            ORDER BY a.listed_at DESC
            LIMIT @CandidateLimit
            """, new { Id = articleId, Sketch = sketch, FirstCopy = firstCopy, CandidateLimit }, cancellationToken: ct));
        return [.. candidates
            .Select(c => new RelatedArticle(c.Id, c.Title, c.SourceName, c.PublishedAt, BigramSketch.Similarity(sketch, c.SimilaritySketch)))
            .Where(r => r.Score >= MinimumScore)
            .OrderByDescending(r => r.Score).ThenByDescending(r => r.PublishedAt)
            .Take(limit)];
    }
}
