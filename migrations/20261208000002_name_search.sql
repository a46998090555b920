-- Fuzzy name search (`people?q=`, `organizations?q=`, suggestions for a name not found),
-- planned once per connection, as `resolve_names` is: its plan (the trigram index for
-- each of four conditions, OR-ed) does not change with the name, yet planning it took 1.5
-- of its 5 ms at a million statements. Scores: 1 for an alias equal to the name or holding
-- it as whole words, else the better of trigram similarity and word similarity; only those
-- at `min_score` or more; best first, then most quoted.
CREATE FUNCTION search_people(typed text, min_score real, skip bigint, take bigint)
    RETURNS TABLE (id bigint, name text, statement_count bigint, score real)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET plan_cache_mode = force_generic_plan
    AS $$
DECLARE
    f constant text := fold_name(typed);
    -- LIKE's own characters in the name, escaped.
    esc constant text := replace(replace(replace(f, '\', '\\'), '%', '\%'), '_', '\_');
BEGIN
    RETURN QUERY
        SELECT p.id, p.name, p.statement_count, m.score
        FROM (SELECT pa.person_id,
                     max(CASE WHEN pa.alias_fold = f
                                OR ' ' || pa.alias_fold || ' ' LIKE '% ' || esc || ' %' THEN 1
                              ELSE greatest(similarity(pa.alias_fold, f), word_similarity(f, pa.alias_fold))
                         END)::real AS score
              FROM person_aliases pa
              WHERE pa.alias_fold % f OR f <% pa.alias_fold
                 OR pa.alias_fold LIKE esc || '%' OR pa.alias_fold LIKE '% ' || esc || '%'
              GROUP BY pa.person_id) m
        JOIN people p ON p.id = m.person_id
        WHERE m.score >= min_score
        ORDER BY 4 DESC, p.statement_count DESC, p.id
        OFFSET skip LIMIT take;
END $$;

CREATE FUNCTION search_organizations(typed text, min_score real, skip bigint, take bigint)
    RETURNS TABLE (id bigint, name text, statement_count bigint, score real)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET plan_cache_mode = force_generic_plan
    AS $$
DECLARE
    f constant text := fold_name(typed);
    esc constant text := replace(replace(replace(f, '\', '\\'), '%', '\%'), '_', '\_');
BEGIN
    RETURN QUERY
        SELECT o.id, o.name, o.statement_count, m.score
        FROM (SELECT oa.organization_id,
                     max(CASE WHEN oa.alias_fold = f
                                OR ' ' || oa.alias_fold || ' ' LIKE '% ' || esc || ' %' THEN 1
                              ELSE greatest(similarity(oa.alias_fold, f), word_similarity(f, oa.alias_fold))
                         END)::real AS score
              FROM organization_aliases oa
              WHERE oa.alias_fold % f OR f <% oa.alias_fold
                 OR oa.alias_fold LIKE esc || '%' OR oa.alias_fold LIKE '% ' || esc || '%'
              GROUP BY oa.organization_id) m
        JOIN organizations o ON o.id = m.organization_id
        WHERE m.score >= min_score
        ORDER BY 4 DESC, o.statement_count DESC, o.id
        OFFSET skip LIMIT take;
END $$;
