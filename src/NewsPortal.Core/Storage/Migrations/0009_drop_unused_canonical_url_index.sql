-- No query reads articles by canonical_url: an input's canonical URL is folded into its identity key
-- (articles_identity_key), which is what finds an article again. The index only cost every insert
-- and every update of an article one more b-tree insertion.
DROP INDEX IF EXISTS articles_canonical_url_idx;
