-- What kind of act each statement reports, so that "what did X say" can leave out what
-- X only believes, backs or plans. Rows written by extractors before 0.6 read as speech
-- until `whosaid reextract` re-reads them. A constant default rewrites no rows; the check
-- reads the table once (about a second per million statements).
ALTER TABLE statements
    ADD COLUMN act text NOT NULL DEFAULT 'speech'
    CHECK (act IN ('speech', 'writing', 'belief', 'stance', 'intention'));
