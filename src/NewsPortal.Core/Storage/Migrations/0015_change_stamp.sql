-- One counter that moves whenever something a reader's page is built from changes: articles,
-- outlets, stories and their relations, article images. Web nodes read it (at most once a second)
-- and key their page cache by it, so an ingest or an editor's action reaches every node's cached
-- pages without the nodes talking to each other. Statement-level triggers: one row update per
-- statement, not per row, so a COPY of a thousand articles moves it once. The row lock it takes is
-- held to commit; writers of stories already serialise on the story lock before their first write.
CREATE TABLE site_changes (
    id         integer PRIMARY KEY CHECK (id = 1),
    stamp      bigint NOT NULL,
    changed_at timestamptz NOT NULL
);
INSERT INTO site_changes (id, stamp, changed_at) VALUES (1, 1, now());

CREATE FUNCTION site_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE site_changes SET stamp = stamp + 1, changed_at = clock_timestamp() WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER articles_site_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON articles
    FOR EACH STATEMENT EXECUTE FUNCTION site_changed();
CREATE TRIGGER sources_site_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sources
    FOR EACH STATEMENT EXECUTE FUNCTION site_changed();
CREATE TRIGGER stories_site_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stories
    FOR EACH STATEMENT EXECUTE FUNCTION site_changed();
CREATE TRIGGER story_relations_site_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON story_relations
    FOR EACH STATEMENT EXECUTE FUNCTION site_changed();
CREATE TRIGGER article_images_site_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON article_images
    FOR EACH STATEMENT EXECUTE FUNCTION site_changed();
