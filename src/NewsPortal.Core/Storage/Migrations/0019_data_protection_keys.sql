-- The web app's data-protection keys (they sign editor sessions and form tokens), kept where every
-- web node finds them: a second node, a restart or a rebuilt container keeps editors signed in.
CREATE TABLE data_protection_keys (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text NOT NULL,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
