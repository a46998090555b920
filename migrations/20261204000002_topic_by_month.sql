-- Newest matches of a topic without walking every statement: the topic index is keyed by
-- month as well (btree_gin puts the month in the same GIN index as the words), so a listing
-- probes month by month from the newest and reads only the matches of the months it needs.
-- Queries on the words alone use the same index, which replaces the words-only one.
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE FUNCTION said_month(d date) RETURNS int
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (extract(year FROM d) * 12 + extract(month FROM d) - 1)::int $$;

CREATE INDEX statements_month_topic ON statements USING GIN (said_month(said_on), quote_tsv);
DROP INDEX statements_quote_tsv;
