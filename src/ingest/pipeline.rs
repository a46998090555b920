//! Many articles in: a stream of submissions read and extracted on `jobs` blocking
//! threads, stored in batches of whatever is ready (up to `batch`), one outcome per
//! input in input order. The HTTP bulk route and `whosaid ingest` both run it.
//!
//! Stages are joined by bounded channels, so memory stays bounded whatever the input's
//! length, and dropping the outcome stream (a client that hung up) stops the work once
//! the batch in hand is committed: what was reported stored is stored.

use std::sync::Arc;

use futures_util::{Stream, StreamExt};
use sqlx::PgPool;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

use super::{prepare_blocking, Body, Draft, IngestError, Submission};
use crate::db::articles::{self, NewArticle, Stored};
use crate::extract::{Extraction, EXTRACTOR_VERSION};
use crate::fetch::Fetcher;

/// One article on its way in; `label` says where it came from ("line 3", a path).
pub struct Item<L> {
    pub label: L,
    pub input: Result<Submission, IngestError>,
}

/// What became of one item.
#[derive(Debug)]
pub enum Outcome {
    Stored(Stored),
    Failed(IngestError),
}

/// How hard to work.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Articles read and extracted at once (threads), and pages fetched at once.
    pub jobs: usize,
    /// Most articles stored in one transaction.
    pub batch: usize,
    /// Transactions at once (PostgreSQL does a batch's index and full-text work on one
    /// core; two writers keep both of this machine's cores busy).
    pub writers: usize,
    /// The API key the stream came with, recorded with every article.
    pub key_id: Option<i64>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            jobs: 2,
            batch: 64,
            writers: 2,
            key_id: None,
        }
    }
}

type Prepared = Result<(NewArticle, Extraction), IngestError>;

/// Runs `items` through reading, extraction and storage. `fetcher` serves submissions
/// that ask for their URL to be fetched; without one they fail.
pub fn run<L: Send + 'static>(
    pool: PgPool,
    items: impl Stream<Item = Item<L>> + Send + 'static,
    fetcher: Option<Arc<Fetcher>>,
    options: Options,
) -> impl Stream<Item = (L, Outcome)> {
    let jobs = options.jobs.max(1);
    let batch = options.batch.max(1);
    let (prepared_tx, prepared_rx) = mpsc::channel::<(L, Prepared)>(batch);
    let (outcome_tx, outcome_rx) = mpsc::channel::<(L, Outcome)>(batch);
    tokio::spawn(async move {
        let mut prepared = std::pin::pin!(items
            .map(move |item| {
                let fetcher = fetcher.clone();
                async move {
                    let prepared = prepare_item(item.input, fetcher, options.key_id).await;
                    (item.label, prepared)
                }
            })
            .buffered(jobs));
        while let Some(ready) = prepared.next().await {
            if prepared_tx.send(ready).await.is_err() {
                return;
            }
        }
    });
    let writers = options.writers.max(1);
    tokio::spawn(async move {
        let stored = ReceiverStream::new(prepared_rx)
            .ready_chunks(batch)
            .map(|chunk| store_chunk(&pool, chunk))
            .buffered(writers);
        let mut stored = std::pin::pin!(stored);
        while let Some(outcomes) = stored.next().await {
            for outcome in outcomes {
                if outcome_tx.send(outcome).await.is_err() {
                    return;
                }
            }
        }
    });
    ReceiverStream::new(outcome_rx)
}

async fn prepare_item(
    input: Result<Submission, IngestError>,
    fetcher: Option<Arc<Fetcher>>,
    key_id: Option<i64>,
) -> Prepared {
    let mut draft: Draft = input?.validate()?;
    draft.key_id = key_id;
    let draft = match (&draft.body, fetcher) {
        (Body::Fetch, Some(fetcher)) => fetcher.fill(draft).await?,
        _ => draft,
    };
    prepare_blocking(draft).await
}

/// Stores what was prepared in one batch. When the batch fails for a reason other than
/// the database being gone, each article is tried alone, so one bad article fails alone.
async fn store_chunk<L>(pool: &PgPool, chunk: Vec<(L, Prepared)>) -> Vec<(L, Outcome)> {
    let ready: Vec<(&NewArticle, &Extraction)> = chunk
        .iter()
        .filter_map(|(_, p)| p.as_ref().ok().map(|(a, e)| (a, e)))
        .collect();
    let mut stored = match articles::store_batch(pool, &ready, EXTRACTOR_VERSION).await {
        Ok(stored) => stored.into_iter().map(Ok).collect::<Vec<_>>(),
        Err(err) if ready.len() > 1 && !is_unavailable(&err) => {
            tracing::warn!(error = %err, "a batch failed; storing its articles one by one");
            let mut one_by_one = Vec::with_capacity(ready.len());
            for (article, extraction) in &ready {
                one_by_one
                    .push(articles::store(pool, article, extraction, EXTRACTOR_VERSION).await);
            }
            one_by_one
        }
        Err(err) => {
            tracing::error!(error = %err, "a batch could not be stored");
            (0..ready.len()).map(|_| Err(copy_error(&err))).collect()
        }
    }
    .into_iter();
    chunk
        .into_iter()
        .map(|(label, prepared)| {
            let outcome = match prepared {
                Err(err) => Outcome::Failed(err),
                Ok(_) => match stored.next() {
                    Some(Ok(s)) => Outcome::Stored(s),
                    Some(Err(err)) => Outcome::Failed(IngestError::Database(err)),
                    None => Outcome::Failed(IngestError::Database(sqlx::Error::RowNotFound)),
                },
            };
            (label, outcome)
        })
        .collect()
}

/// Whether the database itself is out of reach (retrying each article would not help).
pub fn is_unavailable(err: &sqlx::Error) -> bool {
    matches!(
        err,
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed
    )
}

/// sqlx errors are not `Clone`; every article of a failed batch gets one of its kind.
fn copy_error(err: &sqlx::Error) -> sqlx::Error {
    match err {
        sqlx::Error::PoolTimedOut => sqlx::Error::PoolTimedOut,
        sqlx::Error::PoolClosed => sqlx::Error::PoolClosed,
        sqlx::Error::Io(io) => sqlx::Error::Io(std::io::Error::new(io.kind(), io.to_string())),
        other => sqlx::Error::Protocol(other.to_string()),
    }
}
