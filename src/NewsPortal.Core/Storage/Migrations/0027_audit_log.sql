-- Who did what on the desk and when: sign-ins (failed ones too), article and story changes,
-- account changes (from the web or the command line). Append-only. No foreign keys: an entry
-- outlives the account or article it names, and a failed sign-in may name no account at all;
-- actor_name and account_name keep the names as they were.
CREATE TABLE audit_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor_id     bigint,
    actor_name   text,
    action       text NOT NULL,
    article_id   bigint,
    account_name text,
    detail       jsonb NOT NULL DEFAULT '{}',
    address      inet
);

-- The admin page lists newest first by id (its keyset) under any one filter.
CREATE INDEX audit_log_actor_idx ON audit_log (actor_name, id) WHERE actor_name IS NOT NULL;
CREATE INDEX audit_log_account_idx ON audit_log (account_name, id) WHERE account_name IS NOT NULL;
CREATE INDEX audit_log_article_idx ON audit_log (article_id, id) WHERE article_id IS NOT NULL;
CREATE INDEX audit_log_action_idx ON audit_log (action, id);
CREATE INDEX audit_log_at_idx ON audit_log (at);
