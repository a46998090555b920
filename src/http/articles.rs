//! `POST /v1/articles` and `GET /v1/articles/{id}`.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::{header, StatusCode};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::{self, KeyId};
use super::error::{ApiError, ErrorBody};
use super::extractors::{body_rejection, ApiJson, ApiQuery, IdPath};
use super::params;
use super::AppState;
use crate::db::articles::{self, Article, Stored};
use crate::db::statements::{self, StatementView};
use crate::ingest::{self, Submission};

/// An article with the statements found in it, a page at a time in text order.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleResponse {
    #[serde(flatten)]
    pub article: Article,
    pub statements: Vec<StatementView>,
    /// Pass as `cursor` for the next page of statements; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Which page of an article's statements to answer with.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StatementPage {
    /// Statements per page, 1 to 1000 (default 200).
    #[param(pattern = r"^(|[1-9][0-9]{0,2}|1000)$")]
    pub limit: Option<String>,
    /// `next_cursor` of the previous page.
    #[param(pattern = r"^[0-9]{1,18}\.[0-9]{1,18}$")]
    pub cursor: Option<String>,
}

/// Default and largest page of an article's statements.
const STATEMENT_PAGE: (i64, i64) = (200, 1000);

impl StatementPage {
    /// The page size and the position (quote start, id) to continue after.
    fn parse(&self) -> Result<(i64, Option<(i32, i64)>), ApiError> {
        let limit = params::limit(self.limit.as_deref(), STATEMENT_PAGE.0, STATEMENT_PAGE.1)?;
        // The cursor is `start.id` of the last statement shown.
        let after = match self.cursor.as_deref() {
            None => None,
            Some(raw) => {
                let [start, id] = params::decode_cursor(raw)?;
                Some((start.min(i32::MAX as u64) as i32, id as i64))
            }
        };
        Ok((limit, after))
    }
}

/// With a `text/html` body, the article's other fields travel in the query string.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// The page's address: the article's identity, and a date or outlet when the page has none.
    #[param(schema_with = url_schema)]
    pub url: Option<String>,
    #[param(schema_with = title_schema)]
    pub title: Option<String>,
    #[param(schema_with = source_schema)]
    pub source: Option<String>,
    #[param(schema_with = author_schema)]
    pub author: Option<String>,
    #[param(schema_with = published_at_schema)]
    pub published_at: Option<String>,
}

impl PageParams {
    /// Checks the fields as a submission's are checked: with a JSON body, whose fields
    /// win, a bad one would otherwise pass unseen.
    fn check(&self) -> Result<(), ApiError> {
        let alone = Submission {
            text: Some("-".into()),
            url: self.url.clone(),
            title: self.title.clone(),
            source: self.source.clone(),
            author: self.author.clone(),
            published_at: self.published_at.clone(),
            ..Submission::default()
        };
        alone.validate().map(drop).map_err(|e| ApiError::field(e.0))
    }
}

/// A query field's schema: the submission field's, less `null` (a query has none).
fn field_schema(name: &str) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    let mut schema = crate::ingest::submission::json_schema()["properties"][name].take();
    if let Some(branches) = schema["anyOf"].as_array_mut() {
        branches.retain(|b| b["type"] != "null");
    } else {
        schema["type"] = "string".into();
    }
    params::schema(schema)
}

fn url_schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    field_schema("url")
}
fn title_schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    field_schema("title")
}
fn source_schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    field_schema("source")
}
fn author_schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    field_schema("author")
}
fn published_at_schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    field_schema("published_at")
}

/// The article in either form the route takes: JSON, or the page itself as `text/html`.
pub struct ArticleBody(pub Submission);

impl<S: Send + Sync> FromRequest<S> for ArticleBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let essence = content_type
            .as_deref()
            .and_then(|c| c.split(';').next())
            .map(|c| c.trim().to_ascii_lowercase());
        let (mut parts, body) = req.into_parts();
        // The article's fields may travel in the query string with either body; the
        // body's own fields win.
        let ApiQuery(query) = ApiQuery::<PageParams>::from_request_parts(&mut parts, state).await?;
        let req = Request::from_parts(parts, body);
        if !matches!(
            essence.as_deref(),
            Some("text/html" | "application/xhtml+xml")
        ) {
            let ApiJson(submission) = ApiJson::<Submission>::from_request(req, state).await?;
            query.check()?;
            return Ok(ArticleBody(Submission {
                url: submission.url.or(query.url),
                title: submission.title.or(query.title),
                source: submission.source.or(query.source),
                author: submission.author.or(query.author),
                published_at: submission.published_at.or(query.published_at),
                ..submission
            }));
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(body_rejection)?;
        Ok(ArticleBody(Submission {
            html: Some(crate::page::decode(&bytes, content_type.as_deref())),
            url: query.url,
            title: query.title,
            source: query.source,
            author: query.author,
            published_at: query.published_at,
            ..Submission::default()
        }))
    }
}

impl From<ingest::IngestError> for ApiError {
    fn from(err: ingest::IngestError) -> Self {
        let code = err.code();
        match err {
            ingest::IngestError::Database(e) => e.into(),
            ingest::IngestError::Stopped => {
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, code, err.to_string())
            }
            ingest::IngestError::Input(message) | ingest::IngestError::Json(message) => {
                ApiError::new(StatusCode::BAD_REQUEST, code, message)
            }
            other => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, other.to_string()),
        }
    }
}

/// Reads an article and a page of its statements.
async fn load(
    state: &AppState,
    id: i64,
    page: &StatementPage,
) -> Result<ArticleResponse, ApiError> {
    let (limit, after) = page.parse()?;
    let article = articles::get(&state.pool, id)
        .await?
        .ok_or_else(|| ApiError::not_found("article", id))?;
    let (statements, more) = statements::for_article(&state.pool, id, after, limit).await?;
    let next_cursor = more
        .then(|| statements.last())
        .flatten()
        .map(|s| params::encode_cursor(&[s.quote_start.max(0) as u64, s.id as u64]));
    Ok(ArticleResponse {
        article,
        statements,
        next_cursor,
    })
}

/// Ingest an article: its text, or its web page (as `html` in JSON, or the page itself
/// with `Content-Type: text/html` and the other fields in the query string). Fields sent
/// by the client win over what the page says; `metadata_sources` tells which is which.
#[utoipa::path(
    post, path = "/v1/articles", tag = "articles",
    request_body(content(
        (Submission = "application/json"),
        (String = "text/html"),
    )),
    params(PageParams),
    security((), ("api_key" = [])),
    responses(
        (status = 201, description = "Stored; the article with its statements", body = ArticleResponse),
        (status = 200, description = "Already stored (same URL, or same text without URL): the stored one", body = ArticleResponse),
        (status = 400, description = "Body is not JSON, or a bad query parameter", body = ErrorBody),
        (status = 401, description = "An API key is needed and none or an unknown one was sent", body = ErrorBody),
        (status = 403, description = "The key is revoked, or `fetch` was asked of a server that does not fetch", body = ErrorBody),
        (status = 413, description = "Body over the limit", body = ErrorBody),
        (status = 415, description = "Content type is neither JSON nor HTML", body = ErrorBody),
        (status = 422, description = "A field is missing or invalid, the page has no article text, or the URL could not be fetched", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    key: Option<Extension<KeyId>>,
    ArticleBody(submission): ArticleBody,
) -> Result<(StatusCode, Json<ArticleResponse>), ApiError> {
    let stored = submit(&state, submission, auth::key_of(key)).await?;
    let status = if stored.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(load(&state, stored.id, &StatementPage::default()).await?),
    ))
}

/// Validates, fetches when asked (and allowed) and stores one submission: the one way
/// an article comes in through the server, for this route and the web form.
pub async fn submit(
    state: &AppState,
    submission: Submission,
    key_id: Option<i64>,
) -> Result<Stored, ApiError> {
    let mut draft = submission.validate().map_err(|e| ApiError::field(e.0))?;
    draft.key_id = key_id;
    if draft.body == ingest::Body::Fetch {
        let Some(fetcher) = &state.fetcher else {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "fetch_disabled",
                "this server does not fetch URLs (see WHOSAID_FETCH); send the page as html",
            ));
        };
        draft = fetcher.fill(draft).await?;
    }
    Ok(ingest::ingest(&state.pool, draft).await?)
}

/// One article with its statements.
#[utoipa::path(
    get, path = "/v1/articles/{id}", tag = "articles",
    params(("id" = i64, Path, minimum = 1, description = "Article id"), StatementPage),
    responses(
        (status = 200, body = ArticleResponse),
        (status = 400, description = "id is not a positive integer, or a bad limit or cursor", body = ErrorBody),
        (status = 404, description = "No such article", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    IdPath(id): IdPath,
    ApiQuery(page): ApiQuery<StatementPage>,
) -> Result<Json<ArticleResponse>, ApiError> {
    Ok(Json(load(&state, id, &page).await?))
}
