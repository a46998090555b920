-- The people and organisations a typed name names, in one call planned once per connection.
--
-- The service's sessions plan every statement for its parameters (force_custom_plan), which
-- the catch-all listings need. A name lookup has one good plan whatever the name (the
-- alias index for an equal name, the trigram index for whole words inside one), yet
-- planning it took 0.5 ms of its 0.8, and a question looked up each name twice, as a
-- person and as an organisation. PL/pgSQL keeps each RETURN QUERY's plan for the session,
-- and the SET clause makes that plan the generic one.
--
-- Scores: 1 for an alias equal to the name, 0.9 for one that holds it as whole words
-- ("rutte" in "mark rutte"; "john" is not in "johnson"). Each kind: best score first, then
-- most quoted, at most 50.
CREATE FUNCTION resolve_names(typed text, people bool, organizations bool)
    RETURNS TABLE (kind text, id bigint, name text, statement_count bigint, score real)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET plan_cache_mode = force_generic_plan
    AS $$
DECLARE
    f constant text := fold_name(typed);
    -- LIKE's own characters in the name, escaped.
    esc constant text := replace(replace(replace(f, '\', '\\'), '%', '\%'), '_', '\_');
BEGIN
    IF people THEN
        RETURN QUERY
            SELECT 'person', p.id, p.name, p.statement_count, max(m.score)::real
            FROM (SELECT pa.person_id, CASE WHEN pa.alias_fold = f THEN 1 ELSE 0.9 END AS score
                  FROM person_aliases pa
                  WHERE pa.alias_fold = f
                     OR (pa.alias_fold LIKE '%' || esc || '%'
                         AND ' ' || pa.alias_fold || ' ' LIKE '% ' || esc || ' %')) m
            JOIN people p ON p.id = m.person_id
            GROUP BY p.id
            ORDER BY 5 DESC, p.statement_count DESC, p.id
            LIMIT 50;
    END IF;
    IF organizations THEN
        RETURN QUERY
            SELECT 'organization', o.id, o.name, o.statement_count, max(m.score)::real
            FROM (SELECT oa.organization_id, CASE WHEN oa.alias_fold = f THEN 1 ELSE 0.9 END AS score
                  FROM organization_aliases oa
                  WHERE oa.alias_fold = f
                     OR (oa.alias_fold LIKE '%' || esc || '%'
                         AND ' ' || oa.alias_fold || ' ' LIKE '% ' || esc || ' %')) m
            JOIN organizations o ON o.id = m.organization_id
            GROUP BY o.id
            ORDER BY 5 DESC, o.statement_count DESC, o.id
            LIMIT 50;
    END IF;
END $$;
