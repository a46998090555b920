-- What kind of act each statement reports, so that "what did X say" can leave out what
-- X only believes, backs or plans. Rows written by extractors before 0.6 read as speech
-- until `whosaid reextract` re-reads them. A constant default makes this a catalogue-only
-- change, however many rows there are.
ALTER TABLE statements
    ADD COLUMN act text NOT NULL DEFAULT 'speech'
    CHECK (act IN ('speech', 'writing', 'belief', 'stance', 'intention'));
