-- Forgiving names, organisation aliases, maintained counts, and quotes grouping every
-- report of the same words by the same speaker.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Names are matched folded: lower case, accents removed ("Zelenskyy" = "zelenskyy",
-- "Pérez" = "perez"). unaccent() is STABLE because it reads a dictionary; naming the
-- dictionary makes the result fixed, so the wrapper can be IMMUTABLE and indexed.
CREATE FUNCTION fold_name(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1));

ALTER TABLE person_aliases
    ADD COLUMN alias_fold TEXT GENERATED ALWAYS AS (fold_name(alias_key)) STORED;
CREATE INDEX person_aliases_fold ON person_aliases (alias_fold);
CREATE INDEX person_aliases_fold_trgm ON person_aliases USING GIN (alias_fold gin_trgm_ops);

CREATE TABLE organization_aliases (
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    alias           TEXT NOT NULL,
    alias_key       TEXT NOT NULL,
    alias_fold      TEXT GENERATED ALWAYS AS (fold_name(alias_key)) STORED,
    PRIMARY KEY (organization_id, alias_key)
);
CREATE INDEX organization_aliases_key ON organization_aliases (alias_key);
CREATE INDEX organization_aliases_fold ON organization_aliases (alias_fold);
CREATE INDEX organization_aliases_fold_trgm ON organization_aliases USING GIN (alias_fold gin_trgm_ops);
INSERT INTO organization_aliases (organization_id, alias, alias_key)
    SELECT id, name, name_key FROM organizations;

-- Maintained on ingest, so listings and rankings never count per request.
ALTER TABLE people
    ADD COLUMN statement_count BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN first_said_on DATE,
    ADD COLUMN last_said_on DATE;
ALTER TABLE organizations
    ADD COLUMN statement_count BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN first_said_on DATE,
    ADD COLUMN last_said_on DATE;
UPDATE people p SET statement_count = c.n, first_said_on = c.first, last_said_on = c.last
    FROM (SELECT person_id, count(*) AS n, min(said_on) AS first, max(said_on) AS last
          FROM statements WHERE person_id IS NOT NULL GROUP BY person_id) c
    WHERE c.person_id = p.id;
UPDATE organizations o SET statement_count = c.n, first_said_on = c.first, last_said_on = c.last
    FROM (SELECT organization_id, count(*) AS n, min(said_on) AS first, max(said_on) AS last
          FROM statements WHERE organization_id IS NOT NULL GROUP BY organization_id) c
    WHERE c.organization_id = o.id;
CREATE INDEX people_by_count ON people (statement_count DESC, id);
CREATE INDEX organizations_by_count ON organizations (statement_count DESC, id);

-- One quote: the same words by the same speaker, however many articles report them.
CREATE TABLE quotes (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Who: 'p<person id>', 'o<organisation id>', or 'n<name key>' for unnamed sources.
    speaker_key        TEXT NOT NULL,
    -- The words, normalised (lower case, letters and digits only, single spaces), and their hash.
    words              TEXT NOT NULL,
    words_sha256       BYTEA NOT NULL,
    person_id          BIGINT REFERENCES people (id),
    organization_id    BIGINT REFERENCES organizations (id),
    -- The first report: earliest publication.
    first_article_id   BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    first_published_at TIMESTAMPTZ NOT NULL,
    first_said_on      DATE NOT NULL,
    reports            INT NOT NULL DEFAULT 0,
    UNIQUE (speaker_key, words_sha256)
);
CREATE INDEX quotes_first_said_on ON quotes (first_said_on DESC, id DESC);

-- Where near-duplicates are looked for: quotes of the same speaker sharing a key (first
-- words, last words, min-hashes of the word set; see src/same_quote.rs).
CREATE TABLE quote_keys (
    speaker_key TEXT NOT NULL,
    key         BIGINT NOT NULL,
    quote_id    BIGINT NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
    PRIMARY KEY (speaker_key, key, quote_id)
);
CREATE INDEX quote_keys_quote ON quote_keys (quote_id);

ALTER TABLE statements ADD COLUMN quote_id BIGINT REFERENCES quotes (id);
CREATE INDEX statements_quote ON statements (quote_id);
CREATE INDEX statements_kind ON statements (kind, said_on DESC, id DESC);

-- A topic as a user types it: web-search syntax, English stemming, and the last word
-- matched as a prefix while it is still being typed ("members" finds "membership").
-- IMMUTABLE, so a planned query folds it into a constant.
CREATE FUNCTION topic_query(q text, prefix text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN prefix IS NULL OR prefix = '' THEN websearch_to_tsquery('english', q)
                ELSE websearch_to_tsquery('english', coalesce(q, '')) && to_tsquery('english', prefix || ':*') END;

CREATE INDEX articles_source ON articles (lower(source));
