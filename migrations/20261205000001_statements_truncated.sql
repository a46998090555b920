-- An article whose text held more statements than the extractor keeps for its length
-- (a list, a transcript gone wrong, an attack) says so, so readers know its statements
-- are the first ones only. A constant default: a catalogue-only change, no rewrite.
ALTER TABLE articles ADD COLUMN statements_truncated boolean NOT NULL DEFAULT false;
