//! `POST /v1/articles` and `GET /v1/articles/{id}`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, ErrorBody};
use super::extractors::{truncate, ApiJson, IdPath};
use super::AppState;
use crate::db::articles::{self, Article, NewArticle};
use crate::db::statements::{self, StatementView};

/// An article to ingest.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleRequest {
    /// Plain text of the article (required, not blank).
    pub text: String,
    pub title: Option<String>,
    /// Identity of the article: posting the same URL again returns the stored one.
    pub url: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// A date (`2025-02-13`) or RFC 3339 date-time; relative dates in the text resolve
    /// against it. Without it, the time of ingestion is used and recorded as such.
    pub published_at: Option<String>,
}

/// An article with the statements found in it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleResponse {
    #[serde(flatten)]
    pub article: Article,
    pub statements: Vec<StatementView>,
}

const MAX_TITLE: usize = 1_000;
const MAX_URL: usize = 2_048;
const MAX_NAME: usize = 500;

/// Checks one optional text field: no NUL (PostgreSQL cannot store it), not too long.
fn optional_field(
    name: &str,
    value: Option<String>,
    max: usize,
) -> Result<Option<String>, ApiError> {
    let Some(value) = value else { return Ok(None) };
    if value.contains('\0') {
        return Err(ApiError::field(format!(
            "{name}: contains a NUL character (U+0000), which cannot be stored"
        )));
    }
    if value.chars().count() > max {
        return Err(ApiError::field(format!(
            "{name}: longer than {max} characters"
        )));
    }
    let trimmed = value.trim();
    Ok((!trimmed.is_empty()).then(|| trimmed.to_string()))
}

impl ArticleRequest {
    /// Validates the request into an article we can store.
    pub fn validate(self) -> Result<NewArticle, ApiError> {
        if self.text.trim().is_empty() {
            return Err(ApiError::field("text: must not be blank"));
        }
        if self.text.contains('\0') {
            return Err(ApiError::field(
                "text: contains a NUL character (U+0000), which cannot be stored",
            ));
        }
        let url = optional_field("url", self.url, MAX_URL)?;
        if let Some(url) = &url {
            let scheme_ok = url.starts_with("http://") || url.starts_with("https://");
            if !scheme_ok || url.chars().any(char::is_whitespace) {
                return Err(ApiError::field(format!(
                    "url: must be an http:// or https:// URL without spaces, not {:?}",
                    truncate(url, 80)
                )));
            }
        }
        let (published_at, published_at_basis) = match self.published_at {
            None => (Utc::now(), "ingestion"),
            Some(raw) => match crate::ingest::parse_published_at(&raw) {
                Some(at) => (at, "given"),
                None => {
                    return Err(ApiError::field(format!(
                        "published_at: must be a date (2025-02-13) or an RFC 3339 date-time \
                         (2025-02-13T09:30:00Z), not {:?}",
                        truncate(&raw, 40)
                    )))
                }
            },
        };
        Ok(NewArticle {
            text: self.text,
            title: optional_field("title", self.title, MAX_TITLE)?,
            url,
            source: optional_field("source", self.source, MAX_NAME)?,
            author: optional_field("author", self.author, MAX_NAME)?,
            published_at,
            published_at_basis,
        })
    }
}

/// Reads an article and its statements.
async fn load(state: &AppState, id: i64) -> Result<ArticleResponse, ApiError> {
    let article = articles::get(&state.pool, id)
        .await?
        .ok_or_else(|| ApiError::not_found("article", id))?;
    let statements = statements::for_article(&state.pool, id).await?;
    Ok(ArticleResponse {
        article,
        statements,
    })
}

/// Ingest an article: extract its statements and store everything.
#[utoipa::path(
    post, path = "/v1/articles", tag = "articles",
    request_body = ArticleRequest,
    responses(
        (status = 201, description = "Stored; the article with its statements", body = ArticleResponse),
        (status = 200, description = "Already stored (same URL, or same text without URL): the stored one", body = ArticleResponse),
        (status = 400, description = "Body is not JSON", body = ErrorBody),
        (status = 413, description = "Body over the limit", body = ErrorBody),
        (status = 415, description = "Content type is not JSON", body = ErrorBody),
        (status = 422, description = "A field is missing or invalid", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<ArticleRequest>,
) -> Result<(StatusCode, Json<ArticleResponse>), ApiError> {
    let article = request.validate()?;
    let (id, created) = crate::ingest::ingest(&state.pool, &article).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(load(&state, id).await?)))
}

/// One article with its statements.
#[utoipa::path(
    get, path = "/v1/articles/{id}", tag = "articles",
    params(("id" = i64, Path, description = "Article id")),
    responses(
        (status = 200, body = ArticleResponse),
        (status = 400, description = "id is not a positive integer", body = ErrorBody),
        (status = 404, description = "No such article", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> Result<Json<ArticleResponse>, ApiError> {
    Ok(Json(load(&state, id).await?))
}
