-- The key of an article's title with its numbers taken out (StoryFeatures.Series), when the title
-- has any: "武漢肺炎全球最新情報 8/10" and "… 8/11", one outlet's daily briefing, share it. Story
-- assignment keeps a later installment of an outlet's series out of the earlier one's story: with
-- identical headlines a day apart, every installment joined the one before, and a month of
-- briefings became one story (docs/stories.md). Rows stored before it stay NULL: their installments
-- are told apart only from their text, as before.
ALTER TABLE articles ADD COLUMN story_series integer;
