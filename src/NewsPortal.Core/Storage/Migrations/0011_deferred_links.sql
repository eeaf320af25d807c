-- An ingest batch is linked to its near-duplicates (duplicate_of, band keys) in a second
-- transaction on a second connection, while the next batch is being stored (docs/performance.md).
-- The batch's transaction records here which articles it leaves to be linked; the linking
-- transaction deletes the row. A row still here after a crash names articles that are committed
-- but not linked, and the next run links them before it stores anything. One row per batch.
CREATE TABLE article_links_pending (
    id          bigserial PRIMARY KEY,
    article_ids bigint[] NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
