//! Request extractors that turn every malformed request into an [`ApiError`]
//! instead of axum's plain-text rejections.

use axum::extract::rejection::{BytesRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use crate::echo::truncate;

/// JSON body: 415 without a JSON content type, 413 over the body limit, 400 for
/// syntax errors (and invalid UTF-8), 422 for a well-formed body of the wrong shape.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send the article as JSON with `Content-Type: application/json`, \
             or a web page with `Content-Type: text/html`",
        ),
        JsonRejection::JsonSyntaxError(err) => ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!(
                "the body is not valid JSON: {}",
                inner_message(&err.body_text())
            ),
        ),
        JsonRejection::JsonDataError(err) => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            inner_message(&err.body_text()),
        ),
        JsonRejection::BytesRejection(err) => body_rejection(err),
        other => ApiError::new(other.status(), "invalid_body", other.body_text()),
    }
}

/// A body that could not be read: over the limit (413), or cut off.
pub fn body_rejection(err: BytesRejection) -> ApiError {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "the body is larger than the server accepts (see WHOSAID_BODY_LIMIT)",
        );
    }
    ApiError::new(err.status(), "invalid_body", err.body_text())
}

/// axum prefixes serde's message with its own sentence; keep serde's part, which
/// names the field ("text: invalid type: integer `5`, expected a string").
fn inner_message(text: &str) -> String {
    if let Some((_, rest)) = text.split_once("target type: ") {
        return rest.to_string();
    }
    match text.split_once(": ") {
        Some((prefix, rest)) if prefix.starts_with("Failed to") => rest.to_string(),
        _ => text.to_string(),
    }
}

/// Query string into `T`; unknown or mistyped parameters are a 400 naming them.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if let Some(name) = parts.uri.query().and_then(first_non_utf8_parameter) {
            return Err(ApiError::parameter(format!(
                "{name}: is not valid UTF-8 once percent-decoded"
            )));
        }
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(QueryRejection::FailedToDeserializeQueryString(err)) => Err(ApiError::parameter(
                format!("bad query string: {}", inner_message(&err.body_text())),
            )),
            Err(other) => Err(ApiError::parameter(other.body_text())),
        }
    }
}

/// The name of the first query parameter whose percent-decoded value is not UTF-8.
/// (The query-string parser would silently replace such bytes with U+FFFD.)
fn first_non_utf8_parameter(query: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let decoded = percent_decode(pair.as_bytes());
        if std::str::from_utf8(&decoded).is_ok() {
            return None;
        }
        let name = pair.split('=').next().unwrap_or_default();
        let name = String::from_utf8_lossy(&percent_decode(name.as_bytes())).into_owned();
        Some(truncate(&name, 40))
    })
}

fn percent_decode(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let hex = input
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (input[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (other, _) => {
                out.push(other);
                i += 1;
            }
        }
    }
    out
}

/// A numeric id in the path: 400 when it is not a positive integer.
pub struct IdPath(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let raw = axum::extract::Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|err: PathRejection| ApiError::parameter(err.body_text()))?;
        match raw.0.parse::<i64>() {
            Ok(id) if id > 0 => Ok(IdPath(id)),
            _ => Err(ApiError::parameter(format!(
                "id must be a positive integer, not {:?}",
                truncate(&raw.0, 40)
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{first_non_utf8_parameter, inner_message};

    #[test]
    fn finds_parameters_that_decode_to_invalid_utf8() {
        assert_eq!(first_non_utf8_parameter("q=caf%C3%A9&person=a+b"), None);
        assert_eq!(
            first_non_utf8_parameter("q=ok&person=%FF%FE").as_deref(),
            Some("person")
        );
        assert_eq!(first_non_utf8_parameter("q=%C3%28").as_deref(), Some("q"));
        assert_eq!(first_non_utf8_parameter("q=100%"), None);
    }

    #[test]
    fn keeps_serdes_part_of_axums_message() {
        assert_eq!(
            inner_message("Failed to deserialize the JSON body into the target type: text: invalid type: integer `5`, expected a string at line 1 column 9"),
            "text: invalid type: integer `5`, expected a string at line 1 column 9"
        );
        assert_eq!(
            inner_message(
                "Failed to parse the request body as JSON: expected value at line 1 column 1"
            ),
            "expected value at line 1 column 1"
        );
    }
}
