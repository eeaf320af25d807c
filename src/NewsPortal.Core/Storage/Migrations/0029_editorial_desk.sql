-- The editorial desk: editors edit bodies and tags, add a correction note, hold an outlet's new
-- items for review, and schedule publication and withdrawal (docs/operations.md, "The desk").

-- Who may see an article is still its status alone, so every reader query and partial index keyed
-- on status = 'published' stays as it is: 'pending_review' (an item of an outlet held for review),
-- 'rejected' (refused in review) and 'scheduled' (to be published at publish_at) are hidden like
-- 'unpublished'.
ALTER TABLE articles DROP CONSTRAINT articles_status_check;
ALTER TABLE articles ADD CONSTRAINT articles_status_check
    CHECK (status IN ('published', 'unpublished', 'pending_review', 'rejected', 'scheduled'));

ALTER TABLE articles
    -- Set when an editor first changes the article's content: from then on a newer version from
    -- the source waits in article_source_pending instead of replacing the editor's.
    ADD COLUMN desk_edited_at timestamptz,
    -- The correction or update note readers see on the page and in the feeds, and when it was made.
    ADD COLUMN correction_note text,
    ADD COLUMN corrected_at timestamptz,
    -- A 'scheduled' article is published at publish_at; a published one is withdrawn at withdraw_at.
    ADD COLUMN publish_at timestamptz,
    ADD COLUMN withdraw_at timestamptz;

-- The sweep that applies schedules looks for due rows only among the few that have one.
CREATE INDEX articles_publish_at_idx ON articles (publish_at) WHERE status = 'scheduled';
CREATE INDEX articles_withdraw_at_idx ON articles (withdraw_at) WHERE withdraw_at IS NOT NULL;
-- The review queue.
CREATE INDEX articles_pending_review_idx ON articles (ingested_at, id) WHERE status = 'pending_review';

-- An outlet whose new items wait for an editor before readers see them.
ALTER TABLE sources ADD COLUMN hold_for_review boolean NOT NULL DEFAULT false;

-- Revisions of the desk carry the body they leave the article with, the tags and the note.
ALTER TABLE article_revisions DROP CONSTRAINT article_revisions_action_check;
ALTER TABLE article_revisions ADD CONSTRAINT article_revisions_action_check CHECK (action IN (
    'ingested', 'source-updated', 'edited', 'republished', 'unpublished',
    'source-accepted', 'source-merged', 'source-rejected', 'review-published', 'review-rejected',
    'scheduled', 'schedule-published', 'schedule-withdrawn'));
ALTER TABLE article_revisions
    ADD COLUMN tags text[],
    ADD COLUMN note text;

-- The newest version the source sent of an article an editor changed, waiting for the editor to
-- accept, reject or merge it. One row per article: a newer copy replaces it, in the same order of
-- copies as the articles themselves (ArticleVersion), so an older copy still writes nothing.
CREATE TABLE article_source_pending (
    article_id        bigint PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    title             text NOT NULL,
    summary           text NOT NULL,
    body_html         text NOT NULL,
    body_text         text NOT NULL,
    tags              text[] NOT NULL,
    content_hash      text NOT NULL,
    published_at      timestamptz,
    source_updated_at timestamptz,
    captured_at       timestamptz,
    input_modified_at timestamptz,
    input_path        text NOT NULL,
    input_format      text NOT NULL,
    ingest_run_id     bigint REFERENCES ingest_runs (id),
    received_at       timestamptz NOT NULL DEFAULT now()
);

-- A polled feed an editor paused is not polled until resumed.
ALTER TABLE feed_subscriptions ADD COLUMN paused boolean NOT NULL DEFAULT false;

-- An editor asked for a dismissed or unretriable failure to be tried again by the next
-- 'ingest --retry-failed'.
ALTER TABLE failed_inputs ADD COLUMN retry_requested_at timestamptz;
