-- Newest matches of a topic, alone or with a speaker, from one small GIN lookup a month.
--
-- The month-and-words index before this one (statements_month_topic) intersects the whole
-- posting list of a word with the whole list of a month on every probe, and a prefix
-- ('immigr':*) is first expanded into a bitmap of every match in every month: at ten million
-- statements that is tens of milliseconds a probe, and a topic with a frequent speaker fell
-- back to ANDing two bitmaps of a million rows. Here each statement is indexed under keys
-- that carry its month: its words as '<month>|<lexeme>' and its speakers as
-- 'p<id>|<month>' and 'o<id>|<month>'. A probe for one month reads only that month's
-- postings of the topic's words, intersected with the speaker's in the same index scan.
-- Word keys begin with a digit and speaker keys with a letter, so the two never meet.
--
-- The keys keep no word positions (rebuilding a tsvector with positions costs 50 µs a
-- statement, this 6 µs), so a probe answers a superset: phrases become "all these words"
-- and excluded words are left out. Queries keep `quote_tsv @@ topic` for the exact answer.
--
-- The keys are a stored column rather than an index expression: a prefix probe
-- ('immigr':*) makes PostgreSQL recheck every row it finds against the indexed value, and
-- recomputing the keys for that took 5 of the 7 ms of a month with 1,291 matches at 10M.
-- (A generated column cannot read another, hence `to_tsvector` again instead of quote_tsv.)

-- The keys of one statement.
CREATE FUNCTION topic_keys(said_on date, person_id bigint, organization_id bigint, words tsvector)
    RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    month text := said_month(said_on)::text;
    keys text[] := tsvector_to_array(words);
BEGIN
    FOR i IN 1 .. coalesce(array_length(keys, 1), 0) LOOP
        keys[i] := month || '|' || keys[i];
    END LOOP;
    IF person_id IS NOT NULL THEN
        keys := keys || ('p' || person_id || '|' || month);
    END IF;
    IF organization_id IS NOT NULL THEN
        keys := keys || ('o' || organization_id || '|' || month);
    END IF;
    RETURN array_to_tsvector(keys);
END $$;

-- The probe for one month: the topic's words keyed to the month (phrases as plain "and",
-- excluded words dropped, as `querytree` does for an index), and when given the speakers:
-- any of the people and any of the organisations, or with `either` any of both. NULL (no
-- probe, no match) when nothing is left to look up: stop words alone, or only exclusions.
CREATE FUNCTION topic_probe(month int, topic tsquery, people bigint[], organizations bigint[], either bool)
    RETURNS tsquery
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    words text := querytree(topic);
    p text := (SELECT string_agg(format('''p%s|%s''', id, month), ' | ') FROM unnest(people) AS id);
    o text := (SELECT string_agg(format('''o%s|%s''', id, month), ' | ') FROM unnest(organizations) AS id);
    probe text;
BEGIN
    IF words IN ('', 'T') THEN
        RETURN NULL;
    END IF;
    words := regexp_replace(words, '<(-|\d+)>', '&', 'g');
    probe := '(' || regexp_replace(words, '''((?:[^'']|'''')*)''', '''' || month || '|\1''', 'g') || ')';
    IF either THEN
        probe := probe || coalesce(' & (' || nullif(concat_ws(' | ', p, o), '') || ')', '');
    ELSE
        probe := probe || coalesce(' & (' || p || ')', '') || coalesce(' & (' || o || ')', '');
    END IF;
    RETURN probe::tsquery;
END $$;

ALTER TABLE statements ADD COLUMN probe_keys tsvector
    GENERATED ALWAYS AS (topic_keys(said_on, person_id, organization_id, to_tsvector('english', quote))) STORED;

CREATE INDEX statements_topic_probes ON statements USING GIN (probe_keys);
