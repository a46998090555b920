-- API keys for writes (and, when configured, reads). Only a SHA-256 of each key is
-- kept: keys are 256 random bits, so a fast hash is as safe as a slow one, and the
-- public prefix finds the row without scanning. Articles record the key that wrote them.
CREATE TABLE api_keys (
    id            BIGSERIAL PRIMARY KEY,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    prefix        TEXT NOT NULL UNIQUE,
    secret_sha256 BYTEA NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at    TIMESTAMPTZ
);

ALTER TABLE articles ADD COLUMN key_id BIGINT REFERENCES api_keys (id);
