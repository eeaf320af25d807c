-- How alike two articles are, as story assignment scored them (time-damped cosine of their
-- weighted title and lead terms): the sidebar lists an article's most alike accounts first and
-- leaves out those much less alike than its best, where a story's single-link chain would put
-- other turns of the event. One row per pair (the larger id first), written when the later of the
-- two is placed, for its most alike candidates above a floor; read from both sides.
CREATE TABLE article_likeness (
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    other_id   bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    score      real NOT NULL,
    PRIMARY KEY (article_id, other_id),
    CHECK (article_id > other_id)
);
CREATE INDEX article_likeness_other_idx ON article_likeness (other_id);

CREATE TRIGGER article_likeness_site_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON article_likeness
    FOR EACH STATEMENT EXECUTE FUNCTION site_changed();
