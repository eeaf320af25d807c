-- The change stamp (site_changes) the WebSub hub was last told about. One web node at a time pings
-- the hub for a new stamp (it holds this row's lock while it does) and records it here, so several
-- nodes seeing the same change ping once. Starts at the current stamp: nothing is announced for
-- what was there before the hub was.
CREATE TABLE websub_pings (
    id        integer PRIMARY KEY CHECK (id = 1),
    stamp     bigint NOT NULL,
    pinged_at timestamptz
);
INSERT INTO websub_pings (id, stamp) SELECT 1, stamp FROM site_changes WHERE id = 1;
