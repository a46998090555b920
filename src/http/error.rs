//! One error shape for every failure: `{"error": {"code", "message"}}`.
//! Client mistakes are 4xx with a message naming what is wrong; only our own
//! failures are 5xx, and those never leak internals.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `invalid_json`, `invalid_field`, `invalid_parameter`,
    /// `not_found`, `payload_too_large`, `unsupported_media_type`, ...
    pub code: String,
    /// One sentence for a person, naming the field at fault.
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    /// A bad value in the JSON body.
    pub fn field(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_field", message)
    }

    /// A bad query-string or path parameter.
    pub fn parameter(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_parameter", message)
    }

    pub fn not_found(what: &str, id: i64) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no {what} with id {id}"),
        )
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        tracing::error!(error = %err, "database error");
        let unavailable = matches!(
            err,
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed
        );
        if unavailable {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "database_unavailable",
                "the database is not reachable; try again shortly",
            )
        } else {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "internal error; it has been logged",
            )
        }
    }
}

/// Builds the JSON error response for any status, code and message.
pub fn error_response(status: StatusCode, code: &str, message: String) -> Response {
    let body = ErrorBody {
        error: ErrorDetail {
            code: code.to_string(),
            message,
        },
    };
    (status, Json(body)).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error_response(self.status, self.code, self.message)
    }
}

/// hyper answers requests it cannot parse (a malformed request line, too large a header
/// block, too long a URI) itself, before any of our code runs, with an empty body. Given
/// the bytes of such a response head (a 4xx with `content-length: 0`, which our router
/// never sends: every error it answers has a JSON body), returns the same answer with
/// the JSON error body, so that every answer of the server has the one error shape.
pub fn shaped_bare_error(head: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(head).ok()?;
    let status_line = text.strip_prefix("HTTP/1.1 4")?.split("\r\n").next()?;
    if !text.ends_with("\r\n\r\n") || text.len() > 512 {
        return None;
    }
    let lines: Vec<&str> = text.trim_end().split("\r\n").skip(1).collect();
    let empty = lines
        .iter()
        .any(|l| l.eq_ignore_ascii_case("content-length: 0"));
    if !empty {
        return None;
    }
    let (code, message) = match &status_line[..2] {
        "31" => (
            "headers_too_large",
            "the request's header block is larger than the server accepts",
        ),
        "14" => (
            "uri_too_long",
            "the request target is longer than the server accepts",
        ),
        _ => ("bad_request", "the request is not valid HTTP/1.1"),
    };
    let body = serde_json::to_string(&ErrorBody {
        error: ErrorDetail {
            code: code.to_string(),
            message: message.to_string(),
        },
    })
    .ok()?;
    let mut out = format!("HTTP/1.1 4{status_line}\r\n");
    for line in lines.iter().filter(|l| {
        let l = l.to_ascii_lowercase();
        !l.starts_with("content-length:") && !l.starts_with("connection:")
    }) {
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str(&format!(
        "content-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    ));
    Some(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::shaped_bare_error;

    #[test]
    fn bare_parse_errors_get_the_json_body() {
        let head = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\ndate: Fri, 04 Dec 2026 01:00:00 GMT\r\n\r\n";
        let shaped = String::from_utf8(shaped_bare_error(head).unwrap()).unwrap();
        let (head, body) = shaped.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{head}");
        assert!(head.contains("date: Fri"), "{head}");
        assert!(
            head.contains(&format!("content-length: {}", body.len())),
            "{head}"
        );
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["error"]["code"], "bad_request");
        let too_large = shaped_bare_error(
            b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\r\n",
        )
        .unwrap();
        assert!(String::from_utf8(too_large)
            .unwrap()
            .contains("headers_too_large"));
    }

    #[test]
    fn other_responses_pass_untouched() {
        for head in [
            &b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"[..],
            b"HTTP/1.1 404 Not Found\r\ncontent-length: 52\r\n\r\n",
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n{}",
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n",
        ] {
            assert!(shaped_bare_error(head).is_none(), "{head:?}");
        }
    }
}
