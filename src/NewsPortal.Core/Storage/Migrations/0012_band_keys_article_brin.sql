-- article_band_keys is written in article id order (one COPY per batch, batches in id order), so
-- a BRIN index finds an article's keys (an update replacing them, the delete trigger) as well as
-- the b-tree did, at a fraction of its upkeep: the b-tree took one more insertion for each of the
-- 40 rows per article on the ingest's linking path (docs/performance.md).
DROP INDEX article_band_keys_article_idx;
CREATE INDEX article_band_keys_article_brin ON article_band_keys USING brin (article_id) WITH (pages_per_range = 16, autosummarize = on);
