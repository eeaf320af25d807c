-- Two inputs of one identity (two mirrors of a feed, an item archived twice) are ordered by their
-- own times, not by when they arrive (docs/operations.md): the item's update or publish time, its
-- capture time, then the modification time of the file it was read from, which this column keeps
-- for the version stored. Null for rows stored before, and for polled items (a fetch time says when
-- we looked, not when the item was written).
ALTER TABLE articles ADD COLUMN input_modified_at timestamptz;
