-- The first schema: outlets, articles with their images, ingest runs and failed inputs, editors,
-- and the log of every revision and publication decision.

CREATE TABLE sources (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL,
    -- Registered host (voachinese.com); null for an outlet only known by name.
    host         text UNIQUE,
    homepage_url text,
    feed_url     text,
    language     text,
    created_at   timestamptz NOT NULL DEFAULT now()
);
-- An outlet known only by name (from an operator's option) is one row per name.
CREATE UNIQUE INDEX sources_name_without_host_key ON sources (name) WHERE host IS NULL;

CREATE TABLE ingest_runs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    command     text NOT NULL,
    read_count      integer NOT NULL DEFAULT 0,
    new_count       integer NOT NULL DEFAULT 0,
    updated_count   integer NOT NULL DEFAULT 0,
    unchanged_count integer NOT NULL DEFAULT 0,
    failed_count    integer NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id       bigint REFERENCES sources (id),
    -- What makes re-ingesting the same input a no-op: 'url:<canonical url>' when the input has a
    -- URL, else 'sha256:<hash of title and body>'.
    identity_key    text NOT NULL,
    original_url    text,
    canonical_url   text,
    title           text NOT NULL,
    summary         text NOT NULL DEFAULT '',
    body_html       text NOT NULL,
    body_text       text NOT NULL,
    published_at    timestamptz,
    published_zone_inferred boolean NOT NULL DEFAULT false,
    captured_at     timestamptz,
    authors         text[] NOT NULL DEFAULT '{}',
    language        text,
    view_count      bigint,
    -- Hash of the parsed content as it came in; a changed hash means the source changed the item.
    content_hash    text NOT NULL,
    status          text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'unpublished')),
    -- Where the article sorts on lists and feeds: the publication time, or the last republication.
    listed_at       timestamptz NOT NULL,
    republished_at  timestamptz,
    ingested_at     timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    input_path      text NOT NULL,
    input_format    text NOT NULL,
    ingest_run_id   bigint REFERENCES ingest_runs (id),
    -- Bottom-k sketch of the article's character bigrams: candidates for "related" share an element.
    similarity_sketch integer[] NOT NULL DEFAULT '{}',
    CONSTRAINT articles_identity_key UNIQUE (identity_key)
);

-- Keyset pagination: lists walk (listed_at, id) downwards; partial indexes hold only what readers see.
CREATE INDEX articles_listing_idx ON articles (listed_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX articles_source_listing_idx ON articles (source_id, listed_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX articles_canonical_url_idx ON articles (canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX articles_similarity_sketch_idx ON articles USING gin (similarity_sketch);

CREATE TABLE article_images (
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    url        text,
    proxy_url  text,
    caption    text,
    alt        text,
    PRIMARY KEY (article_id, position)
);

-- The source page's own related-article teasers, kept apart from the body and never shown as ours.
CREATE TABLE article_site_teasers (
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    title      text NOT NULL,
    url        text,
    snippet    text,
    PRIMARY KEY (article_id, position)
);

-- Every input that could not be stored, with its bytes, so nothing is lost and it can be re-run.
CREATE TABLE failed_inputs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ingest_run_id bigint REFERENCES ingest_runs (id),
    path          text NOT NULL,
    reason        text NOT NULL,
    raw           bytea NOT NULL,
    raw_sha256    text NOT NULL,
    failed_at     timestamptz NOT NULL DEFAULT now(),
    resolved_at   timestamptz
);
CREATE INDEX failed_inputs_unresolved_idx ON failed_inputs (failed_at) WHERE resolved_at IS NULL;

CREATE TABLE editors (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL,
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    disabled_at   timestamptz,
    CONSTRAINT editors_name_key UNIQUE (name)
);

-- Append-only: who changed what and when. editor_id is null for changes that came from the source.
CREATE TABLE article_revisions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    editor_id  bigint REFERENCES editors (id),
    action     text NOT NULL CHECK (action IN ('ingested', 'source-updated', 'edited', 'republished', 'unpublished')),
    title      text NOT NULL,
    summary    text NOT NULL,
    body_html  text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX article_revisions_article_idx ON article_revisions (article_id, id);
