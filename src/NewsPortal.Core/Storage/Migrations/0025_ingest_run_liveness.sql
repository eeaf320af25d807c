-- A run says which process runs it and that it is still alive, so that a run whose process was
-- killed is closed by the next one to start instead of staying open for ever: host and pid (a
-- dead pid on the same host closes it at once), and a heartbeat each batch moves (none for ten
-- minutes closes it from any host). status says how it ended; end_reason why, when not finished.
ALTER TABLE ingest_runs
    ADD COLUMN host text,
    ADD COLUMN pid integer,
    ADD COLUMN heartbeat_at timestamptz,
    ADD COLUMN status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished', 'interrupted', 'abandoned')),
    ADD COLUMN end_reason text;

UPDATE ingest_runs SET status = 'finished' WHERE finished_at IS NOT NULL;

CREATE INDEX ingest_runs_open_idx ON ingest_runs (id) WHERE finished_at IS NULL;
