-- The integer arrays of an article (similarity sketch, near-duplicate signatures) are hashes, which
-- do not compress; when a row is still over the TOAST threshold after its bodies, PostgreSQL tried
-- pglz on them anyway, about 1% of a first ingest's profile. lz4 gives up on such data at a fraction
-- of that cost. Like 0008, only where the server was built with lz4.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE articles
            ALTER COLUMN similarity_sketch SET COMPRESSION lz4,
            ALTER COLUMN text_signature SET COMPRESSION lz4,
            ALTER COLUMN text_lead_signature SET COMPRESSION lz4;
    END IF;
END
$$;
