using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using NewsPortal.Core.Stories;
using NewsPortal.Core.Text;
using Npgsql;
using NpgsqlTypes;

namespace NewsPortal.Benchmarks;

/// <summary>One generated article where the fill put it: what the benchmark checks the stores' answers against.</summary>
internal readonly record struct BenchAccount(long Id, long StoryId, int SourceId, DateTime PublishedAt, long? DuplicateOf,
    bool StoryHead, bool OutletStoryHead, int StorySize);

/// <summary>
/// Fills the reader benchmark's database with N articles in event clusters over 50 outlets. SQL
/// places the events (one <c>stories</c> row each; 60 % a single account, else 2–12 accounts from
/// different outlets within 3 days), their times (5 years for a million articles, proportionally
/// fewer days for fewer), the near-duplicate copies (a tenth of all articles, each in its first
/// copy's story, on another outlet, 10 minutes to 12 hours later), the list heads, the stories'
/// counts, related coverage for about a third of the stories and the articles' recorded likeness, all set-based. Ids follow time,
/// as ingestion gives them. C# then writes each article's own text (accounts of one event share
/// its names, words and one sentence) with the real
/// <see cref="StoryFeatures"/> and <see cref="StoryKeys"/> of it, in one binary COPY: the keys
/// must be the ones <see cref="StoryAssigner"/> looks up, and PL/pgSQL mixes one in about 1.5 µs
/// (230 million of them at a million articles).
/// </summary>
internal static class ReaderCorpus
{
    public const int Outlets = 50;
    private const double DaysPerMillion = 5 * 365.25;
    private static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<BenchAccount[]> FillAsync(NpgsqlDataSource dataSource, int count)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'");
        await connection.ExecuteAsync($"""
            INSERT INTO sources (name, host) SELECT '媒体' || i, 'outlet' || i || '.example.cn' FROM generate_series(1, {Outlets}) i
            """);
        var watch = Stopwatch.StartNew();
        var accounts = await PlaceAsync(connection, count);
        var placed = watch.Elapsed;
        // Indexes are built after the load, from their own definitions: row by row, the ~230 story
        // keys an article puts into a GIN index would dominate the fill.
        var indexes = (await connection.QueryAsync<(string Name, string Definition)>("""
            SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid IN ('articles'::regclass, 'article_band_keys'::regclass)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            """)).ToList();
        foreach (var index in indexes) await connection.ExecuteAsync($"DROP INDEX {index.Name}");
        var df = await CopyArticlesAsync(connection, accounts);
        var copied = watch.Elapsed;
        // The GIN index (story keys) takes longest: built on a second connection, at the server's
        // default maintenance_work_mem, as a REINDEX in service would be, while this one does the rest.
        var gin = indexes.Where(i => i.Definition.Contains("USING gin", StringComparison.Ordinal)).ToList();
        var ginBuilt = Task.Run(async () =>
        {
            await using var second = await dataSource.OpenConnectionAsync();
            foreach (var index in gin) await second.ExecuteAsync(index.Definition, commandTimeout: 0);
            return watch.Elapsed;
        });
        // Near-duplicate band keys are hashes, so nearly unique: 40 an article, in article order as
        // ingestion writes them, which the BRIN index on article_id relies on. (A join with
        // generate_series(1, 40) wrote 40 sweeps over all ids: every BRIN range then spans them all,
        // and replacing 20 articles' keys read the whole table, 0.7 s at a million articles.)
        await connection.ExecuteAsync("""
            INSERT INTO article_band_keys (band_key, article_id)
            SELECT (random() * 9e18)::bigint, id FROM (SELECT id, generate_series(1, 40) FROM articles ORDER BY id) a
            """, commandTimeout: 0);
        // Likeness as placement records it: every article of an event alike to each earlier one,
        // copies too (all on other outlets than their first copy's, so accounts), 0.55–0.90 (within
        // LikenessShare of one another, so the sidebar lists the whole event, as the contemporaries
        // check expects), and the first accounts of related stories alike at their relation's score.
        await connection.ExecuteAsync("""
            INSERT INTO article_likeness (article_id, other_id, score)
            SELECT a.id, b.id, (0.55 + pg_temp.u(a.id * 16 + b.k, 13) * 0.35)::real
            FROM bench_accounts a JOIN bench_accounts b ON b.story_id = a.story_id AND b.id < a.id
            UNION ALL
            SELECT greatest(x.id, y.id), least(x.id, y.id), r.score
            FROM story_relations r
            JOIN bench_accounts x ON x.story_id = r.story_id AND x.k = 0 AND NOT x.is_copy
            JOIN bench_accounts y ON y.story_id = r.related_story_id AND y.k = 0 AND NOT y.is_copy
            WHERE r.story_id < r.related_story_id
            ORDER BY 1, 2
            """, commandTimeout: 0);
        await using (var import = await connection.BeginBinaryImportAsync("COPY story_term_df (term, df) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (term, n) in df) await import.WriteRowAsync(default, term, n);
            await import.CompleteAsync();
        }
        await connection.ExecuteAsync("UPDATE story_corpus SET documents = @Count", new { Count = (long)accounts.Length });
        foreach (var index in indexes.Except(gin)) await connection.ExecuteAsync(index.Definition, commandTimeout: 0);
        var rest = watch.Elapsed;
        var indexed = await ginBuilt;
        var both = watch.Elapsed;
        // VACUUM, not only ANALYZE: it sets the visibility map and hint bits, as autovacuum has in service.
        await connection.ExecuteAsync("VACUUM ANALYZE articles, article_band_keys, article_likeness, stories, story_relations, story_term_df, sources", commandTimeout: 0);
        Console.WriteLine($"filled {accounts.Length:N0} articles in {watch.Elapsed.TotalSeconds:F1} s: events and stories {placed.TotalSeconds:F1} s, " +
            $"articles {(copied - placed).TotalSeconds:F1} s, then the story-key index {(indexed - copied).TotalSeconds:F1} s alongside band keys, " +
            $"term frequencies and the other indexes {(rest - copied).TotalSeconds:F1} s, vacuum {(watch.Elapsed - both).TotalSeconds:F1} s");
        return accounts;
    }

    // Pseudo-random draws are hashes of (what, salt), so a row's draws do not depend on the order rows are made in.
    private static async Task<BenchAccount[]> PlaceAsync(NpgsqlConnection connection, int count)
    {
        var firsts = count - count / 10;
        await connection.ExecuteAsync("""
            CREATE FUNCTION pg_temp.u(x bigint, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE
                AS $$ SELECT ((hashint8extended(x, salt) >> 11) & 9007199254740991)::float8 / 9007199254740992 $$;
            -- Parameters go to INSERT, not CREATE TABLE AS: a utility statement takes none.
            CREATE TEMP TABLE bench_clusters (story_id bigint, size int, t0 timestamptz);
            CREATE TEMP TABLE bench_accounts (id bigint, story_id bigint, size int, k int, t timestamptz, source_id int, is_copy boolean);
            -- 60 % single accounts; else 2–12, fewer the larger (mean 4.65). Cumulative shares of sizes 2..11.
            INSERT INTO bench_clusters
            WITH drawn AS (
                SELECT c, @Start + pg_temp.u(c, 2) * @Days * interval '1 day' AS t0,
                       CASE WHEN u < 0.6 THEN 1 ELSE 2 + (SELECT count(*) FROM unnest('{0.30,0.48,0.60,0.69,0.76,0.82,0.87,0.91,0.945,0.975}'::float8[]) s
                                                           WHERE s <= (u - 0.6) / 0.4)::int END AS size
                FROM generate_series(1, @Clusters) c, LATERAL (SELECT pg_temp.u(c, 1) AS u) d
            ), placed AS (
                SELECT c, size, t0, sum(size) OVER (ORDER BY c) - size AS before FROM drawn
            )
            SELECT row_number() OVER (ORDER BY t0, c) AS story_id, least(size, @Firsts - before)::int AS size, t0
            FROM placed WHERE before < @Firsts;

            -- Outlets base + k·step (mod 50), step prime to 50: an event's accounts come from different outlets.
            INSERT INTO bench_accounts
            WITH firsts AS (
                SELECT c.story_id, c.size, k, c.t0 + CASE WHEN k = 0 THEN interval '0' ELSE pg_temp.u(c.story_id * 16 + k, 5) ^ 2 * interval '3 days' END AS t,
                       1 + (floor(pg_temp.u(c.story_id, 3) * 50)::int
                            + k * ('{1,3,7,9,11,13,17,19,21,23}'::int[])[1 + floor(pg_temp.u(c.story_id, 4) * 10)::int]) % 50 AS source_id
                FROM bench_clusters c, generate_series(0, c.size - 1) k
            ), chosen AS (
                SELECT f.*, row_number() OVER (ORDER BY pg_temp.u(f.story_id * 16 + f.k, 6)) <= @Count - @Firsts AS copied FROM firsts f
            ), accounts AS (
                SELECT story_id, size, k, t, source_id, false AS is_copy FROM chosen
                UNION ALL
                SELECT story_id, size, k, t + interval '10 minutes' + pg_temp.u(story_id * 16 + k, 8) * interval '12 hours',
                       1 + (source_id + floor(pg_temp.u(story_id * 16 + k, 7) * 49)::int) % 50, true
                FROM chosen WHERE copied
            )
            SELECT row_number() OVER (ORDER BY t, story_id, k, is_copy), * FROM accounts;

            -- Counts, span and heads as StoryAggregates keeps them: over published first copies.
            INSERT INTO stories (id, created_at, article_count, outlet_count, first_published_at, last_published_at) OVERRIDING SYSTEM VALUE
            SELECT story_id, min(t), count(*), count(DISTINCT source_id), min(t), max(t) FROM bench_accounts WHERE NOT is_copy GROUP BY story_id;
            SELECT setval(pg_get_serial_sequence('stories', 'id'), (SELECT max(id) FROM stories));

            -- Related coverage (scores between RelatedThreshold and JoinThreshold): 15 % of the stories
            -- relate to one story, or two, begun in the next ~5 days (story ids follow time, about 200
            -- stories a day); with both directions, as StoryRelations writes them, about a third have some.
            WITH pairs AS (
                SELECT c.story_id AS a, least(c.story_id + 1 + floor(pg_temp.u(c.story_id * 4 + j, 10) * 1000)::bigint, m.last) AS b,
                       (0.175 + pg_temp.u(c.story_id * 4 + j, 11) * 0.125)::real AS score
                FROM bench_clusters c, (SELECT max(story_id) AS last FROM bench_clusters) m, generate_series(1, 2) j
                WHERE pg_temp.u(c.story_id, 9) < 0.15 AND (j = 1 OR pg_temp.u(c.story_id, 12) < 0.4))
            INSERT INTO story_relations (story_id, related_story_id, score)
            SELECT a, b, max(score) FROM (SELECT a, b, score FROM pairs UNION ALL SELECT b, a, score FROM pairs) p
            WHERE a <> b GROUP BY a, b ORDER BY a, b;
            """, new { Start, Days = DaysPerMillion * count / 1e6, Clusters = (int)(firsts / 2.46 * 1.2) + 10, Firsts = firsts, Count = count },
            commandTimeout: 0);
        var accounts = new BenchAccount[count];
        var n = 0;
        await using (var command = new NpgsqlCommand("""
            SELECT a.id, a.story_id, a.source_id, a.t, f.id AS duplicate_of,
                   NOT a.is_copy AND row_number() OVER (PARTITION BY a.story_id, a.is_copy ORDER BY a.t DESC, a.id DESC) = 1,
                   NOT a.is_copy AND row_number() OVER (PARTITION BY a.story_id, a.is_copy, a.source_id ORDER BY a.t DESC, a.id DESC) = 1,
                   a.size
            FROM bench_accounts a LEFT JOIN bench_accounts f ON a.is_copy AND NOT f.is_copy AND f.story_id = a.story_id AND f.k = a.k
            ORDER BY a.id
            """, connection) { CommandTimeout = 0 })
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                accounts[n++] = new BenchAccount(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetDateTime(3),
                    reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.GetBoolean(5), reader.GetBoolean(6), reader.GetInt32(7));
        if (n != count) throw new InvalidOperationException($"placed {n} articles, not {count}: draw more clusters");
        return accounts;
    }

    private sealed record Row(BenchAccount Account, ArticleText Text, StoryFeatures Features, int[] Keys);

    // Made on the thread pool in chunks while this thread streams the previous chunk to PostgreSQL.
    private static async Task<Dictionary<int, int>> CopyArticlesAsync(NpgsqlConnection connection, BenchAccount[] accounts)
    {
        var chunks = Channel.CreateBounded<Row[]>(2);
        var producer = Task.Run(async () =>
        {
            for (var start = 0; start < accounts.Length; start += 4096)
            {
                var rows = new Row[Math.Min(4096, accounts.Length - start)];
                Parallel.For(0, rows.Length, j => rows[j] = Make(accounts[start + j]));
                await chunks.Writer.WriteAsync(rows);
            }
            chunks.Writer.Complete();
        });
        var df = new Dictionary<int, int>();
        await using (var import = await connection.BeginBinaryImportAsync("""
            COPY articles (id, source_id, identity_key, title, summary, body_html, body_text, published_at, listed_at, content_hash,
                           input_path, input_format, duplicate_of, story_id, story_head, outlet_story_head,
                           story_terms, story_weights, story_keys) FROM STDIN (FORMAT BINARY)
            """))
        {
            import.Timeout = TimeSpan.Zero;
            await foreach (var rows in chunks.Reader.ReadAllAsync())
                foreach (var (a, text, features, keys) in rows)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(a.Id, NpgsqlDbType.Bigint);
                    await import.WriteAsync((long)a.SourceId, NpgsqlDbType.Bigint);
                    await import.WriteAsync("bench:" + a.Id, NpgsqlDbType.Text);
                    await import.WriteAsync(text.Title, NpgsqlDbType.Text);
                    await import.WriteAsync(text.Summary, NpgsqlDbType.Text);
                    await import.WriteAsync(text.BodyHtml, NpgsqlDbType.Text);
                    await import.WriteAsync(text.BodyText, NpgsqlDbType.Text);
                    await import.WriteAsync(a.PublishedAt, NpgsqlDbType.TimestampTz);
                    await import.WriteAsync(a.PublishedAt, NpgsqlDbType.TimestampTz);
                    await import.WriteAsync("bench:" + a.Id, NpgsqlDbType.Text);
                    await import.WriteAsync("bench", NpgsqlDbType.Text);
                    await import.WriteAsync("bench", NpgsqlDbType.Text);
                    await import.WriteAsync(a.DuplicateOf, NpgsqlDbType.Bigint);
                    await import.WriteAsync(a.StoryId, NpgsqlDbType.Bigint);
                    await import.WriteAsync(a.StoryHead, NpgsqlDbType.Boolean);
                    await import.WriteAsync(a.OutletStoryHead, NpgsqlDbType.Boolean);
                    await import.WriteAsync(features.Terms, NpgsqlDbType.Array | NpgsqlDbType.Integer);
                    await import.WriteAsync(features.Weights, NpgsqlDbType.Array | NpgsqlDbType.Smallint);
                    await import.WriteAsync(keys, NpgsqlDbType.Array | NpgsqlDbType.Integer);
                    foreach (var term in features.Terms) df[term] = df.GetValueOrDefault(term) + 1;
                }
            await import.CompleteAsync();
        }
        await producer;
        await connection.ExecuteAsync("SELECT setval(pg_get_serial_sequence('articles', 'id'), @Max)", new { Max = (long)accounts.Length });
        return df;
    }

    // A copy repeats its first copy's text (same seed) under a repost line.
    private static Row Make(BenchAccount a)
    {
        var text = ArticleText.Account(a.StoryId, a.DuplicateOf ?? a.Id, minChars: 450);
        if (a.DuplicateOf is not null)
            text = text with { BodyText = $"转载自媒体{a.SourceId}。\n{text.BodyText}", BodyHtml = $"<p>转载自媒体{a.SourceId}。</p>{text.BodyHtml}" };
        var features = StoryFeatures.Compute(text.Title, text.BodyText);
        return new Row(a, text, features, [.. StoryKeys.Of(features.KeyTerms, a.PublishedAt)]);
    }
}
