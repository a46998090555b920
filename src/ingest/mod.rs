//! Ingestion: a submitted article (text or page) read, extracted and stored. Shared
//! by the HTTP routes and the command line, so every way in stores the same thing.

pub mod lines;
pub mod pipeline;
pub mod sources;
pub mod submission;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use tokio::sync::Semaphore;

use crate::db::articles::{self, NewArticle, Stored};
use crate::extract::{self, ArticleInput, Extraction, Stop, EXTRACTOR_VERSION};
use crate::fetch::FetchError;
use crate::page::{self, FieldSource, PageError, Provenance};
pub use submission::{parse_published_at, Body, Draft, FieldError, Submission};

/// Why an article was not stored.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The input is not JSON.
    #[error("{0}")]
    Json(String),
    /// The input could not be read as an article at all: not UTF-8, too long, unreadable.
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Field(#[from] FieldError),
    #[error("html: {0}")]
    Page(#[from] PageError),
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error("the database is not reachable")]
    Database(#[from] sqlx::Error),
    /// The extraction was stopped because its request ended first (timeout, client gone).
    #[error("the extraction was stopped before it ended")]
    Stopped,
}

impl IngestError {
    /// The stable code of the API's error shape.
    pub fn code(&self) -> &'static str {
        match self {
            IngestError::Json(_) => "invalid_json",
            IngestError::Input(_) => "invalid_input",
            IngestError::Field(_) => "invalid_field",
            IngestError::Page(_) => "no_article",
            IngestError::Fetch(_) => "fetch_failed",
            IngestError::Database(e) if pipeline::is_unavailable(e) => "database_unavailable",
            IngestError::Database(_) => "internal",
            IngestError::Stopped => "timeout",
        }
    }
}

/// A draft made ready to store: the page read (when it is one), client metadata laid
/// over the page's, and the statements extracted. Pure and CPU-bound; gives up with
/// [`IngestError::Stopped`] once `stop` is raised.
pub fn prepare(
    draft: Draft,
    now: DateTime<Utc>,
    stop: &Stop<'_>,
) -> Result<(NewArticle, Extraction), IngestError> {
    let (text, page) = match draft.body {
        Body::Text(text) => (text, None),
        Body::Html(html) => {
            let page = page::read(&html, draft.url.as_deref())?;
            (page.text.clone(), Some(page))
        }
        Body::Fetch => {
            return Err(FieldError("url: the page has not been fetched".into()).into());
        }
    };
    let page = page.as_ref();
    let from_client = |value: Option<String>| value.map(|v| (v, FieldSource::Client));
    let title = from_client(draft.title).or_else(|| page.and_then(|p| p.title.clone()));
    let author = from_client(draft.author).or_else(|| page.and_then(|p| p.author.clone()));
    let source = from_client(draft.source).or_else(|| page.and_then(|p| p.source.clone()));
    let published = draft
        .published_at
        .map(|t| (t, FieldSource::Client))
        .or_else(|| page.and_then(|p| p.published_at));
    let (published_at, published_on, basis) = match published {
        Some((at, FieldSource::Client)) => (at, at.date_naive(), "given"),
        Some((at, _)) => (at, at.date_naive(), "page"),
        None => (now.fixed_offset(), now.date_naive(), "ingestion"),
    };
    let provenance = Provenance {
        title: title.as_ref().map(|t| t.1),
        author: author.as_ref().map(|t| t.1),
        published_at: published.map(|t| t.1),
        source: source.as_ref().map(|t| t.1),
    };
    let extraction = extract::extract_within(
        &ArticleInput {
            text: &text,
            published_on,
        },
        stop,
    )
    .ok_or(IngestError::Stopped)?;
    let article = NewArticle {
        text,
        title: title.map(|t| t.0),
        url: draft.url,
        source: source.map(|t| t.0),
        author: author.map(|t| t.0),
        published_at,
        published_at_basis: basis,
        metadata_sources: provenance,
        key_id: draft.key_id,
    };
    Ok((article, extraction))
}

fn run_extractor(text: &str, published_on: NaiveDate) -> Extraction {
    extract::extract(&ArticleInput { text, published_on })
}

/// [`prepare`] off the async runtime: page reading and extraction are CPU-bound, and a
/// 2 MiB page should not stall other requests. At most one preparation per core runs at
/// once (the rest wait their turn), which bounds the memory that large articles take;
/// when the caller stops waiting (a timed-out request), the work is stopped too.
pub async fn prepare_blocking(draft: Draft) -> Result<(NewArticle, Extraction), IngestError> {
    let slot = preparation_slots()
        .acquire()
        .await
        .expect("the semaphore is never closed");
    let stop = Arc::new(AtomicBool::new(false));
    let _raise_on_drop = RaiseOnDrop(stop.clone());
    let work = tokio::task::spawn_blocking(move || prepare(draft, Utc::now(), &Stop::on(&stop)));
    let prepared = work
        .await
        .unwrap_or_else(|join_error| std::panic::resume_unwind(join_error.into_panic()));
    drop(slot);
    prepared
}

/// One slot per core for CPU-bound preparations.
fn preparation_slots() -> &'static Semaphore {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| {
        Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
    })
}

/// Raises the flag when the future awaiting the work is dropped, finished or not.
struct RaiseOnDrop(Arc<AtomicBool>);

impl Drop for RaiseOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Reads, extracts and stores `draft`.
pub async fn ingest(pool: &PgPool, draft: Draft) -> Result<Stored, IngestError> {
    let (article, extraction) = prepare_blocking(draft).await?;
    Ok(articles::store(pool, &article, &extraction, EXTRACTOR_VERSION).await?)
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
            let extraction = tokio::task::spawn_blocking(move || {
                run_extractor(&text, published_at.date_naive())
            })
            .await
            .unwrap_or_else(|join_error| std::panic::resume_unwind(join_error.into_panic()));
            articles::replace_extraction(pool, id, published_at, &extraction, EXTRACTOR_VERSION)
                .await?;
            done += 1;
            tracing::info!(article = id, "re-extracted");
        }
    }
}
