-- Statements per day and speaker, kept on ingest: timelines and top speakers for a
-- person, an organisation or a date range add up a few thousand of these rows instead
-- of counting millions of statements. 0 stands for "no person" / "no organisation".
CREATE TABLE speaker_days (
    said_on date NOT NULL,
    person_id bigint NOT NULL,
    organization_id bigint NOT NULL,
    statements bigint NOT NULL,
    PRIMARY KEY (said_on, person_id, organization_id) INCLUDE (statements)
);
-- Covering (INCLUDE statements): a timeline reads only the index, not thousands of
-- scattered table pages.
CREATE INDEX speaker_days_person ON speaker_days (person_id, said_on) INCLUDE (statements)
    WHERE person_id <> 0;
CREATE INDEX speaker_days_organization ON speaker_days (organization_id, said_on) INCLUDE (statements)
    WHERE organization_id <> 0;

INSERT INTO speaker_days (said_on, person_id, organization_id, statements)
SELECT said_on, coalesce(person_id, 0), coalesce(organization_id, 0), count(*)
FROM statements
GROUP BY 1, 2, 3;

-- pg_trgm's matching operators cost far more than the planner's default for a
-- function: priced as cheap, a fuzzy name search over a few thousand aliases chose a
-- sequential scan (30-50 ms) over the trigram index (2-3 ms).
ALTER FUNCTION similarity_op(text, text) COST 100;
ALTER FUNCTION word_similarity_op(text, text) COST 100;
ALTER FUNCTION word_similarity_commutator_op(text, text) COST 100;
ALTER FUNCTION similarity(text, text) COST 100;
ALTER FUNCTION word_similarity(text, text) COST 100;

ANALYZE speaker_days;
