-- A topic probe built once per query instead of once per month.
--
-- topic_probe(month, ...) rebuilt the whole probe for every month a listing visits (sixteen
-- months for a topic and a speaker at 1M statements): a PL/pgSQL call with two subqueries
-- and two regular expressions each time, 13 % of the database's CPU under load. The
-- template below is the same probe with chr(1) where the month goes. Its arguments are
-- constants in a query planned for its parameters, so PostgreSQL evaluates it once while
-- planning, and each month only fills in its number (`replace`, then the text's cast).
-- Lexemes never hold control characters, so chr(1) marks only the months.
CREATE FUNCTION topic_probe_template(topic tsquery, people bigint[], organizations bigint[], either bool)
    RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
DECLARE
    month constant text := chr(1);
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
    RETURN probe;
END $$;

-- One month's probe from a template.
CREATE FUNCTION probe_for(template text, month int) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN replace(template, chr(1), month::text)::tsquery;

-- The one-month form, kept for callers of the earlier schema, now from the template.
CREATE OR REPLACE FUNCTION topic_probe(month int, topic tsquery, people bigint[], organizations bigint[], either bool)
    RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN probe_for(topic_probe_template(topic, people, organizations, either), month);
