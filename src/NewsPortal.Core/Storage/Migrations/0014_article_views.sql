-- Page views per article and hour, for 热门 (most read of the last day and week). Web nodes count
-- views in memory and add them here every few seconds: no write per view.
CREATE TABLE article_views (
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    hour       timestamptz NOT NULL,
    views      integer NOT NULL CHECK (views > 0),
    PRIMARY KEY (article_id, hour)
);
-- The most-read lists read one range of hours.
CREATE INDEX article_views_hour_idx ON article_views (hour);
