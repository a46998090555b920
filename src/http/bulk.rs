//! `POST /v1/articles/bulk`: an NDJSON stream of articles in, an NDJSON stream of
//! per-line results out, in input order, each sent once its article is committed.

use std::convert::Infallible;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::Response;
use futures_util::{stream, StreamExt};
use serde::Serialize;
use tokio::io::BufReader;
use tokio_util::io::StreamReader;
use utoipa::ToSchema;

use super::auth::KeyId;
use super::error::{ApiError, ErrorBody, ErrorDetail};
use super::AppState;
use crate::ingest::lines::{Line, LineReader};
use crate::ingest::pipeline::{self, Item, Outcome};
use crate::ingest::{IngestError, Submission};

/// Content types taken for a stream of JSON lines.
const NDJSON_TYPES: [&str; 5] = [
    "application/x-ndjson",
    "application/ndjson",
    "application/jsonl",
    "application/json-lines",
    "application/x-jsonlines",
];

/// One line of the answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct LineResult {
    /// The input line it answers (1-based; blank lines are skipped, not answered).
    pub line: u64,
    /// `created`, `existing` or `error`.
    pub status: &'static str,
    /// The article's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Statements stored for a created article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statements: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorDetail>,
}

impl LineResult {
    fn new(line: u64, outcome: Outcome) -> Self {
        match outcome {
            Outcome::Stored(stored) => LineResult {
                line,
                status: if stored.created {
                    "created"
                } else {
                    "existing"
                },
                id: Some(stored.id),
                statements: stored.created.then_some(stored.statements),
                error: None,
            },
            Outcome::Failed(err) => LineResult {
                line,
                status: "error",
                id: None,
                statements: None,
                error: Some(ErrorDetail {
                    code: err.code().to_string(),
                    message: err.to_string(),
                }),
            },
        }
    }
}

/// Ingest many articles: one JSON article per line (the body of `POST /v1/articles`:
/// `text` or `html`, with the same optional fields), any number of lines, each at most
/// the body limit. The answer streams one result per line, in order, as each article is
/// committed; a bad line gets an `error` result and never stops the others, and a client
/// that disconnects keeps every article it was told about.
#[utoipa::path(
    post, path = "/v1/articles/bulk", tag = "articles",
    request_body(content((String = "application/x-ndjson")), description = "One article (as for POST /v1/articles) per line"),
    security((), ("api_key" = [])),
    responses(
        (status = 200, description = "One result per input line, as NDJSON", body = LineResult, content_type = "application/x-ndjson"),
        (status = 401, description = "An API key is needed and none or an unknown one was sent", body = ErrorBody),
        (status = 403, description = "The key is revoked", body = ErrorBody),
        (status = 415, description = "Not an NDJSON body", body = ErrorBody),
    )
)]
pub async fn create_many(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, ApiError> {
    let key_id = request.extensions().get::<KeyId>().map(|&KeyId(id)| id);
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|c| c.split(';').next())
        .map(|c| c.trim().to_ascii_lowercase());
    if !content_type
        .as_deref()
        .is_some_and(|c| NDJSON_TYPES.contains(&c))
    {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send one JSON article per line with `Content-Type: application/x-ndjson`",
        ));
    }
    let expects_continue = request
        .headers()
        .get(header::EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    let mut body = request.into_body().into_data_stream().peekable();
    if expects_continue {
        // Polling the body before answering makes hyper send `100 Continue`; answering
        // first would leave the client (curl, for large bodies) waiting a second.
        std::pin::Pin::new(&mut body).peek().await;
    }
    let body = body.map(|chunk| chunk.map_err(std::io::Error::other));
    let lines = LineReader::new(BufReader::new(StreamReader::new(body)), state.body_limit);
    let items = numbered_items(lines);
    let outcomes = pipeline::run(
        state.pool.clone(),
        items,
        state.fetcher.clone(),
        pipeline::Options {
            key_id,
            ..pipeline::Options::default()
        },
    );
    let body = outcomes.map(|(line, outcome)| {
        let mut json = serde_json::to_vec(&LineResult::new(line, outcome)).unwrap_or_default();
        json.push(b'\n');
        Ok::<_, Infallible>(Bytes::from(json))
    });
    Ok(Response::builder()
        .header(header::CONTENT_TYPE, "application/x-ndjson")
        .body(Body::from_stream(body))
        .expect("a valid response"))
}

/// The non-blank lines of the body as items labelled with their line numbers. A body
/// that breaks off (the client went away, a network error) ends the stream with an
/// error item.
fn numbered_items<R>(
    lines: LineReader<R>,
) -> impl futures_util::Stream<Item = Item<u64>> + Send + 'static
where
    R: tokio::io::AsyncBufRead + Unpin + Send + 'static,
{
    stream::unfold(Some((lines, 0u64)), |state| async move {
        let (mut lines, mut number) = state?;
        loop {
            number += 1;
            let input = match lines.next_line().await {
                Ok(None) => return None,
                Ok(Some(Line::Text(text))) if text.trim().is_empty() => continue,
                Ok(Some(Line::Text(text))) => parse(&text),
                Ok(Some(Line::TooLong)) => Err(IngestError::Input(
                    "the line is longer than the body limit (see WHOSAID_BODY_LIMIT)".into(),
                )),
                Ok(Some(Line::NotUtf8)) => {
                    Err(IngestError::Input("the line is not UTF-8 text".into()))
                }
                Err(err) => {
                    let item = Item {
                        label: number,
                        input: Err(IngestError::Input(format!(
                            "the body could not be read: {err}"
                        ))),
                    };
                    return Some((item, None));
                }
            };
            return Some((
                Item {
                    label: number,
                    input,
                },
                Some((lines, number)),
            ));
        }
    })
}

/// A line as an article: a syntax error is bad input, a wrong shape a bad field.
fn parse(text: &str) -> Result<Submission, IngestError> {
    serde_json::from_str(text).map_err(|err| match err.classify() {
        serde_json::error::Category::Data => {
            IngestError::Field(crate::ingest::FieldError(err.to_string()))
        }
        _ => IngestError::Json(format!("the line is not valid JSON: {err}")),
    })
}
