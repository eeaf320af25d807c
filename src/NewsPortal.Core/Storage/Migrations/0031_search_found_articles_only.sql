-- Only articles a search can find are indexed: published first copies. A word found mostly in
-- copies (a reprint's 转自 line) or in withdrawn articles otherwise gave tens of thousands of
-- candidates per search, each read and dropped by the status check (one character: 100,000
-- look-ups for 200 results). The search still checks status and first copy on the article, so an
-- index a second behind is never wrong, only queued. A change of status or of being a copy now
-- re-queues the article (the indexer drops or adds its row); a copy moved to another first copy
-- stays a copy and queues nothing.
DROP TRIGGER articles_search_updated ON articles;
CREATE TRIGGER articles_search_updated AFTER UPDATE OF title, summary, body_text, listed_at, status, duplicate_of ON articles
    FOR EACH ROW
    WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.summary IS DISTINCT FROM NEW.summary
          OR OLD.body_text IS DISTINCT FROM NEW.body_text OR OLD.listed_at IS DISTINCT FROM NEW.listed_at
          OR OLD.status IS DISTINCT FROM NEW.status OR (OLD.duplicate_of IS NULL) <> (NEW.duplicate_of IS NULL))
    EXECUTE FUNCTION search_queue_updated();

DELETE FROM article_search s USING articles a
WHERE a.id = s.article_id AND (a.status <> 'published' OR a.duplicate_of IS NOT NULL);

-- Month keys and bounds are computed by the search in C# and passed as arrays (0.5-1 ms a month
-- mixed by these SQL functions): nothing uses them any more.
DROP FUNCTION search_keys_in_month(integer[], integer);
DROP FUNCTION search_key_in_month(integer, integer);
DROP FUNCTION search_mix(bigint, integer);
DROP FUNCTION search_month_start(integer);
