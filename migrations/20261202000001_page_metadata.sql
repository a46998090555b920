-- Articles read from web pages: where each metadata field came from ("client", "json-ld",
-- "meta", "html", "url"), and a publication date that the page itself stated.
ALTER TABLE articles ADD COLUMN metadata_sources JSONB NOT NULL DEFAULT '{}';
ALTER TABLE articles DROP CONSTRAINT articles_published_at_basis_check;
ALTER TABLE articles ADD CONSTRAINT articles_published_at_basis_check
    CHECK (published_at_basis IN ('given', 'page', 'ingestion'));
