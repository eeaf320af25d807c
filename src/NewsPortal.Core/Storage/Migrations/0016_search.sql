-- Reader search. Each article's search keys (hashes of its ideographs, ideograph pairs and words,
-- see Search/SearchText.cs) and its normalised text, kept apart from articles so that lists never
-- read them. Filled by the search indexer from a queue that triggers on articles fill: storing an
-- article only queues its id, and the keys are computed outside the storing transaction.
CREATE TABLE article_search (
    article_id bigint PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    listed_at  timestamptz NOT NULL,
    keys       integer[] NOT NULL,
    -- Normalised (Simplified, half-width, lower case) title, and summary + newline + body text: the
    -- exact check of a phrase, and the offsets of snippets (the same as in the original text).
    title      text NOT NULL,
    body       text NOT NULL
);
ALTER TABLE article_search ALTER COLUMN keys SET STORAGE EXTERNAL;
-- A large pending list: inserts append to it and are merged in bulk, so indexing stays cheap.
CREATE INDEX article_search_keys_idx ON article_search USING gin (keys) WITH (fastupdate = on, gin_pending_list_limit = 16384);
-- Newest first: a common word finds its newest matches walking this, not the whole posting list.
CREATE INDEX article_search_listed_idx ON article_search (listed_at DESC, article_id DESC);

-- Articles whose search row is missing or stale. A re-queue while the indexer holds the row waits
-- for it (DO UPDATE, not DO NOTHING), so a change made during indexing is indexed again.
CREATE TABLE search_pending (
    article_id bigint PRIMARY KEY,
    queued_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION search_queue_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_pending (article_id) SELECT id FROM inserted_articles
    ON CONFLICT (article_id) DO UPDATE SET queued_at = now();
    RETURN NULL;
END
$$;

CREATE FUNCTION search_queue_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_pending (article_id) VALUES (NEW.id)
    ON CONFLICT (article_id) DO UPDATE SET queued_at = now();
    RETURN NULL;
END
$$;

-- Set-based for inserts (a COPY of a thousand articles is one INSERT here); per row for updates,
-- but only rows whose searchable text or list time changed reach the function.
CREATE TRIGGER articles_search_inserted AFTER INSERT ON articles
    REFERENCING NEW TABLE AS inserted_articles
    FOR EACH STATEMENT EXECUTE FUNCTION search_queue_inserted();
CREATE TRIGGER articles_search_updated AFTER UPDATE OF title, summary, body_text, listed_at ON articles
    FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.summary IS DISTINCT FROM NEW.summary
          OR OLD.body_text IS DISTINCT FROM NEW.body_text OR OLD.listed_at IS DISTINCT FROM NEW.listed_at)
    EXECUTE FUNCTION search_queue_updated();

-- What is already stored is indexed by the first indexer to run.
INSERT INTO search_pending (article_id) SELECT id FROM articles;
