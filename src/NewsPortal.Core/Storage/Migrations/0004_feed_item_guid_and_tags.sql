-- Feed items carry their feed's id (RSS guid, Atom id, JSON Feed id) and the source's tags.
ALTER TABLE articles
    ADD COLUMN guid text,
    ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
