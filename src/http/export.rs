//! Listings as files: CSV (for spreadsheets) and NDJSON (for scripts), streamed from the
//! database a chunk at a time, so a million rows take the memory of a few hundred.

use std::convert::Infallible;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

use super::error::ApiError;
use super::AppState;
use crate::db::quotes::{self, QuoteView};
use crate::db::statements::{self, Filter, StatementView};

/// Rows fetched and written at a time.
const CHUNK: usize = 500;

/// What a listing is answered as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Ndjson,
}

impl Format {
    /// From `format=` if given, else from the `Accept` header, else JSON.
    pub fn chosen(param: Option<&str>, accept: Option<&HeaderValue>) -> Result<Format, ApiError> {
        match param {
            Some("json") => return Ok(Format::Json),
            Some("csv") => return Ok(Format::Csv),
            Some("ndjson") => return Ok(Format::Ndjson),
            Some("") | None => {}
            Some(other) => {
                return Err(ApiError::parameter(format!(
                    "format: must be json, csv or ndjson, not {:?}",
                    crate::echo::truncate(other, 20)
                )))
            }
        }
        let accept = accept
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        Ok(if accept.contains("text/csv") {
            Format::Csv
        } else if accept.contains("application/x-ndjson") || accept.contains("application/jsonl") {
            Format::Ndjson
        } else {
            Format::Json
        })
    }
}

/// The CSV columns, in their documented, stable order.
pub const STATEMENT_COLUMNS: [&str; 23] = [
    "id",
    "said_on",
    "date_basis",
    "kind",
    "speaker",
    "speaker_kind",
    "speaker_id",
    "role",
    "organization",
    "organization_id",
    "quote",
    "cue",
    "sentence",
    "article_id",
    "title",
    "url",
    "source",
    "published_at",
    "quote_id",
    "reports",
    "confidence",
    "extractor_version",
    "act",
];

/// A row of an export: its CSV columns (documented, stable order) and its NDJSON form
/// (the JSON listing's).
trait Row: serde::Serialize {
    const COLUMNS: &'static [&'static str];
    fn record(&self) -> Vec<String>;
}

fn opt(v: Option<String>) -> String {
    v.unwrap_or_default()
}

impl Row for StatementView {
    const COLUMNS: &'static [&'static str] = &STATEMENT_COLUMNS;
    fn record(&self) -> Vec<String> {
        let s = self;
        let speaker = s.speaker.as_ref();
        let organization = speaker.and_then(|sp| sp.organization.as_ref());
        vec![
            s.id.to_string(),
            s.said_on.to_string(),
            s.date_basis.clone(),
            s.kind.clone(),
            opt(speaker.map(|sp| sp.name.clone())),
            opt(speaker.map(|sp| sp.kind.clone())),
            opt(speaker.and_then(|sp| sp.id).map(|id| id.to_string())),
            opt(speaker.and_then(|sp| sp.role.clone())),
            opt(organization.map(|o| o.name.clone())),
            opt(organization.map(|o| o.id.to_string())),
            s.quote.clone(),
            opt(s.cue.as_ref().map(|c| c.text.clone())),
            s.sentence.text.clone(),
            s.article.id.to_string(),
            opt(s.article.title.clone()),
            opt(s.article.url.clone()),
            opt(s.article.source.clone()),
            s.article.published_at.to_rfc3339(),
            opt(s.quote_id.map(|q| q.to_string())),
            opt(s.reports.map(|r| r.to_string())),
            s.confidence.to_string(),
            s.extractor_version.clone(),
            s.act.clone(),
        ]
    }
}

/// The CSV columns of a quote export, in their documented, stable order.
pub const QUOTE_COLUMNS: [&str; 12] = [
    "id",
    "speaker",
    "person_id",
    "organization_id",
    "quote",
    "reports",
    "first_said_on",
    "first_published_at",
    "first_article_id",
    "first_title",
    "first_url",
    "first_source",
];

impl Row for QuoteView {
    const COLUMNS: &'static [&'static str] = &QUOTE_COLUMNS;
    fn record(&self) -> Vec<String> {
        let first = &self.first_reported;
        vec![
            self.id.to_string(),
            opt(self.speaker.clone()),
            opt(self.person_id.map(|id| id.to_string())),
            opt(self.organization_id.map(|id| id.to_string())),
            self.quote.clone(),
            self.reports.to_string(),
            first.said_on.to_string(),
            first.published_at.to_rfc3339(),
            first.article_id.to_string(),
            opt(first.title.clone()),
            opt(first.url.clone()),
            opt(first.source.clone()),
        ]
    }
}

/// Encodes a chunk of rows (with the CSV header before the first).
fn encode<R: Row>(format: Format, rows: &[R], first: bool) -> Vec<u8> {
    match format {
        Format::Csv => {
            let mut writer = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(Vec::new());
            if first {
                let _ = writer.write_record(R::COLUMNS);
            }
            for row in rows {
                let _ = writer.write_record(row.record());
            }
            writer.into_inner().unwrap_or_default()
        }
        _ => {
            let mut out = Vec::new();
            for row in rows {
                let _ = serde_json::to_writer(&mut out, row);
                out.push(b'\n');
            }
            out
        }
    }
}

type Chunks = mpsc::Sender<Result<Bytes, Infallible>>;

/// Every statement matching `filter`, newest first, as a streamed CSV or NDJSON file.
pub fn statements(state: &AppState, filter: Filter, format: Format) -> Response {
    let pool = state.pool.clone();
    streamed::<StatementView, _, _>(state, format, "statements", move |out| async move {
        let mut out = out;
        statements::for_each_chunk(&pool, &filter, CHUNK, |rows| out.send(rows)).await
    })
}

/// Every quote with a report matching `filter`, most recently said first, streamed.
pub fn quotes(state: &AppState, filter: Filter, format: Format) -> Response {
    let pool = state.pool.clone();
    streamed::<QuoteView, _, _>(state, format, "quotes", move |out| async move {
        let mut out = out;
        quotes::for_each_chunk(&pool, &filter, CHUNK, |rows| out.send(rows)).await
    })
}

/// Where a producer writes its chunks: encodes them, the CSV header first.
struct Out {
    tx: Chunks,
    format: Format,
    first: bool,
}

impl Out {
    /// Sends one chunk; false once the client is gone.
    fn send<R: Row>(&mut self, rows: Vec<R>) -> impl std::future::Future<Output = bool> {
        let chunk = Bytes::from(encode(self.format, &rows, self.first));
        self.first = false;
        let tx = self.tx.clone();
        async move { tx.send(Ok(chunk)).await.is_ok() }
    }
}

/// A file response fed by `produce` on its own task, once one of the export slots
/// (`AppState::exports`) is free. A database failure midway ends the file early (the
/// status line is long sent) and is logged.
fn streamed<R, F, Fut>(state: &AppState, format: Format, name: &str, produce: F) -> Response
where
    R: Row,
    F: FnOnce(Out) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<(), sqlx::Error>> + Send,
{
    let (tx, rx) = mpsc::channel::<Result<Bytes, Infallible>>(4);
    let slots = state.exports.clone();
    tokio::spawn(async move {
        let Ok(_slot) = slots.acquire_owned().await else {
            return;
        };
        let mut first = true;
        if format == Format::Csv {
            // The header goes out even when nothing matches.
            first = false;
            if tx
                .send(Ok(Bytes::from(encode::<R>(format, &[], true))))
                .await
                .is_err()
            {
                return;
            }
        }
        if let Err(err) = produce(Out { tx, format, first }).await {
            tracing::error!(error = %err, "an export stopped early");
        }
    });
    let (content_type, extension) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        _ => ("application/x-ndjson", "ndjson"),
    };
    Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}.{extension}\""),
        )
        .body(Body::from_stream(ReceiverStream::new(rx)))
        .expect("a valid response")
}
