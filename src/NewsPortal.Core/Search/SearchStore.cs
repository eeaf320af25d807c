using System.Text;
using Dapper;
using Npgsql;
using NewsPortal.Core.Storage;

namespace NewsPortal.Core.Search;

/// <summary>Which articles a search looks at besides its terms.</summary>
public sealed record SearchFilters(long? SourceId = null, Articles.Section? Section = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null, bool ByTime = false);

/// <summary>A found article: its list entry, a stretch of its text around the first match, and its score.</summary>
public sealed record SearchHit(ArticleListItem Item, string Snippet, double Score, bool SnippetCut = false);

/// <summary>One page of results; <see cref="Next"/> null on the last; <see cref="WindowFull"/>: relevance ranked only the newest <see cref="SearchStore.RankedWindow"/> matches.</summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, SearchCursor? Next, bool WindowFull);

/// <summary>
/// Reader search over <c>article_search</c>. An article matches when its keys contain every key of
/// the query (GIN) and each term that needs it occurs as written (normalised). By relevance, the
/// newest <see cref="RankedWindow"/> matches are scored — a term in the title counts most, one in the
/// lead next — and the score is divided by age (a month-old match weighs half); by time, every
/// match is listed newest first. Matches are found month by month, newest first, each month through
/// its own keys' posting lists (<see cref="Months"/>), and the walk stops when it has enough.
/// </summary>
public sealed class SearchStore(NpgsqlDataSource dataSource)
{
    public const int RankedWindow = 200;

    /// <summary>The most months one search walks (50 years); older ones are not searched.</summary>
    public const int MaxMonths = 600;
    public const int SnippetBefore = 30;
    public const int SnippetLength = 140;

    private sealed record Row(
        long Id, string Title, string Summary, DateTimeOffset? PublishedAt, DateTimeOffset ListedAt,
        long? SourceId, string? SourceName, string Status, long? DuplicateOf, long? StoryId, int StoryArticles, int StoryOutlets,
        string Snippet, double Score, long Matched, int Hit);

    public async Task<SearchPage> SearchAsync(SearchQuery query, SearchFilters filters, SearchCursor? after, int limit, DateTimeOffset now, CancellationToken ct)
    {
        if (query.IsEmpty) return new SearchPage([], null, false);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var scoredAt = after?.ScoredAt ?? now;
        if (await BuildAsync(connection, query, filters, after, limit, scoredAt, ct) is not { } built) return new SearchPage([], null, false);
        var (sql, parameters) = built;

        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Settings, transaction: tx, cancellationToken: ct));
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, tx, cancellationToken: ct))).ToList();
        var windowFull = rows.Count > 0 && rows[0].Matched >= RankedWindow;
        await tx.CommitAsync(ct);

        var hits = rows.Take(limit).Select(r => new SearchHit(
            new ArticleListItem(r.Id, r.Title, r.Summary, r.PublishedAt, r.ListedAt, r.SourceId, r.SourceName, r.Status, r.DuplicateOf, r.StoryId, r.StoryArticles, r.StoryOutlets),
            // Line breaks as spaces: one character for one, so marks still fall where they were found.
            r.Snippet.Replace('\n', ' ').Replace('\r', ' '), r.Score, r.Hit > SnippetBefore + 1)).ToList();
        var next = rows.Count > limit ? new SearchCursor(scoredAt, hits[^1].Score, hits[^1].Item.ListedAt, hits[^1].Item.Id) : null;
        return new SearchPage(hits, next, windowFull);
    }

    /// <summary>
    /// The search's one statement and its parameters; null when the index holds no month the filters
    /// allow. Shared by <see cref="SearchAsync"/> and <see cref="ExplainAsync"/>, so the plan printed
    /// is the plan run.
    /// </summary>
    private static async Task<(string Sql, DynamicParameters Parameters)?> BuildAsync(NpgsqlConnection connection, SearchQuery query,
        SearchFilters filters, SearchCursor? after, int limit, DateTimeOffset scoredAt, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Limit", limit + 1);
        parameters.Add("Window", RankedWindow);
        parameters.Add("Now", scoredAt.UtcDateTime);

        // Conditions on the search row (s) and on the article (a) apart: a month's candidates are put in
        // time order on their search rows alone, and only as many are joined to articles as the page needs.
        var where = new StringBuilder("TRUE");
        var articleWhere = new StringBuilder("a.status = 'published' AND a.duplicate_of IS NULL");
        for (var i = 0; i < query.Terms.Count; i++)
        {
            parameters.Add($"T{i}", query.Terms[i].Text);
            if (query.Terms[i].NeedsCheck) where.Append($" AND (strpos(s.title, @T{i}) > 0 OR strpos(s.body, @T{i}) > 0)");
        }
        if (filters.SourceId is { } source)
        {
            articleWhere.Append(" AND a.source_id = @SourceId");
            parameters.Add("SourceId", source);
        }
        if (filters.Section is { } section)
        {
            articleWhere.Append(" AND article_section(a.language) = @Section");
            parameters.Add("Section", (short)section);
        }
        if (filters.Since is { } since)
        {
            where.Append(" AND s.listed_at >= @Since");
            parameters.Add("Since", since.UtcDateTime);
        }
        if (filters.Until is { } until)
        {
            where.Append(" AND s.listed_at < @Until");
            parameters.Add("Until", until.UtcDateTime);
        }

        var inTitle = string.Join(" + ", query.Terms.Select((_, i) => $"(strpos(t.title, @T{i}) > 0)::int"));
        var inLead = string.Join(" + ", query.Terms.Select((_, i) => $"(strpos(left(t.body, 200), @T{i}) > 0)::int"));
        var firstInBody = string.Join(", ", query.Terms.Select((_, i) => $"nullif(strpos(t.body, @T{i}), 0)"));
        // Relevance: (1 + 2 per term in the title + 1 per term in the lead) / (1 + age in months).
        var score = $"(1 + 2 * ({inTitle}) + ({inLead}))::float8 / (1 + greatest(0, extract(epoch FROM @Now::timestamptz - m.listed_at)) / 2592000.0)";
        if (after is not null)
        {
            parameters.Add("AfterScore", after.Score);
            parameters.Add("AfterAt", after.ListedAt.UtcDateTime);
            parameters.Add("AfterId", after.Id);
        }
        // The months to walk: those the index holds, within the filters' dates and before the cursor (by time).
        var held = await connection.QuerySingleAsync<(DateTime? Oldest, DateTime? Newest)>(new CommandDefinition(
            "SELECT (SELECT listed_at FROM article_search ORDER BY listed_at LIMIT 1), (SELECT listed_at FROM article_search ORDER BY listed_at DESC LIMIT 1)",
            cancellationToken: ct));
        if (held.Oldest is not { } oldest || held.Newest is not { } newest) return null;
        var newestBucket = SearchText.BucketOf(new DateTimeOffset(newest, TimeSpan.Zero));
        var oldestBucket = SearchText.BucketOf(new DateTimeOffset(oldest, TimeSpan.Zero));
        if (filters.Until is { } before) newestBucket = Math.Min(newestBucket, SearchText.BucketOf(before.AddTicks(-1)));
        if (filters.ByTime && after is not null) newestBucket = Math.Min(newestBucket, SearchText.BucketOf(after.ListedAt));
        if (filters.Since is { } from) oldestBucket = Math.Max(oldestBucket, SearchText.BucketOf(from));
        if (newestBucket < oldestBucket) return null;
        var range = (Newest: newestBucket, Oldest: Math.Max(oldestBucket, newestBucket - MaxMonths + 1));

        string sql;
        if (filters.ByTime)
        {
            // Newest first from the cursor: the bound sits inside each month's look-up, which then stops at the page's end.
            if (after is not null) where.Append(" AND (s.listed_at, s.article_id) < (@AfterAt, @AfterId)");
            sql = $"""
                WITH m AS MATERIALIZED ({Months(query, where.ToString(), articleWhere.ToString(), range, parameters, "@Limit")}),
                p AS (SELECT m.id, m.listed_at, {score} AS score, coalesce({firstInBody}, 0) AS hit, 0::bigint AS matched
                      FROM m JOIN article_search t ON t.article_id = m.id)
                {Select} ORDER BY p.listed_at DESC, p.id DESC
                """;
        }
        else
        {
            var bound = after is null ? "" : "WHERE (r.score, r.listed_at, r.id) < (@AfterScore, @AfterAt, @AfterId)";
            sql = $"""
                WITH m AS MATERIALIZED ({Months(query, where.ToString(), articleWhere.ToString(), range, parameters, "@Window")}),
                r AS (SELECT m.id, m.listed_at, {score} AS score, coalesce({firstInBody}, 0) AS hit FROM m JOIN article_search t ON t.article_id = m.id),
                p AS (SELECT r.*, (SELECT count(*) FROM m) AS matched FROM r {bound} ORDER BY r.score DESC, r.listed_at DESC, r.id DESC LIMIT @Limit)
                {Select} ORDER BY p.score DESC, p.listed_at DESC, p.id DESC
                """;
        }
        return (sql, parameters);
    }

    /// <summary>The plan PostgreSQL makes for this search (<c>EXPLAIN</c>, costs left out): what the benchmark prints.</summary>
    public async Task<IReadOnlyList<string>> ExplainAsync(SearchQuery query, SearchFilters filters, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (query.IsEmpty || await BuildAsync(connection, query, filters, null, 20, DateTimeOffset.UtcNow, ct) is not { } built) return [];
        var (sql, parameters) = built;
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Settings, transaction: tx, cancellationToken: ct));
        return [.. await connection.QueryAsync<string>(new CommandDefinition("EXPLAIN (COSTS OFF) " + sql, parameters, tx, cancellationToken: ct))];
    }

    // A runaway query (a pathological mix of common keys and a rare phrase) ends as an error the page
    // explains, not as a connection held for minutes. No JIT: the plan's cost, summed over up to 600
    // months, is far past jit_above_cost, and compiling cost 30-40 ms a search that runs in 5-50.
    private const string Settings = "SET LOCAL statement_timeout = '5s'; SET LOCAL jit = off";

    /// <summary>
    /// The matching step, month by month newest first, as one statement with one plan: for each
    /// month (a list, newest first) a LATERAL look-up with that month's keys within the month's time
    /// range, limited; the whole stops as soon as it has <paramref name="limit"/>, so older months
    /// are never read. A common word is answered from the newest month; a rare one reads each month's
    /// short posting lists. Gives each match's id and list time; the caller reads the text it scores.
    /// </summary>
    private static string Months(SearchQuery query, string where, string articleWhere, (int Newest, int Oldest) range,
        DynamicParameters parameters, string limit)
    {
        // Each month's keys are mixed here (SearchText.InBucket, as the indexer mixes them) and passed
        // as one flat array, month after month, that the look-up slices; so are the month's bounds.
        // Mixed in SQL instead (search_keys_in_month, search_month_start: SQL functions the planner
        // cannot inline) they cost 0.5-1 ms a month and microseconds a candidate row: more than the
        // month's look-up itself, and most of a rare word's time over 60 months.
        var keys = query.Keys;
        var months = new int[range.Newest - range.Oldest + 1];
        var starts = new DateTime[months.Length];
        var ends = new DateTime[months.Length];
        var monthKeys = new int[months.Length * keys.Length];
        for (var i = 0; i < months.Length; i++)
        {
            months[i] = range.Newest - i;
            starts[i] = SearchText.BucketStart(months[i]).UtcDateTime;
            ends[i] = SearchText.BucketStart(months[i] + 1).UtcDateTime;
            SearchText.InBucket(keys, months[i]).CopyTo(monthKeys, i * keys.Length);
        }
        parameters.Add("MonthStarts", starts);
        parameters.Add("MonthEnds", ends);
        parameters.Add("MonthKeys", monthKeys);
        parameters.Add("KeyCount", keys.Length);
        // Inside a month: the candidates in time order on their search rows alone (narrow rows, sorted
        // in memory; OFFSET 0 keeps PostgreSQL from folding the join below the sort), then joined to
        // articles in that order until the limit. Joining first read every candidate's article: a word
        // in most articles joined a whole month (16,000 look-ups) to keep 200.
        return $"""
            SELECT x.* FROM unnest(@MonthStarts::timestamptz[], @MonthEnds::timestamptz[]) WITH ORDINALITY AS b(since, until, i)
            CROSS JOIN LATERAL (
                SELECT c.id, c.listed_at
                FROM (
                    SELECT s.article_id AS id, s.listed_at
                    FROM article_search s
                    WHERE s.keys @> (@MonthKeys::integer[])[(b.i - 1) * @KeyCount + 1 : b.i * @KeyCount]
                      -- The month's keys find only its articles (a hash collision aside, which this check drops);
                      -- written so it cannot use the time index: reading a whole month's range of it to AND
                      -- with a rare word's few postings costs more than sorting the word's matches.
                      AND s.listed_at + interval '0 s' >= b.since AND s.listed_at + interval '0 s' < b.until
                      AND {where}
                    ORDER BY s.listed_at DESC, s.article_id DESC
                    OFFSET 0) c
                JOIN articles a ON a.id = c.id
                WHERE {articleWhere}
                ORDER BY c.listed_at DESC, c.id DESC
                LIMIT {limit}) x
            LIMIT {limit}
            """;
    }

    // The searched text is the summary, a line break and the body (SearchIndexer.Document), and a
    // match's offset is in it. Most summaries are the body's own opening (a feed item's first
    // paragraph, cut short): a snippet across the two showed that opening twice, so then it is cut
    // from the body alone, where the match stands at the same place or one summary further back.
    private const string SummaryOpensBody = "starts_with(a.body_text, rtrim(a.summary, '…'))";
    private const string InBody = "(p.hit > length(a.summary) + 1)";
    private static readonly string Select = $"""
        SELECT a.id, a.title, a.summary, a.published_at, a.listed_at, a.source_id, src.name AS source_name, a.status, a.duplicate_of,
               a.story_id, coalesce(st.article_count, 0) AS story_articles, coalesce(st.outlet_count, 0) AS story_outlets,
               CASE WHEN {SummaryOpensBody}
                    THEN substr(a.body_text, greatest(p.hit - CASE WHEN {InBody} THEN length(a.summary) + 1 ELSE 0 END - {SnippetBefore}, 1), {SnippetLength})
                    ELSE substr(a.summary || E'\n' || a.body_text, greatest(p.hit - {SnippetBefore}, 1), {SnippetLength}) END AS snippet,
               p.score, p.matched,
               CASE WHEN {SummaryOpensBody} AND {InBody} THEN p.hit - length(a.summary) - 1 ELSE p.hit END AS hit
        FROM p JOIN articles a ON a.id = p.id
        LEFT JOIN sources src ON src.id = a.source_id LEFT JOIN stories st ON st.id = a.story_id
        """;
}
