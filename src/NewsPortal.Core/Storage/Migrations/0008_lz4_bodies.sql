-- Article and revision bodies are compressed with lz4 instead of pglz where the server was built
-- with it (PostgreSQL 14 and later, --with-lz4, as Debian's and the official images are): it costs
-- PostgreSQL a fraction of pglz's CPU per stored body, the larger part of a first ingest's write
-- (docs/performance.md). Rows already stored keep pglz until rewritten; both read the same. On a
-- server without lz4 this changes nothing.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE articles ALTER COLUMN body_html SET COMPRESSION lz4, ALTER COLUMN body_text SET COMPRESSION lz4;
        ALTER TABLE article_revisions ALTER COLUMN body_html SET COMPRESSION lz4;
    END IF;
END
$$;
