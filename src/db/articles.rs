//! Articles: storing one with everything extracted from it, in one transaction, and
//! reading it back.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;
use sqlx::{PgPool, Postgres, Transaction};
use utoipa::ToSchema;

use super::{organizations, people, statements};
use crate::extract::{Extraction, SpeakerKind};
use crate::page::Provenance;

/// An article as a client gave it, validated.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// With the offset it was given or stated in: its calendar day is the day of publication.
    pub published_at: DateTime<FixedOffset>,
    /// `given` (by the client), `page` (stated by the page), or `ingestion` (neither: the
    /// time of ingestion).
    pub published_at_basis: &'static str,
    /// Where title, author, date and source came from.
    pub metadata_sources: Provenance,
}

/// An article as stored.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Article {
    pub id: i64,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub published_at: DateTime<Utc>,
    /// `given` (sent by the client), `page` (stated by the article's web page) or
    /// `ingestion` (no date known: the time of ingestion).
    pub published_at_basis: String,
    /// Where each metadata field came from: `client`, `json-ld`, `meta`, `html` or `url`.
    #[schema(value_type = Provenance)]
    pub metadata_sources: sqlx::types::Json<Provenance>,
    pub ingested_at: DateTime<Utc>,
    pub extractor_version: String,
    pub text: String,
}

/// Stores `article` and what was extracted from it, unless the same article (same URL,
/// or same text when there is no URL) is already stored. Returns the stored article's
/// id and whether this call created it. Safe under concurrent identical requests: the
/// unique indexes make the loser of a race wait for the winner and then find its row.
pub async fn store(
    pool: &PgPool,
    article: &NewArticle,
    extraction: &Extraction,
    extractor_version: &str,
) -> Result<(i64, bool), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let inserted = sqlx::query_scalar!(
        r#"
        INSERT INTO articles
            (url, text_sha256, title, source, author, text, published_at, published_at_basis,
             extractor_version, metadata_sources)
        VALUES ($1, sha256(convert_to($2, 'UTF8')), $3, $4, $5, $2, $6, $7, $8, $9)
        ON CONFLICT DO NOTHING
        RETURNING id
        "#,
        article.url,
        article.text,
        article.title,
        article.source,
        article.author,
        article.published_at,
        article.published_at_basis,
        extractor_version,
        sqlx::types::Json(&article.metadata_sources) as _,
    )
    .fetch_optional(&mut *tx)
    .await?;

    let Some(id) = inserted else {
        tx.rollback().await?;
        let existing = find_existing(pool, article).await?;
        // The conflicting row is committed (we waited on its index entry), so it is there.
        return existing
            .map(|id| (id, false))
            .ok_or(sqlx::Error::RowNotFound);
    };

    insert_extraction(&mut tx, id, extraction, extractor_version).await?;
    tx.commit().await?;
    Ok((id, true))
}

/// The stored article that `article` duplicates, if any.
async fn find_existing(pool: &PgPool, article: &NewArticle) -> Result<Option<i64>, sqlx::Error> {
    match &article.url {
        Some(url) => {
            sqlx::query_scalar!("SELECT id FROM articles WHERE url = $1", url)
                .fetch_optional(pool)
                .await
        }
        None => {
            sqlx::query_scalar!(
                "SELECT id FROM articles
                 WHERE url IS NULL AND text_sha256 = sha256(convert_to($1, 'UTF8'))",
                article.text
            )
            .fetch_optional(pool)
            .await
        }
    }
}

/// Writes the people, organisations and statements of one article.
async fn insert_extraction(
    tx: &mut Transaction<'_, Postgres>,
    article_id: i64,
    extraction: &Extraction,
    extractor_version: &str,
) -> Result<(), sqlx::Error> {
    // Every row is upserted in name order, so concurrent ingestions touching the same
    // people and organisations lock them in the same order and never deadlock.
    let mut people_by_key = BTreeMap::new();
    let mut orgs_by_key = BTreeMap::new();
    for entity in &extraction.entities {
        match entity.kind {
            SpeakerKind::Person => {
                people_by_key.insert(super::name_key(&entity.name), entity);
            }
            SpeakerKind::Organization => {
                orgs_by_key.insert(super::name_key(&entity.name), entity.name.as_str());
            }
            SpeakerKind::Anonymous => {}
        }
    }
    for speaker in extraction
        .statements
        .iter()
        .filter_map(|s| s.speaker.as_ref())
    {
        if let Some(org) = speaker.organization.as_deref() {
            orgs_by_key.entry(super::name_key(org)).or_insert(org);
        }
    }
    let mut person_ids = HashMap::new();
    for (key, entity) in people_by_key {
        person_ids.insert(
            key,
            people::upsert(tx, &entity.name, &entity.aliases).await?,
        );
    }
    let mut org_ids = HashMap::new();
    for (key, name) in orgs_by_key {
        org_ids.insert(key, organizations::upsert(tx, name).await?);
    }

    let records: Vec<_> = extraction
        .statements
        .iter()
        .map(|statement| {
            let speaker = statement.speaker.as_ref();
            let entity = speaker
                .and_then(|s| s.entity)
                .and_then(|i| extraction.entities.get(i));
            let entity_key = entity.map(|e| super::name_key(&e.name));
            let person_id = match entity {
                Some(e) if e.kind == SpeakerKind::Person => {
                    entity_key.as_ref().and_then(|k| person_ids.get(k).copied())
                }
                _ => None,
            };
            // An organisation speaks for itself; a person for the organisation named with them.
            let organization_key = match entity {
                Some(e) if e.kind == SpeakerKind::Organization => entity_key,
                _ => speaker
                    .and_then(|s| s.organization.as_deref())
                    .map(super::name_key),
            };
            statements::StatementRecord {
                person_id,
                organization_id: organization_key.and_then(|k| org_ids.get(&k).copied()),
                statement,
            }
        })
        .collect();
    statements::insert_all(tx, article_id, extractor_version, &records).await?;
    Ok(())
}

/// Replaces an article's statements with a fresh extraction (for `whosaid reextract`).
pub async fn replace_extraction(
    pool: &PgPool,
    article_id: i64,
    extraction: &Extraction,
    extractor_version: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query!("DELETE FROM statements WHERE article_id = $1", article_id)
        .execute(&mut *tx)
        .await?;
    insert_extraction(&mut tx, article_id, extraction, extractor_version).await?;
    sqlx::query!(
        "UPDATE articles SET extractor_version = $2 WHERE id = $1",
        article_id,
        extractor_version
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// One article by id.
pub async fn get(pool: &PgPool, id: i64) -> Result<Option<Article>, sqlx::Error> {
    sqlx::query_as!(
        Article,
        r#"SELECT id, title, url, source, author, published_at, published_at_basis,
                  metadata_sources AS "metadata_sources: sqlx::types::Json<Provenance>",
                  ingested_at, extractor_version, text
           FROM articles WHERE id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await
}

/// Articles whose statements came from another extractor version than `version`,
/// as (id, text, publication date), oldest first, `limit` at a time after `after_id`.
pub async fn stale(
    pool: &PgPool,
    version: &str,
    after_id: i64,
    limit: i64,
) -> Result<Vec<(i64, String, DateTime<Utc>)>, sqlx::Error> {
    let rows = sqlx::query!(
        "SELECT id, text, published_at FROM articles
         WHERE extractor_version <> $1 AND id > $2
         ORDER BY id LIMIT $3",
        version,
        after_id,
        limit
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.id, r.text, r.published_at))
        .collect())
}
