-- Statements per month and speaker, kept on ingest beside speaker_days: a monthly timeline
-- of someone quoted every day adds up twelve rows a year (per organisation they spoke for)
-- instead of 365. Rows are dated the first day of their month, so that the daily rollup's
-- date conditions read the same on it when they take in whole months.
CREATE TABLE speaker_months (
    said_on date NOT NULL CHECK (extract(day FROM said_on) = 1),
    person_id bigint NOT NULL,
    organization_id bigint NOT NULL,
    statements bigint NOT NULL,
    PRIMARY KEY (said_on, person_id, organization_id) INCLUDE (statements)
);
CREATE INDEX speaker_months_person ON speaker_months (person_id, said_on) INCLUDE (statements)
    WHERE person_id <> 0;
CREATE INDEX speaker_months_organization ON speaker_months (organization_id, said_on) INCLUDE (statements)
    WHERE organization_id <> 0;

INSERT INTO speaker_months (said_on, person_id, organization_id, statements)
SELECT date_trunc('month', said_on::timestamp)::date, person_id, organization_id, sum(statements)
FROM speaker_days
GROUP BY 1, 2, 3;

ANALYZE speaker_months;
