-- Sections by language (中文 / English / 其他) and tag pages.
-- One rule for which section an article is in, used by the lists, their index and search alike:
-- zh* is Chinese, en* English, anything else or unknown Other.
CREATE FUNCTION article_section(language text) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN language LIKE 'zh%' THEN 1 WHEN language LIKE 'en%' THEN 2 ELSE 3 END;

-- A section's front page is one range of this, like the whole front page of the story listing index.
CREATE INDEX articles_section_listing_idx ON articles (article_section(language), listed_at DESC, id DESC)
    WHERE status = 'published' AND duplicate_of IS NULL AND story_head;

-- /tags/{tag}: the articles carrying a tag from their feed.
CREATE INDEX articles_tags_idx ON articles USING gin (tags) WHERE status = 'published' AND duplicate_of IS NULL;
