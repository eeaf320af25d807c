-- Feeds the ingestion service polls over HTTP, with what the last polls saw: the validators for
-- conditional GET, the schedule (pushed back on errors), and the status editors look at.
CREATE TABLE feed_subscriptions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url             text NOT NULL,
    -- The URL as the operator added it; url moves on when the server redirects permanently.
    added_url       text NOT NULL,
    -- The outlet for items whose links the outlet directory does not know (else the feed's title).
    outlet_name     text,
    poll_interval_seconds integer NOT NULL CHECK (poll_interval_seconds > 0),
    -- Sent back verbatim as If-None-Match / If-Modified-Since.
    etag            text,
    last_modified   text,
    -- SHA-256 of the last body stored: a server that ignores conditional requests and sends the
    -- same bytes again is treated like a 304.
    body_sha256     text,
    next_poll_at    timestamptz NOT NULL,
    last_polled_at  timestamptz,
    last_success_at timestamptz,
    last_error_at   timestamptz,
    last_error      text,
    -- Errors since the last success; the backoff doubles with each.
    error_count     integer NOT NULL DEFAULT 0,
    -- HTTP status of the last response (null when no response came: DNS, connection, timeout).
    last_status     integer,
    -- Items in the feed at the last successful fetch that had a body.
    last_item_count integer,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT feed_subscriptions_url_key UNIQUE (url)
);
CREATE INDEX feed_subscriptions_due_idx ON feed_subscriptions (next_poll_at);

-- The charset a transport declared for a failed input (HTTP Content-Type), needed to decode its
-- bytes again on a retry when they do not say it themselves.
ALTER TABLE failed_inputs ADD COLUMN charset text;
