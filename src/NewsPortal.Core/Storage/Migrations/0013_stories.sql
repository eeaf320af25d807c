-- Stories (docs/stories.md): every article belongs to one, the set of accounts of one real-world
-- event. Assigned at ingest, in the transaction that links a batch's near-duplicates.
CREATE TABLE stories (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- A story merged into another keeps its row so that its URL redirects to the survivor.
    merged_into        bigint REFERENCES stories (id),
    -- Shaped by an editor: ingestion adds new accounts to it but never merges it away.
    locked             boolean NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now(),
    -- Of its published first copies, kept by every change that moves articles.
    article_count      integer NOT NULL DEFAULT 0,
    outlet_count       integer NOT NULL DEFAULT 0,
    first_published_at timestamptz,
    last_published_at  timestamptz
);

ALTER TABLE articles
    ADD COLUMN story_id      bigint REFERENCES stories (id),
    -- Placed by an editor: ingestion never moves it.
    ADD COLUMN story_pinned  boolean NOT NULL DEFAULT false,
    -- The newest published first copy of its story (the one lists show), and of its story within its outlet.
    ADD COLUMN story_head    boolean NOT NULL DEFAULT true,
    ADD COLUMN outlet_story_head boolean NOT NULL DEFAULT true,
    -- StoryFeatures: sorted term ids of title and lead with their weights.
    ADD COLUMN story_terms   integer[],
    ADD COLUMN story_weights smallint[],
    -- When the event was told, as far as the input says: published, else captured by the archiver, else ingested.
    ADD COLUMN story_time    timestamptz GENERATED ALWAYS AS (coalesce(published_at, captured_at, ingested_at)) STORED,
    -- The terms again, each mixed with the article's week: a look-up for week w's accounts of a
    -- rare name reads a posting list as long as that week's uses of the name, not all time's.
    ADD COLUMN story_keys    integer[];
-- lz4 as for the other hash arrays (0010): cheap on data that barely compresses; only where the
-- server was built with it.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE articles ALTER COLUMN story_terms SET COMPRESSION lz4, ALTER COLUMN story_weights SET COMPRESSION lz4,
            ALTER COLUMN story_keys SET COMPRESSION lz4;
    END IF;
END
$$;

CREATE INDEX articles_story_idx ON articles (story_id, story_time) WHERE story_id IS NOT NULL;
-- fastupdate off: every assignment looks candidates up, and each look-up reads a pending list
-- whole (15 ms a look-up at 20,000 articles with the default 4 MB list, 1 ms without; a 256 kB
-- list made a batch's look-ups 2.6 times slower than none).
CREATE INDEX articles_story_keys_idx ON articles USING gin (story_keys) WITH (fastupdate = off);
CREATE INDEX articles_story_listing_idx ON articles (listed_at DESC, id DESC)
    WHERE status = 'published' AND duplicate_of IS NULL AND story_head;
CREATE INDEX articles_unassigned_story_idx ON articles (id) WHERE story_id IS NULL;

-- The bigram sketch served the old related-articles query only (RelatedArticlesQuery is gone): its
-- column, its GIN index and computing it on the parsing threads only cost ingest time.
ALTER TABLE articles DROP COLUMN similarity_sketch;

-- Document frequencies of story terms over every assigned article, kept incrementally.
CREATE TABLE story_term_df (
    term integer PRIMARY KEY,
    df   integer NOT NULL
);
CREATE TABLE story_corpus (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    documents bigint NOT NULL
);
INSERT INTO story_corpus (documents) VALUES (0);

-- Stories whose accounts are alike, below the join threshold but above the related one: the
-- sidebar's related coverage. Both directions are stored, so a story's relations are one index range.
CREATE TABLE story_relations (
    story_id         bigint NOT NULL REFERENCES stories (id),
    related_story_id bigint NOT NULL REFERENCES stories (id),
    score            real NOT NULL,
    PRIMARY KEY (story_id, related_story_id),
    CHECK (story_id <> related_story_id)
);

-- Editors' decisions, with who and when.
CREATE TABLE story_decisions (
    id             bigserial PRIMARY KEY,
    action         text NOT NULL CHECK (action IN ('moved-out', 'merged', 'split')),
    story_id       bigint NOT NULL REFERENCES stories (id),
    other_story_id bigint REFERENCES stories (id),
    article_ids    bigint[] NOT NULL DEFAULT '{}',
    editor_id      bigint NOT NULL REFERENCES editors (id),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX story_decisions_story_idx ON story_decisions (story_id, id);
