//! Articles: storing one with everything extracted from it, in one transaction, and
//! reading it back.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{PgPool, Postgres, Transaction};
use utoipa::ToSchema;

use super::extractions::{self, NewRows};
use crate::extract::Extraction;
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
    /// The API key it was submitted with.
    pub key_id: Option<i64>,
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
    /// More statements were found than are kept for a text this long; the article's
    /// statements are the first ones in text order.
    pub statements_truncated: bool,
    pub text: String,
}

/// What storing one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub id: i64,
    /// False when the same article (same URL, or same text without URL) was there already.
    pub created: bool,
    /// Statements written (0 for an article that was there already).
    pub statements: usize,
}

/// An article's identity: its URL, or the SHA-256 of its text when it has none.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Identity {
    Url(String),
    Text(Vec<u8>),
}

fn identity(article: &NewArticle) -> Identity {
    match &article.url {
        Some(url) => Identity::Url(url.clone()),
        None => Identity::Text(Sha256::digest(article.text.as_bytes()).to_vec()),
    }
}

/// Stores one article and what was extracted from it; see [`store_batch`].
pub async fn store(
    pool: &PgPool,
    article: &NewArticle,
    extraction: &Extraction,
    extractor_version: &str,
) -> Result<Stored, sqlx::Error> {
    let stored = store_batch(pool, &[(article, extraction)], extractor_version).await?;
    Ok(stored[0])
}

/// Stores a batch of articles with what was extracted from them, in one transaction of
/// a handful of round trips whatever its size, skipping those already stored (and
/// repeats within the batch). Answers one [`Stored`] per input, in input order.
///
/// Safe under concurrent writers, in this process or another replica: rows are taken
/// in key order table by table (articles, people, organisations), so writers never
/// deadlock, and the loser of a race on an article waits for the winner's commit and
/// then finds its row.
pub async fn store_batch(
    pool: &PgPool,
    batch: &[(&NewArticle, &Extraction)],
    extractor_version: &str,
) -> Result<Vec<Stored>, sqlx::Error> {
    let identities: Vec<Identity> = batch.iter().map(|(a, _)| identity(a)).collect();
    // The first of each identity is the one to insert, in identity order.
    let mut firsts: BTreeMap<&Identity, usize> = BTreeMap::new();
    for (i, id) in identities.iter().enumerate() {
        firsts.entry(id).or_insert(i);
    }
    let order: Vec<usize> = firsts.values().copied().collect();
    let mut tx = pool.begin().await?;
    let created = insert_articles(&mut tx, batch, &order, extractor_version).await?;
    let missing: Vec<&Identity> = firsts
        .keys()
        .copied()
        .filter(|k| !created.contains_key(*k))
        .collect();
    let existing = find_existing(&mut tx, &missing).await?;
    let new_articles: Vec<NewRows> = order
        .iter()
        .filter_map(|&i| {
            created.get(&identities[i]).map(|&article_id| NewRows {
                article_id,
                published_at: batch[i].0.published_at,
                extraction: batch[i].1,
            })
        })
        .collect();
    let written = extractions::insert(&mut tx, &new_articles, extractor_version).await?;
    tx.commit().await?;

    let mut answered = HashSet::new();
    identities
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let first = firsts[key] == i && answered.insert(key);
            match (created.get(key), existing.get(key)) {
                (Some(&id), _) => Ok(Stored {
                    id,
                    created: first,
                    statements: if first {
                        written.get(&id).copied().unwrap_or(0)
                    } else {
                        0
                    },
                }),
                (None, Some(&id)) => Ok(Stored {
                    id,
                    created: false,
                    statements: 0,
                }),
                // The conflicting row is committed (we waited on its index entry), so it is there.
                (None, None) => Err(sqlx::Error::RowNotFound),
            }
        })
        .collect()
}

/// Inserts the articles at `order` (first of each identity, in identity order); returns
/// the ids of those that were new, by identity.
async fn insert_articles(
    tx: &mut Transaction<'_, Postgres>,
    batch: &[(&NewArticle, &Extraction)],
    order: &[usize],
    extractor_version: &str,
) -> Result<HashMap<Identity, i64>, sqlx::Error> {
    let pick = |f: &dyn Fn(&NewArticle) -> Option<String>| -> Vec<Option<String>> {
        order.iter().map(|&i| f(batch[i].0)).collect()
    };
    let urls = pick(&|a| a.url.clone());
    let shas: Vec<Vec<u8>> = order
        .iter()
        .map(|&i| Sha256::digest(batch[i].0.text.as_bytes()).to_vec())
        .collect();
    let texts: Vec<String> = order.iter().map(|&i| batch[i].0.text.clone()).collect();
    let published: Vec<DateTime<FixedOffset>> =
        order.iter().map(|&i| batch[i].0.published_at).collect();
    let bases: Vec<String> = order
        .iter()
        .map(|&i| batch[i].0.published_at_basis.to_string())
        .collect();
    let sources: Vec<serde_json::Value> = order
        .iter()
        .map(|&i| serde_json::to_value(batch[i].0.metadata_sources).unwrap_or_default())
        .collect();
    let truncated: Vec<bool> = order.iter().map(|&i| batch[i].1.truncated).collect();
    let key_ids: Vec<Option<i64>> = order.iter().map(|&i| batch[i].0.key_id).collect();
    let rows = sqlx::query!(
        r#"INSERT INTO articles
            (url, text_sha256, title, source, author, text, published_at, published_at_basis,
             metadata_sources, extractor_version, statements_truncated, key_id)
           SELECT url, sha, title, source, author, text, published_at, basis, sources, $10, cut,
                  key
           FROM UNNEST($1::text[], $2::bytea[], $3::text[], $4::text[], $5::text[], $6::text[],
                       $7::timestamptz[], $8::text[], $9::jsonb[], $11::bool[], $12::bigint[])
                WITH ORDINALITY AS a(url, sha, title, source, author, text, published_at, basis,
                                     sources, cut, key, n)
           ORDER BY n
           ON CONFLICT DO NOTHING
           RETURNING id, url, text_sha256"#,
        &urls as &[Option<String>],
        &shas,
        &pick(&|a| a.title.clone()) as &[Option<String>],
        &pick(&|a| a.source.clone()) as &[Option<String>],
        &pick(&|a| a.author.clone()) as &[Option<String>],
        &texts,
        &published,
        &bases,
        &sources,
        extractor_version,
        &truncated,
        &key_ids as &[Option<i64>],
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let key = match r.url {
                Some(url) => Identity::Url(url),
                None => Identity::Text(r.text_sha256),
            };
            (key, r.id)
        })
        .collect())
}

/// The stored articles with these identities.
async fn find_existing(
    tx: &mut Transaction<'_, Postgres>,
    identities: &[&Identity],
) -> Result<HashMap<Identity, i64>, sqlx::Error> {
    if identities.is_empty() {
        return Ok(HashMap::new());
    }
    let (mut urls, mut shas) = (Vec::new(), Vec::new());
    for identity in identities {
        match identity {
            Identity::Url(url) => urls.push(url.clone()),
            Identity::Text(sha) => shas.push(sha.clone()),
        }
    }
    let rows = sqlx::query!(
        "SELECT id, url, text_sha256 FROM articles WHERE url = ANY($1)
         UNION ALL
         SELECT id, url, text_sha256 FROM articles WHERE url IS NULL AND text_sha256 = ANY($2)",
        &urls,
        &shas
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let key = match r.url {
                Some(url) => Identity::Url(url),
                None => Identity::Text(r.text_sha256?),
            };
            Some((key, r.id?))
        })
        .collect())
}

/// Replaces an article's statements with a fresh extraction (for `whosaid reextract`).
pub async fn replace_extraction(
    pool: &PgPool,
    article_id: i64,
    published_at: DateTime<Utc>,
    extraction: &Extraction,
    extractor_version: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let affected = extractions::delete(&mut tx, article_id).await?;
    let rows = NewRows {
        article_id,
        published_at: published_at.fixed_offset(),
        extraction,
    };
    extractions::insert(&mut tx, &[rows], extractor_version).await?;
    extractions::recount(&mut tx, &affected).await?;
    sqlx::query!(
        "UPDATE articles SET extractor_version = $2, statements_truncated = $3 WHERE id = $1",
        article_id,
        extractor_version,
        extraction.truncated
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
                  ingested_at, extractor_version, statements_truncated, text
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
