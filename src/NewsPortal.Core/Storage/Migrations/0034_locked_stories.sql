-- The stories an editor locked. Each story candidate look-up asks which of the stories it found
-- are locked (StoryAssigner): asked by primary key, 1,800 ids a look-up, that was 3.7 s and 750,000
-- page reads of a first ingest of 100,000 items, over 1,027 look-ups that found none
-- (docs/performance.md). Few stories are ever locked: the look-up matches its ids against this
-- small index's entries and reads a page or two.
CREATE INDEX stories_locked_idx ON stories (id) WHERE locked;
