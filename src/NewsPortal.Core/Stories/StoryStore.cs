using Dapper;
using NewsPortal.Core.Storage;
using Npgsql;

namespace NewsPortal.Core.Stories;

/// <summary>One account of a story (<see cref="StoryStore.IsAccount"/>), with its outlet and time (published, else captured, else ingested).</summary>
public sealed record StoryAccount(long Id, string Title, string Summary, long? SourceId, string? SourceName, DateTimeOffset? PublishedAt);

/// <summary>
/// An article's story as its page shows it: the other accounts, other outlets first, then
/// accounts of related stories (alike, but not enough to be told as the same event).
/// </summary>
public sealed record StorySidebar(long? StoryId, int ArticleCount, int OutletCount, IReadOnlyList<StoryAccount> Accounts, IReadOnlyList<StoryAccount> Related)
{
    public static readonly StorySidebar None = new(null, 0, 0, [], []);
}

/// <summary>A story row; <see cref="MergedInto"/> is set when it was merged into another.</summary>
public sealed record StoryRow(long Id, long? MergedInto, bool Locked, int ArticleCount, int OutletCount,
    DateTimeOffset? FirstPublishedAt, DateTimeOffset? LastPublishedAt);

/// <summary>
/// A story's page: every account on a timeline, earliest first, and the account whose title heads
/// it (<see cref="StoryStore.GetAsync"/>); null only when the story has no account.
/// </summary>
public sealed record StoryPage(StoryRow Story, IReadOnlyList<StoryAccount> Accounts, StoryAccount? Headline);

/// <summary>What readers see of stories: an article's sidebar, a story's page and feed.</summary>
public sealed class StoryStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// SQL condition: the article <paramref name="a"/> is an account of its story. It is published,
    /// and it is not a second copy of its own outlet's article (the same item archived twice). A
    /// near-copy from another outlet is an account: 联合早报 running Reuters' text is one more
    /// outlet telling the event, and readers are told of it like any other.
    /// </summary>
    internal static string IsAccount(string a) =>
        $"({a}.status = 'published' AND ({a}.duplicate_of IS NULL OR NOT EXISTS " +
        $"(SELECT 1 FROM articles f WHERE f.id = {a}.duplicate_of AND f.source_id IS NOT DISTINCT FROM {a}.source_id)))";

    /// <summary>SQL condition: <paramref name="a"/> is not the article <paramref name="me"/>'s first copy from its own outlet (the page lists that apart).</summary>
    private static string NotOwnCopy(string a, string me) =>
        $"NOT ({a}.id IS NOT DISTINCT FROM {me}.duplicate_of AND {a}.source_id IS NOT DISTINCT FROM {me}.source_id)";

    /// <summary>
    /// The sidebar: the article's most alike accounts (<c>article_likeness</c>, both sides: two index
    /// ranges; weighed down when published far apart, <see cref="LikenessFullHours"/>), those of its
    /// own story first, other outlets before its own, then those of other stories as related coverage; an account less alike than <see cref="LikenessShare"/> of the best
    /// is left out, where a story's single-link chain would put other turns of the event (the story
    /// page lists every account), except the story's <see cref="LeastAccounts"/> most alike. Commentary
    /// (<see cref="StoryFeatures.Commentary"/>) is listed after reports and does not set the best: an
    /// analysis of an event shares its names and figures with every report, and above all with an
    /// update of one, which it would otherwise head and cut the event's other reports from. Copies of its own outlet's article are left out (the page lists those
    /// apart); another outlet's near-copy is an account (<see cref="IsAccount"/>). An article without
    /// recorded likeness (placed before it was recorded, or a copy placed with its first copy) lists its
    /// story's accounts, the nearest in time of each outlet first, and related stories' earliest
    /// accounts (<c>story_relations</c>; beside accounts only from <see cref="RelatedBesideAccounts"/>).
    /// One statement, a few index ranges.
    /// </summary>
    public async Task<StorySidebar> SidebarAsync(long articleId, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        using var multi = await connection.QueryMultipleAsync(new CommandDefinition(
            SidebarSql, SidebarParameters(articleId, limit), cancellationToken: ct));
        return await ReadSidebarAsync(multi);
    }

    /// <summary>The sidebar of article <c>@Id</c>, <c>@Limit</c> accounts a section (with <c>@RelatedStories</c>, <c>@PerRelatedStory</c>, <c>@LikenessShare</c>): one statement.</summary>
    internal static readonly string SidebarSql = $"""
        WITH me AS (
            SELECT a.id, a.story_id, a.source_id, a.duplicate_of, a.story_time, st.article_count, st.outlet_count
            FROM articles a JOIN stories st ON st.id = a.story_id WHERE a.id = @Id),
        alike AS (
            SELECT a.id, a.title, a.summary, a.source_id, a.story_time, a.story_id,
                   l.score * CASE WHEN a.id = me.duplicate_of OR a.duplicate_of = me.id OR a.duplicate_of = me.duplicate_of THEN 1
                       ELSE exp(-least(50, greatest(0, abs(extract(epoch FROM a.story_time - me.story_time)) - @LikenessFullSeconds)
                                           / @LikenessDecaySeconds))::float8 END AS score,
                   a.source_id IS NOT DISTINCT FROM me.source_id AS own_outlet, a.story_commentary AS commentary
            FROM me CROSS JOIN LATERAL (
                SELECT other_id AS id, score FROM article_likeness WHERE article_id = me.id
                UNION ALL
                SELECT article_id, score FROM article_likeness WHERE other_id = me.id) l
            JOIN articles a ON a.id = l.id
            WHERE {IsAccount("a")}
              AND {NotOwnCopy("a", "me")}),
        least AS (SELECT coalesce(max(score) FILTER (WHERE NOT commentary), max(score)) * @LikenessShare AS score FROM alike),
        same AS (
            SELECT 0 AS section, mine.id, mine.title, mine.summary, mine.source_id, mine.story_time,
                   0::bigint AS outlet_rank, mine.own_outlet, mine.commentary, mine.score, 0::numeric AS distance
            FROM (SELECT alike.*, row_number() OVER (ORDER BY alike.score DESC, alike.id) AS likeness_rank
                  FROM me JOIN alike ON alike.story_id = me.story_id) mine
            WHERE mine.score >= (SELECT score FROM least) OR mine.likeness_rank <= @LeastAccounts
            UNION ALL
            SELECT 0, a.id, a.title, a.summary, a.source_id, a.story_time,
                   row_number() OVER (PARTITION BY a.source_id ORDER BY abs(extract(epoch FROM a.story_time - me.story_time)), a.id),
                   a.source_id IS NOT DISTINCT FROM me.source_id, a.story_commentary, 0::real,
                   abs(extract(epoch FROM a.story_time - me.story_time))
            FROM me JOIN articles a ON a.story_id = me.story_id
            WHERE NOT EXISTS (SELECT 1 FROM alike)
              AND a.id <> me.id AND {IsAccount("a")}
              AND {NotOwnCopy("a", "me")}),
        related AS (
            SELECT r.related_story_id, r.score FROM me JOIN story_relations r ON r.story_id = me.story_id
            WHERE NOT EXISTS (SELECT 1 FROM alike)
              AND r.score >= CASE WHEN EXISTS (SELECT 1 FROM same) THEN @RelatedBesideAccounts ELSE 0 END
            ORDER BY r.score DESC, r.related_story_id LIMIT @RelatedStories),
        related_accounts AS (
            SELECT 1 AS section, alike.id, alike.title, alike.summary, alike.source_id, alike.story_time,
                   0::bigint AS outlet_rank, false AS own_outlet, alike.commentary, alike.score, 0::numeric AS distance
            FROM me JOIN alike ON alike.story_id <> me.story_id
            WHERE alike.score >= (SELECT score FROM least)
            UNION ALL
            SELECT 1, x.id, x.title, x.summary, x.source_id, x.story_time, x.outlet_rank, false, x.story_commentary, related.score, 0::numeric
            FROM related CROSS JOIN LATERAL (
                SELECT a.id, a.title, a.summary, a.source_id, a.story_time, a.story_commentary, row_number() OVER (ORDER BY a.story_time, a.id) AS outlet_rank
                FROM articles a
                WHERE a.story_id = related.related_story_id AND {IsAccount("a")}
                ORDER BY a.story_time, a.id LIMIT @PerRelatedStory) x),
        shown AS (
            (SELECT * FROM same ORDER BY own_outlet, commentary, score DESC, outlet_rank, distance, id LIMIT @Limit)
            UNION ALL
            (SELECT * FROM related_accounts ORDER BY commentary, score DESC, outlet_rank, story_time, id LIMIT @RelatedAccounts))
        SELECT me.story_id, me.article_count, me.outlet_count, shown.section, shown.id, shown.title, shown.summary,
               shown.source_id, s.name AS source_name, shown.story_time AS published_at
        FROM me LEFT JOIN shown ON true LEFT JOIN sources s ON s.id = shown.source_id
        ORDER BY shown.section, shown.own_outlet, shown.commentary, shown.score DESC, shown.outlet_rank, shown.distance, shown.id
        """;

    /// <summary>The parameters of <see cref="SidebarSql"/>; ArticlePageStore adds its own to them.</summary>
    internal static object SidebarParameters(long articleId, int limit) =>
        new
        {
            Id = articleId, Limit = limit, LeastAccounts, RelatedStories, PerRelatedStory, RelatedBesideAccounts, RelatedAccounts, LikenessShare,
            LikenessFullSeconds = LikenessFullHours * 3600.0, LikenessDecaySeconds = LikenessDecayHours * 3600.0,
        };

    /// <summary>Reads the result of <see cref="SidebarSql"/>.</summary>
    internal static async Task<StorySidebar> ReadSidebarAsync(SqlMapper.GridReader multi)
    {
        var rows = (await multi.ReadAsync<SidebarRow>()).ToList();
        if (rows.Count == 0) return StorySidebar.None;
        StoryAccount Account(SidebarRow r) => new(r.Id!.Value, r.Title!, r.Summary!, r.SourceId, r.SourceName, r.PublishedAt);
        return new StorySidebar(rows[0].StoryId, rows[0].ArticleCount, rows[0].OutletCount,
            [.. rows.Where(r => r is { Id: not null, Section: 0 }).Select(Account)],
            [.. rows.Where(r => r is { Id: not null, Section: 1 }).Select(Account)]);
    }

    /// <summary>
    /// An account is listed when at least this share as alike to the article as its most alike
    /// account: on both days of the labelled set, accounts much less alike than the best were most
    /// often another turn of the event joined through a chain of accounts (docs/stories.md).
    /// </summary>
    public const double LikenessShare = 0.6;

    /// <summary>
    /// The story's own accounts listed whatever their likeness, the most alike first, when the story
    /// has them: under the share they are still the same story (its precision on the labelled set is
    /// 0.96), while what the slots would otherwise hold, related coverage, tells the same event about
    /// three times in four. Sidebar R@3 rose by 0.02–0.04 on each day of the labelled set and P@3
    /// held (docs/stories.md).
    /// </summary>
    public const int LeastAccounts = 3;

    /// <summary>
    /// The sidebar weighs recorded likeness by how far apart the two accounts were published: in
    /// full up to <see cref="LikenessFullHours"/>, then falling by e every <see cref="LikenessDecayHours"/>.
    /// Accounts of one event come within hours; a day later the same names are most often the
    /// event's next turn (the arrival, then the meeting; one day's case count, then the next), which
    /// the story's own window of days (StorySettings.FullDays) keeps together. On both days of the
    /// labelled set together P@3 rose by 0.02 and R@3 by 0.01; each day alone moved by at most 0.01
    /// (docs/stories.md).
    /// </summary>
    /// <remarks>Copies of one text are not weighed so: whatever dates their outlets gave them, they tell
    /// the same thing. The fall stops at e^−50 (some 100 days on): PostgreSQL's <c>exp</c> fails where
    /// its result would underflow a double.</remarks>
    public const double LikenessFullHours = 6, LikenessDecayHours = 48;

    /// <summary>How many accounts of other stories the sidebar offers as related coverage.</summary>
    public const int RelatedAccounts = 3;

    /// <summary>Without recorded likeness: how many related stories the sidebar offers, and how many accounts of each.</summary>
    public const int RelatedStories = 2, PerRelatedStory = 1;

    /// <summary>
    /// Without recorded likeness: least score of a related story offered beside the story's own accounts. Alone in its story,
    /// an article offers every related story ingestion recorded (StorySettings.RelatedThreshold);
    /// beside accounts of the same event, a related story is offered only when it nearly joined
    /// (on the tuning day, 0.25–0.30 told the same event two times in three, below that less than
    /// half): a weaker one would stand third after two sure accounts (docs/stories.md).
    /// </summary>
    public const double RelatedBesideAccounts = 0.275;

    private sealed record SidebarRow(long StoryId, int ArticleCount, int OutletCount, int? Section, long? Id, string? Title, string? Summary,
        long? SourceId, string? SourceName, DateTimeOffset? PublishedAt);

    /// <summary>
    /// The story and its published accounts, earliest first; null when there is no such story. Its
    /// headline is the title of the account most alike to the story's other accounts (the sum of its
    /// recorded likeness to them), the earliest among equals: the first report is often a flash or a
    /// rumour (港媒：传黎智英等七人…被拘捕) that the accounts after it tell more surely.
    /// </summary>
    public async Task<StoryPage?> GetAsync(long storyId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var story = await connection.QuerySingleOrDefaultAsync<StoryRow>(new CommandDefinition("""
            SELECT id, merged_into, locked, article_count, outlet_count, first_published_at, last_published_at FROM stories WHERE id = @Id
            """, new { Id = storyId }, cancellationToken: ct));
        if (story is null) return null;
        // Each account with the sum of its recorded likeness to the story's other accounts, in one pass.
        var rows = (await connection.QueryAsync<AccountRow>(new CommandDefinition($"""
            SELECT a.id, a.title, a.summary, a.source_id, s.name AS source_name, a.story_time AS published_at,
                   coalesce(alike.score, 0) AS alike
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id
            LEFT JOIN LATERAL (
                SELECT sum(l.score)::float8 AS score
                FROM (SELECT other_id AS other, score FROM article_likeness WHERE article_id = a.id
                      UNION ALL
                      SELECT article_id, score FROM article_likeness WHERE other_id = a.id) l
                JOIN articles b ON b.id = l.other
                WHERE b.story_id = a.story_id AND {IsAccount("b")}) alike ON true
            WHERE a.story_id = @Id AND {IsAccount("a")}
            ORDER BY a.story_time, a.id
            """, new { Id = storyId }, cancellationToken: ct))).ToList();
        var accounts = rows.Select(r => new StoryAccount(r.Id, r.Title, r.Summary, r.SourceId, r.SourceName, r.PublishedAt)).ToList();
        // MaxBy keeps the first of equals: the earliest, as the rows come in time order.
        var headline = rows.Count == 0 ? null : accounts[Enumerable.Range(0, rows.Count).MaxBy(i => rows[i].Alike)];
        return new StoryPage(story, accounts, headline);
    }

    private sealed record AccountRow(long Id, string Title, string Summary, long? SourceId, string? SourceName, DateTimeOffset? PublishedAt, double Alike);

    /// <summary>A story's accounts with bodies, newest first, for its feed.</summary>
    public async Task<IReadOnlyList<ArticleDetail>> FeedAsync(long storyId, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<ArticleDetail>(new CommandDefinition($"""
            SELECT {ArticleStore.DetailColumns}
            FROM articles a LEFT JOIN sources s ON s.id = a.source_id
            WHERE a.story_id = @Id AND {IsAccount("a")}
            ORDER BY a.listed_at DESC, a.id DESC
            LIMIT @Limit
            """, new { Id = storyId, Limit = limit }, cancellationToken: ct))];
    }
}
