-- Files a watch loop has handled, by path and the size and modification time it saw, so a restart
-- neither re-reads them nor misses a file that changed since.
CREATE TABLE watched_inputs (
    path        text PRIMARY KEY,
    size        bigint NOT NULL,
    modified_at timestamptz NOT NULL,
    handled_at  timestamptz NOT NULL DEFAULT now()
);
