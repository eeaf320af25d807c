-- Search keys now keep one key's months side by side in the index's key order (the key's hash in
-- the high bits, the month in the low six: Search/SearchText.InBucket), so a rare word's look-up
-- over 60 months reads one or two index leaf pages instead of one page a month. Keys stored before
-- are in the old layout and no search would find them: every findable article is indexed again.
-- Its rows go and it is queued; web nodes index the queue a batch at a time, and on a large
-- database `search reindex` (docs/search.md) rebuilds the index in one pass, many times faster.
TRUNCATE article_search;
INSERT INTO search_pending (article_id)
SELECT id FROM articles WHERE status = 'published' AND duplicate_of IS NULL
ON CONFLICT (article_id) DO NOTHING;
