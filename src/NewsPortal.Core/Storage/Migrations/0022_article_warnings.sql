-- What ingestion repaired to read an article (invalid UTF-8 bytes replaced, NUL bytes dropped), kept
-- with it so an editor can see why a character is missing; and which field of the input gave the
-- publication time (json-ld, meta:article:published_time, dump-date-line, feed:pubDate, …), so a
-- wrong time can be traced. A constant default adds the column without rewriting the table.
ALTER TABLE articles
    ADD COLUMN warnings text[] NOT NULL DEFAULT '{}',
    ADD COLUMN published_source text;
