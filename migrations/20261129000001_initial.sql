-- whosaid's schema: articles as ingested, the people and organisations who speak in them,
-- and the statements that tie the two together.

CREATE TABLE articles (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url                TEXT,
    -- sha256 of the text: the identity of an article that has no URL.
    text_sha256        BYTEA NOT NULL,
    title              TEXT,
    source             TEXT,
    author             TEXT,
    text               TEXT NOT NULL,
    published_at       TIMESTAMPTZ NOT NULL,
    -- 'given' when the client sent published_at, 'ingestion' when we used the time of ingestion.
    published_at_basis TEXT NOT NULL CHECK (published_at_basis IN ('given', 'ingestion')),
    ingested_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    extractor_version  TEXT NOT NULL
);

-- An article is the same article when its URL is; without a URL, when its text is.
CREATE UNIQUE INDEX articles_url_key ON articles (url) WHERE url IS NOT NULL;
CREATE UNIQUE INDEX articles_text_key ON articles (text_sha256) WHERE url IS NULL;

CREATE TABLE people (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name     TEXT NOT NULL,
    -- lower-cased, whitespace-collapsed name: one row per person across articles.
    name_key TEXT NOT NULL UNIQUE
);

-- Every way a person's name was written ("Mark Rutte", "Rutte", "NATO Secretary General Mark Rutte").
CREATE TABLE person_aliases (
    person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    PRIMARY KEY (person_id, alias_key)
);
CREATE INDEX person_aliases_alias_key ON person_aliases (alias_key);

CREATE TABLE organizations (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE
);

CREATE TABLE statements (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id        BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    -- The resolved speaker: a person, or an organisation speaking for itself, or neither
    -- (anonymous sources, source-less statements).
    person_id         BIGINT REFERENCES people (id),
    -- The organisation the statement speaks for: the person's, or the speaking organisation.
    organization_id   BIGINT REFERENCES organizations (id),
    speaker_kind      TEXT CHECK (speaker_kind IN ('person', 'organization', 'anonymous')),
    speaker_name      TEXT,
    role              TEXT,
    mention           TEXT,
    mention_start     INT,
    mention_end       INT,
    kind              TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
    quote             TEXT NOT NULL,
    -- [{"start", "end", "text"}]: the content, possibly in pieces.
    content_spans     JSONB NOT NULL,
    quote_start       INT NOT NULL,
    quote_end         INT NOT NULL,
    cue               TEXT,
    cue_start         INT,
    cue_end           INT,
    sentence          TEXT NOT NULL,
    sentence_start    INT NOT NULL,
    sentence_end      INT NOT NULL,
    said_on           DATE NOT NULL,
    date_basis        TEXT NOT NULL CHECK (date_basis IN ('explicit', 'relative', 'publication')),
    confidence        REAL NOT NULL,
    extractor_version TEXT NOT NULL,
    quote_tsv         TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', quote)) STORED
);

CREATE INDEX statements_quote_tsv ON statements USING GIN (quote_tsv);
-- The listing order (newest said_on first) and its keyset cursor.
CREATE INDEX statements_said_on ON statements (said_on DESC, id DESC);
CREATE INDEX statements_person ON statements (person_id, said_on DESC, id DESC);
CREATE INDEX statements_organization ON statements (organization_id, said_on DESC, id DESC);
CREATE INDEX statements_article ON statements (article_id);
