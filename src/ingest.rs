//! Ingestion: one validated article through the extractor and into the database.
//! Shared by the HTTP route and `whosaid reextract`, so both store the same thing.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

use crate::db::articles::{self, NewArticle};
use crate::extract::{self, ArticleInput, Extraction, EXTRACTOR_VERSION};

/// A publication date as clients send it: `2025-02-13` (midnight UTC) or an RFC 3339
/// date-time.
pub fn parse_published_at(value: &str) -> Option<DateTime<Utc>> {
    let value = value.trim();
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some(date.and_hms_opt(0, 0, 0)?.and_utc());
    }
    DateTime::parse_from_rfc3339(value)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Runs the extractor off the async runtime: it is CPU-bound, and a 2 MiB article
/// should not stall other requests.
pub async fn extract_blocking(text: String, published_on: NaiveDate) -> Extraction {
    tokio::task::spawn_blocking(move || {
        extract::extract(&ArticleInput {
            text: &text,
            published_on,
        })
    })
    .await
    .unwrap_or_else(|join_error| std::panic::resume_unwind(join_error.into_panic()))
}

/// Extracts and stores `article`. Returns its id and whether it was new.
pub async fn ingest(pool: &PgPool, article: &NewArticle) -> Result<(i64, bool), sqlx::Error> {
    let extraction =
        extract_blocking(article.text.clone(), article.published_at.date_naive()).await;
    articles::store(pool, article, &extraction, EXTRACTOR_VERSION).await
}

/// Re-runs the current extractor over every article stored by another version,
/// one transaction per article, so it can be interrupted and run again.
/// Returns how many articles were updated.
pub async fn reextract_all(pool: &PgPool) -> Result<u64, sqlx::Error> {
    let mut done = 0;
    let mut after = 0;
    loop {
        let batch = articles::stale(pool, EXTRACTOR_VERSION, after, 100).await?;
        let Some(last) = batch.last() else {
            return Ok(done);
        };
        after = last.0;
        for (id, text, published_at) in batch {
            let extraction = extract_blocking(text, published_at.date_naive()).await;
            articles::replace_extraction(pool, id, &extraction, EXTRACTOR_VERSION).await?;
            done += 1;
            tracing::info!(article = id, "re-extracted");
        }
    }
}
