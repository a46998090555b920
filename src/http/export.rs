//! Listings as files: CSV (for spreadsheets) and NDJSON (for scripts), streamed from the
//! database a chunk at a time, so a million rows take the memory of a few hundred.

use std::convert::Infallible;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use sqlx::PgPool;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

use super::error::ApiError;
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
        match param.map(|p| p.trim().to_ascii_lowercase()).as_deref() {
            Some("json") => return Ok(Format::Json),
            Some("csv") => return Ok(Format::Csv),
            Some("ndjson" | "jsonl") => return Ok(Format::Ndjson),
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
pub const STATEMENT_COLUMNS: [&str; 22] = [
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
];

fn csv_row(s: &StatementView) -> [String; 22] {
    let opt = |v: Option<String>| v.unwrap_or_default();
    let speaker = s.speaker.as_ref();
    [
        s.id.to_string(),
        s.said_on.to_string(),
        s.date_basis.clone(),
        s.kind.clone(),
        opt(speaker.map(|sp| sp.name.clone())),
        opt(speaker.map(|sp| sp.kind.clone())),
        opt(speaker.and_then(|sp| sp.id).map(|id| id.to_string())),
        opt(speaker.and_then(|sp| sp.role.clone())),
        opt(speaker
            .and_then(|sp| sp.organization.as_ref())
            .map(|o| o.name.clone())),
        opt(speaker
            .and_then(|sp| sp.organization.as_ref())
            .map(|o| o.id.to_string())),
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
    ]
}

/// Encodes a chunk of rows (with the CSV header before the first).
fn encode(format: Format, rows: &[StatementView], first: bool) -> Vec<u8> {
    match format {
        Format::Csv => {
            let mut writer = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(Vec::new());
            if first {
                let _ = writer.write_record(STATEMENT_COLUMNS);
            }
            for row in rows {
                let _ = writer.write_record(csv_row(row));
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

/// Every statement matching `filter`, newest first, as a streamed CSV or NDJSON file.
/// A database failure midway ends the file early (the status line is long sent) and is logged.
pub fn statements(pool: PgPool, filter: Filter, format: Format) -> Response {
    let (tx, rx) = mpsc::channel::<Result<Bytes, Infallible>>(4);
    tokio::spawn(async move {
        let mut first = true;
        if format == Format::Csv {
            // The header goes out even when nothing matches.
            first = false;
            if tx
                .send(Ok(Bytes::from(encode(format, &[], true))))
                .await
                .is_err()
            {
                return;
            }
        }
        let result = statements::for_each_chunk(&pool, &filter, CHUNK, |rows| {
            let chunk = Bytes::from(encode(format, &rows, first));
            first = false;
            let tx = tx.clone();
            async move { tx.send(Ok(chunk)).await.is_ok() }
        })
        .await;
        if let Err(err) = result {
            tracing::error!(error = %err, "an export stopped early");
        }
    });
    let (content_type, name) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "statements.csv"),
        _ => ("application/x-ndjson", "statements.ndjson"),
    };
    Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        )
        .body(Body::from_stream(ReceiverStream::new(rx)))
        .expect("a valid response")
}
