-- Near-duplicate band keys move out of the articles row into a narrow side table with b-tree
-- indexes (docs/deduplication.md, docs/performance.md). The GIN index over text_band_keys cost a
-- first ingest 40 separate GIN insertions per article and one GIN look-up per article; a b-tree
-- takes the same keys in one COPY per batch, and one index scan of all the batch's keys finds
-- every batch article's candidates among earlier batches at once.
CREATE TABLE article_band_keys (
    band_key   bigint NOT NULL,
    -- No foreign key: checking it would cost a primary-key probe of articles for each of the 40
    -- rows per article. The delete trigger below keeps the table free of deleted articles instead.
    article_id bigint NOT NULL
);

INSERT INTO article_band_keys (band_key, article_id)
SELECT DISTINCT k.band_key, a.id
FROM articles a CROSS JOIN LATERAL unnest(a.text_band_keys) AS k(band_key)
WHERE a.text_band_keys IS NOT NULL;

-- The look-up: which articles hold one of these keys.
CREATE INDEX article_band_keys_band_key_idx ON article_band_keys (band_key);
-- Replacing an updated article's keys and the delete trigger. Ids grow, so inserts land on the
-- rightmost leaf, and the 40 equal ids of an article share one deduplicated index tuple.
CREATE INDEX article_band_keys_article_idx ON article_band_keys (article_id);

-- The look-up of a batch's keys (about 20,000): one index scan of `band_key = ANY(keys)`. The
-- planner prices each of those probes as a random read and prefers a sequential scan of the whole
-- table until it holds millions of rows; measured at 900,000 rows, all cached: 200 ms for the
-- scan, 30 ms for the index. The function's SET confines that correction to this query.
CREATE FUNCTION article_band_key_matches(keys bigint[])
    RETURNS TABLE (band_key bigint, article_id bigint)
    LANGUAGE sql STABLE
    SET enable_seqscan = off
AS $$
    SELECT k.band_key, k.article_id FROM article_band_keys k WHERE k.band_key = ANY(keys)
$$;

CREATE FUNCTION article_band_keys_forget_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM article_band_keys k USING deleted_articles d WHERE k.article_id = d.id;
    RETURN NULL;
END
$$;

-- Once per statement over all the deleted rows, not once per row.
CREATE TRIGGER articles_forget_band_keys AFTER DELETE ON articles
    REFERENCING OLD TABLE AS deleted_articles
    FOR EACH STATEMENT EXECUTE FUNCTION article_band_keys_forget_deleted();

DROP INDEX articles_text_band_keys_idx;
ALTER TABLE articles DROP COLUMN text_band_keys;

ANALYZE article_band_keys;
