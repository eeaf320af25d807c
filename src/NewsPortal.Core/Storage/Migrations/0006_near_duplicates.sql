-- The same text arriving by two routes (a repost on another site, a dump and a scraped page of it)
-- is one story: the later copy points at the first one and readers see only the first
-- (docs/deduplication.md). The signature columns are null until computed (rows stored before this
-- migration); an empty signature means too little text to link.
ALTER TABLE articles
    -- MinHash of the body's shingles and of its opening only, and how many distinct shingles it has.
    ADD COLUMN text_signature     integer[],
    ADD COLUMN text_lead_signature integer[],
    ADD COLUMN text_shingles      integer,
    -- LSH band keys of both signatures: a copy shares at least one with what it copies.
    ADD COLUMN text_band_keys     bigint[],
    -- The first stored copy of the same text. Always an earlier article, so links never form a
    -- cycle; always a first copy itself (kept so by the linking step), so it is one hop away.
    ADD COLUMN duplicate_of       bigint REFERENCES articles (id),
    ADD CONSTRAINT articles_duplicate_of_earlier CHECK (duplicate_of < id);

-- Without the pending list: ingest looks keys up right after writing them, and a lookup would
-- otherwise scan the whole unmerged list (up to 4 MB) every time.
CREATE INDEX articles_text_band_keys_idx ON articles USING gin (text_band_keys) WITH (fastupdate = off);
CREATE INDEX articles_duplicate_of_idx ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- Readers' lists skip linked copies: the listing indexes hold only what the lists show.
DROP INDEX articles_listing_idx;
DROP INDEX articles_source_listing_idx;
CREATE INDEX articles_listing_idx ON articles (listed_at DESC, id DESC)
    WHERE status = 'published' AND duplicate_of IS NULL;
CREATE INDEX articles_source_listing_idx ON articles (source_id, listed_at DESC, id DESC)
    WHERE status = 'published' AND duplicate_of IS NULL;
