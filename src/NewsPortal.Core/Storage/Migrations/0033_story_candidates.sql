-- What a story candidate look-up reads, in a narrow table of its own: an article's story, outlet,
-- time and look-up keys. The look-up found about 19 accounts per article through the GIN index on
-- articles.story_keys and read each one's row of the wide articles heap: 4 rows a page, 193 MB for
-- 100,000 articles, more than shared buffers hold. Here 39 entries fill a page, 20 MB
-- (docs/performance.md).
--
-- articles stays the record: its story columns are written as before, and the triggers below keep
-- this copy of them, in the same transaction, for every writer (placement, merges, copies settling,
-- the editor's desk). An entry's row version (xmin) changes whenever its article's terms do, so
-- the assigner's cache of candidates' terms keys on it.
CREATE TABLE story_candidates (
    article_id bigint PRIMARY KEY,
    story_id   bigint NOT NULL,
    source_id  bigint,
    story_time timestamptz NOT NULL,
    story_keys integer[] NOT NULL
);
INSERT INTO story_candidates (article_id, story_id, source_id, story_time, story_keys)
SELECT id, story_id, source_id, story_time, coalesce(story_keys, '{}') FROM articles WHERE story_id IS NOT NULL;

-- fastupdate off, as the index it replaces (0013): each look-up would read a pending list whole.
-- Built after the rows are in: one sorted build, where filling an index without a pending list
-- puts each of an article's 32 keys into the tree on its own (at 1,000,000 articles it had not
-- finished after five minutes; filled first and built after, the whole migration took five).
CREATE INDEX story_candidates_keys_idx ON story_candidates USING gin (story_keys) WITH (fastupdate = off);

DROP INDEX articles_story_keys_idx;

-- Set-based for inserts, as search_queue_inserted (0016): a batch's COPY of new articles, placed
-- already, is one INSERT here, over the transition table PostgreSQL captures for both triggers.
CREATE FUNCTION story_candidates_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO story_candidates (article_id, story_id, source_id, story_time, story_keys)
    SELECT id, story_id, source_id, story_time, coalesce(story_keys, '{}') FROM inserted_articles WHERE story_id IS NOT NULL;
    RETURN NULL;
END
$$;

CREATE TRIGGER articles_story_candidates_inserted AFTER INSERT ON articles
    REFERENCING NEW TABLE AS inserted_articles
    FOR EACH STATEMENT EXECUTE FUNCTION story_candidates_inserted();

-- Per row, and only for rows whose story, outlet, time, keys or terms changed: most updates of
-- articles (list-head flags, links to a first copy, edits) touch none of them. A change of terms
-- alone rewrites the entry too, so that its row version tells the terms' cache to read them again.
CREATE FUNCTION story_candidates_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.story_id IS NULL THEN
        DELETE FROM story_candidates WHERE article_id = NEW.id;
    ELSE
        INSERT INTO story_candidates (article_id, story_id, source_id, story_time, story_keys)
        VALUES (NEW.id, NEW.story_id, NEW.source_id, NEW.story_time, coalesce(NEW.story_keys, '{}'))
        ON CONFLICT (article_id) DO UPDATE SET story_id = EXCLUDED.story_id, source_id = EXCLUDED.source_id,
            story_time = EXCLUDED.story_time, story_keys = EXCLUDED.story_keys;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER articles_story_candidates_updated AFTER UPDATE ON articles
    FOR EACH ROW
    WHEN (OLD.story_id IS DISTINCT FROM NEW.story_id OR OLD.source_id IS DISTINCT FROM NEW.source_id
          OR OLD.story_time IS DISTINCT FROM NEW.story_time OR OLD.story_keys IS DISTINCT FROM NEW.story_keys
          OR OLD.story_terms IS DISTINCT FROM NEW.story_terms OR OLD.story_weights IS DISTINCT FROM NEW.story_weights)
    EXECUTE FUNCTION story_candidates_updated();

-- No foreign key: its check would lock each new article's row as its entry goes in, on the
-- storing path. Deleted articles go as their band keys do (0007), once per statement.
CREATE FUNCTION story_candidates_forget_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM story_candidates c USING deleted_articles d WHERE c.article_id = d.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER articles_forget_story_candidates AFTER DELETE ON articles
    REFERENCING OLD TABLE AS deleted_articles
    FOR EACH STATEMENT EXECUTE FUNCTION story_candidates_forget_deleted();
