//! Request limits checked before any handler runs, each answering in the JSON error
//! shape: request targets, header blocks, declared body sizes, and load shedding when
//! too many requests are in flight.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use tower::BoxError;

use super::error::error_response;

/// Longest accepted request target (path and query string): room for every parameter at
/// its documented longest, percent-encoded (up to 12 bytes a character), and below
/// hyper's own limit of 64 KiB.
pub const MAX_URI: usize = 60 * 1024;
/// Most request headers accepted.
pub const MAX_HEADERS: usize = 100;
/// Largest accepted header block (names and values).
pub const MAX_HEADER_BYTES: usize = 32 * 1024;

/// Refuses absurdly long request targets before anything parses them.
pub async fn uri(request: Request, next: Next) -> Response {
    let len = request
        .uri()
        .path_and_query()
        .map_or(0, |pq| pq.as_str().len());
    if len > MAX_URI {
        return error_response(
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
            format!("the request target is {len} bytes; at most {MAX_URI} are accepted"),
        );
    }
    next.run(request).await
}

/// Refuses too many or too large headers with 431.
pub async fn headers(request: Request, next: Next) -> Response {
    let headers = request.headers();
    let bytes: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if headers.len() > MAX_HEADERS || bytes > MAX_HEADER_BYTES {
        return error_response(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "headers_too_large",
            format!(
                "the request has {} headers of {bytes} bytes; at most {MAX_HEADERS} headers \
                 of {MAX_HEADER_BYTES} bytes are accepted",
                headers.len()
            ),
        );
    }
    next.run(request).await
}

/// Answers 413 at once when the declared length is over `limit`, before the body is
/// read, so a client sending `Expect: 100-continue` is not kept waiting.
pub async fn declared_length(State(limit): State<usize>, request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(length) = declared.filter(|&n| n > limit as u64) {
        return error_response(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("the body is {length} bytes; at most {limit} are accepted"),
        );
    }
    next.run(request).await
}

/// What a request refused by load shedding gets: 503, try again in a second.
pub async fn overloaded(err: BoxError) -> Response {
    let mut response = if err.is::<tower::load_shed::error::Overloaded>() {
        error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            "the server is handling as many requests as it can; try again shortly".to_string(),
        )
    } else {
        tracing::error!(error = %err, "middleware error");
        error_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error; it has been logged".to_string(),
        )
    };
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}
