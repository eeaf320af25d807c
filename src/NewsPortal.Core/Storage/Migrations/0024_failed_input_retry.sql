-- Every failure says whether a retry can do anything for it. An empty input cannot be retried (there
-- is nothing to parse); an input refused unread (over the size limit, unreadable) keeps no bytes
-- but keeps its size, and a retry reads the file again from its path. A dismissed failure is
-- neither retried nor listed by default; it stays on record.
ALTER TABLE failed_inputs
    ADD COLUMN retriable boolean NOT NULL DEFAULT true,
    ADD COLUMN input_size bigint,
    ADD COLUMN dismissed_at timestamptz;

UPDATE failed_inputs SET retriable = false WHERE length(raw) = 0 AND reason LIKE '%empty input%';
