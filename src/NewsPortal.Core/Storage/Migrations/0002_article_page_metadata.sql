-- What scraped pages say about themselves beyond title and body: a kicker, the page's own update
-- time, the responsible editor (never an author), the site's own name, the outlet a repost came
-- from, and the lead image.
ALTER TABLE articles
    ADD COLUMN kicker             text,
    ADD COLUMN source_updated_at  timestamptz,
    ADD COLUMN responsible_editor text,
    ADD COLUMN site_name          text,
    ADD COLUMN original_outlet    text,
    ADD COLUMN lead_image_url     text;
