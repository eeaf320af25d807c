-- Whether the article's title carries a rubric of comment (StoryFeatures.Commentary: analysis,
-- opinion, a column, an interview, a digest). Commentary joins no story and no account joins it:
-- written with the names of the event it discusses, it scored like an account of it, and the
-- event's later reports joined the analysis's story. Placement reads it back for stored candidates.
-- Rows stored before it are false: they are placed as before.
ALTER TABLE articles ADD COLUMN story_commentary boolean NOT NULL DEFAULT false;
