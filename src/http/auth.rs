//! Who may write (and, when configured, read): `Authorization: Bearer KEY` checked
//! against the stored keys (`whosaid keys create`). The key that was used travels to
//! the handler as a [`KeyId`] extension, so every write records who made it.

use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Extension;
use sqlx::PgPool;

use super::error::ApiError;
use super::AppState;
use crate::db;
use crate::keys;

/// Which requests need a key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyPolicy {
    /// Writes (every method but GET, HEAD and OPTIONS).
    pub writes: bool,
    /// Reads too, except health checks and the OpenAPI document.
    pub reads: bool,
}

/// The key a request was made with.
#[derive(Debug, Clone, Copy)]
pub struct KeyId(pub i64);

/// The key of an extension, when there was one.
pub fn key_of(extension: Option<Extension<KeyId>>) -> Option<i64> {
    extension.map(|Extension(KeyId(id))| id)
}

/// Refuses requests that need a key and lack a valid one: 401 without a key or with a
/// wrong one, 403 with a revoked one.
pub async fn require_key(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let write = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let open = matches!(
        request.uri().path(),
        "/healthz" | "/readyz" | "/openapi.json"
    );
    let needed = if write {
        state.keys.writes
    } else {
        state.keys.reads && !open
    };
    // The web form carries its key in the form body; its handler checks it.
    if write && request.uri().path() == "/add" {
        return Ok(next.run(request).await);
    }
    let token = bearer(&request);
    if let Some(id) = key_for(&state.pool, token.as_deref(), needed).await? {
        request.extensions_mut().insert(KeyId(id));
    }
    Ok(next.run(request).await)
}

/// The key a request is made with: an offered key is verified even where none is needed
/// (so writes record it); none offered where one is needed is a 401.
pub async fn key_for(
    pool: &PgPool,
    token: Option<&str>,
    needed: bool,
) -> Result<Option<i64>, ApiError> {
    match token {
        Some(token) => verify(pool, token).await.map(Some),
        None if needed => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "key_required",
            "this request needs an API key: send `Authorization: Bearer KEY` \
             (an operator makes one with `whosaid keys create --name NAME`)",
        )),
        None => Ok(None),
    }
}

/// The bearer token of the request, if it has one.
fn bearer(request: &Request) -> Option<String> {
    let value = request
        .headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

/// The id of the key `token`, or the 401/403 that refuses it.
pub async fn verify(pool: &PgPool, token: &str) -> Result<i64, ApiError> {
    let unknown = || {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_key",
            "the API key is not one this server knows",
        )
    };
    let prefix = keys::prefix_of(token).ok_or_else(unknown)?;
    let stored = db::keys::by_prefix(pool, prefix)
        .await?
        .ok_or_else(unknown)?;
    if !keys::matches(token, &stored.secret_sha256) {
        return Err(unknown());
    }
    if stored.revoked {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "key_revoked",
            "the API key has been revoked",
        ));
    }
    Ok(stored.id)
}
