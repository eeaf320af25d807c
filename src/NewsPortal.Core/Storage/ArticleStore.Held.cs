using Dapper;
using Npgsql;

namespace NewsPortal.Core.Storage;

public sealed partial class ArticleStore
{
    // Two more results of the upsert's first round trip: which of the batch's articles an editor
    // changed (with the source version already waiting for the editor, if one is), and which of its
    // outlets hold new items for review.
    private const string HeldStateSql = """
        SELECT a.identity_key, p.article_id IS NOT NULL AS waiting, COALESCE(p.source_updated_at, p.published_at) AS source_at,
               p.captured_at, p.input_modified_at, p.content_hash, p.input_path
        FROM articles a LEFT JOIN article_source_pending p ON p.article_id = a.id
        WHERE a.identity_key = ANY(@Keys) AND a.desk_edited_at IS NOT NULL;
        SELECT id FROM sources WHERE hold_for_review AND id = ANY(@SourceIds);
        """;

    /// <param name="DeskEdited">Identity keys of articles an editor changed, each with the version waiting for the editor (null when none is).</param>
    /// <param name="HeldSources">Outlets whose new items go to the review queue.</param>
    private sealed record HeldState(IReadOnlyDictionary<string, ArticleVersion?> DeskEdited, IReadOnlySet<long> HeldSources);

    private static async Task<HeldState> ReadHeldStateAsync(SqlMapper.GridReader multi)
    {
        var edited = (await multi.ReadAsync<(string Key, bool Waiting, DateTimeOffset? SourceAt, DateTimeOffset? CapturedAt, DateTimeOffset? ModifiedAt, string? ContentHash, string? InputPath)>())
            .ToDictionary(r => r.Key, r => r.Waiting ? new ArticleVersion(r.SourceAt, r.CapturedAt, r.ModifiedAt, r.ContentHash!, r.InputPath!) : null);
        var held = (await multi.ReadAsync<long>()).ToHashSet();
        return new HeldState(edited, held);
    }

    // The source's newer version of an article an editor changed: kept beside the article, which
    // readers keep seeing as the editor left it. The guard is the order of copies against the version
    // already waiting, should another run have written a newer one meanwhile. Rare (only articles an
    // editor touched), so one statement per article; tags are arrays, which unnest() cannot carry per row.
    private static async Task WritePendingAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<ArticleWrite> writes,
        List<(int Index, long ArticleId)> pending, CancellationToken ct)
    {
        foreach (var (i, articleId) in pending)
        {
            var w = writes[i];
            var a = w.Article;
            await connection.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO article_source_pending AS p (article_id, title, summary, body_html, body_text, tags, content_hash,
                    published_at, source_updated_at, captured_at, input_modified_at, input_path, input_format, ingest_run_id)
                VALUES (@ArticleId, @Title, @Summary, @BodyHtml, @BodyText, @Tags, @ContentHash,
                    @PublishedAt, @UpdatedAt, @CapturedAt, @ModifiedAt, @InputPath, @InputFormat, @RunId)
                ON CONFLICT (article_id) DO UPDATE SET title = EXCLUDED.title, summary = EXCLUDED.summary,
                    body_html = EXCLUDED.body_html, body_text = EXCLUDED.body_text, tags = EXCLUDED.tags,
                    content_hash = EXCLUDED.content_hash, published_at = EXCLUDED.published_at,
                    source_updated_at = EXCLUDED.source_updated_at, captured_at = EXCLUDED.captured_at,
                    input_modified_at = EXCLUDED.input_modified_at, input_path = EXCLUDED.input_path,
                    input_format = EXCLUDED.input_format, ingest_run_id = EXCLUDED.ingest_run_id, received_at = now()
                WHERE {Replaces("EXCLUDED", "p")}
                """, new
            {
                ArticleId = articleId, a.Title, a.Summary, a.BodyHtml, a.BodyText, Tags = a.Tags.ToArray(), w.ContentHash,
                PublishedAt = a.PublishedAt?.UtcDateTime, UpdatedAt = a.UpdatedAt?.UtcDateTime, CapturedAt = a.CapturedAt?.UtcDateTime,
                ModifiedAt = w.InputModifiedAt?.UtcDateTime, w.InputPath, w.InputFormat, RunId = w.IngestRunId,
            }, tx, cancellationToken: ct));
        }
    }
}
