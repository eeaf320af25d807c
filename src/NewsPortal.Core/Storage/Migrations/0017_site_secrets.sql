-- Secrets every web node must share, made once by whichever node needs one first: the image
-- proxy's signing key (when Images:SigningKey is not configured), so that an image address signed
-- by one node is honoured by the others and survives restarts.
CREATE TABLE site_secrets (
    name       text PRIMARY KEY,
    value      bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
