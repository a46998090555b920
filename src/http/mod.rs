//! The JSON API and the web pages (`web`): routes, shared state and the middleware
//! stack. Handlers are thin: validate the request, call `db` (or `ingest`), shape the
//! answer.

pub mod articles;
pub mod ask;
pub mod auth;
pub mod bulk;
pub mod connections;
pub mod entities;
pub mod error;
pub mod export;
pub mod extractors;
pub mod health;
pub mod limits;
pub mod openapi;
pub mod params;
pub mod quotes;
pub mod rate;
pub mod statements;
pub mod stats;
pub mod web;

use std::sync::Arc;

use axum::error_handling::HandleErrorLayer;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use sqlx::PgPool;
use tokio::sync::Semaphore;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::decompression::RequestDecompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::config::Settings;
use crate::fetch::Fetcher;
use error::error_response;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub pool: PgPool,
    /// Longest accepted body (one line of a bulk stream).
    pub body_limit: usize,
    /// Server-side fetching of submitted URLs, when the settings turn it on.
    pub fetcher: Option<Arc<Fetcher>>,
    /// Which requests need an API key.
    pub keys: auth::KeyPolicy,
    /// Exports running at once. An export holds two connections for as long as its client
    /// reads, so a few slow downloads could otherwise take the whole pool from the short
    /// queries; the rest wait their turn.
    pub exports: Arc<Semaphore>,
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole application: routes plus middleware.
pub fn router(pool: PgPool, settings: &Settings) -> Router {
    let state = AppState {
        pool,
        body_limit: settings.body_limit,
        fetcher: settings.fetch.clone().and_then(|fetch| {
            Fetcher::new(fetch)
                .map_err(|err| tracing::error!(error = %err, "server-side fetching is off"))
                .ok()
                .map(Arc::new)
        }),
        keys: settings.keys,
        exports: Arc::new(Semaphore::new(settings.concurrent_exports())),
    };
    let declared_length =
        || middleware::from_fn_with_state(settings.body_limit, limits::declared_length);
    let api = Router::new()
        .route(
            "/v1/articles",
            axum::routing::post(articles::create).layer(declared_length()),
        )
        .route("/v1/articles/bulk", axum::routing::post(bulk::create_many))
        .route("/v1/articles/{id}", get(articles::get))
        .route("/v1/ask", get(ask::ask))
        .route("/v1/quotes", get(quotes::list))
        .route("/v1/stats/timeline", get(stats::timeline))
        .route("/v1/stats/speakers", get(stats::speakers))
        .route("/v1/stats/organizations", get(stats::organizations))
        .route("/v1/statements", get(statements::list))
        .route("/v1/statements/{id}", get(statements::get))
        .route("/v1/people", get(entities::list_people))
        .route("/v1/people/{id}", get(entities::get_person))
        .route("/v1/organizations", get(entities::list_organizations))
        .route("/v1/organizations/{id}", get(entities::get_organization))
        .route("/openapi.json", get(openapi::openapi_json))
        .merge(web::routes(declared_length()))
        // Inside the key check, so that a bucket per key is only for keys that are real.
        .layer(middleware::from_fn_with_state(
            rate::Limiter::new(settings.rate),
            rate::limit,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_key,
        ))
        // Past this many requests at once, refuse at once rather than queue: a queue
        // only turns overload into timeouts for everyone.
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(limits::overloaded))
                .load_shed()
                .layer(GlobalConcurrencyLimitLayer::new(
                    settings.connections.max_in_flight,
                )),
        )
        // Health checks are outside the limit: they must answer while the rest is busy.
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .fallback(not_found)
        .with_state(state);

    let cors = cors(&settings.cors_write_origins);

    api.layer(DefaultBodyLimit::max(settings.body_limit)).layer(
        ServiceBuilder::new()
            .layer(middleware::from_fn(drop_unsafe_request_id))
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(
                TraceLayer::new_for_http().make_span_with(|req: &Request| {
                    let id = req
                        .headers()
                        .get(REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", method = %req.method(), uri = %req.uri().path(), request_id = %id)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
            )
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(middleware::from_fn(json_errors))
            .layer(CatchPanicLayer::custom(panic_response))
            .layer(cors)
            .layer(CompressionLayer::new())
            .layer(middleware::from_fn(limits::uri))
            .layer(middleware::from_fn(limits::headers))
            .layer(RequestDecompressionLayer::new())
            .layer(TimeoutLayer::with_status_code(
                StatusCode::SERVICE_UNAVAILABLE,
                settings.request_timeout,
            )),
    )
}

/// Keeps a client's `X-Request-Id` only when it is a plain token (letters, digits, `-`,
/// `_`, `.`, at most 64 bytes), so logs can be joined with the client's; anything else
/// could forge log content, and is dropped so that a fresh UUID is made instead.
async fn drop_unsafe_request_id(mut request: Request, next: Next) -> Response {
    let safe = |v: &[u8]| {
        (1..=64).contains(&v.len())
            && v.iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    if request
        .headers()
        .get(REQUEST_ID)
        .is_some_and(|v| !safe(v.as_bytes()))
    {
        request.headers_mut().remove(REQUEST_ID);
    }
    next.run(request).await
}

/// Browsers (dashboards) may read from any origin; writes only from `write_origins`
/// (and the page's own, which needs no CORS). A preflight is answered by the method it
/// asks for, so a page elsewhere learns at once that it may not write.
fn cors(write_origins: &[String]) -> CorsLayer {
    let writers: Vec<HeaderValue> = write_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o.trim().trim_end_matches('/')).ok())
        .collect();
    let allowed = move |origin: &HeaderValue, parts: &axum::http::request::Parts| {
        let method = if parts.method == Method::OPTIONS {
            parts
                .headers
                .get(header::ACCESS_CONTROL_REQUEST_METHOD)
                .and_then(|m| Method::from_bytes(m.as_bytes()).ok())
                .unwrap_or(Method::GET)
        } else {
            parts.method.clone()
        };
        matches!(method, Method::GET | Method::HEAD) || writers.contains(origin)
    };
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(allowed))
        .allow_methods([Method::GET, Method::HEAD, Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            header::CONTENT_ENCODING,
        ])
        .expose_headers([REQUEST_ID])
}

/// 404 for unknown routes, in the same JSON shape as every other error.
async fn not_found(request: Request) -> Response {
    error_response(
        StatusCode::NOT_FOUND,
        "not_found",
        format!("no route for {} {}", request.method(), request.uri().path()),
    )
}

/// A bug must not drop the connection without an answer: log it, answer 500 in our shape.
fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "internal error; it has been logged".to_string(),
    )
}

/// Gives the errors produced outside our handlers (405 from the router, 503 from the
/// timeout, ...) the same JSON body as ours.
async fn json_errors(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    let shaped = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| {
            v.as_bytes().starts_with(b"application/json") || v.as_bytes().starts_with(b"text/html")
        });
    if !(status.is_client_error() || status.is_server_error()) || shaped {
        return response;
    }
    let (code, message) = match status {
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            format!("{method} is not allowed on this route"),
        ),
        StatusCode::SERVICE_UNAVAILABLE => (
            "timeout",
            "the request took too long and was stopped".to_string(),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "payload_too_large",
            "the body is larger than the server accepts".to_string(),
        ),
        other => (
            "error",
            other.canonical_reason().unwrap_or("error").to_lowercase(),
        ),
    };
    let mut json = error_response(status, code, message);
    for (name, value) in response.headers() {
        // The body is replaced, so nothing that described the old one may stay.
        if ![
            header::CONTENT_TYPE,
            header::CONTENT_LENGTH,
            header::CONTENT_ENCODING,
        ]
        .contains(name)
        {
            json.headers_mut().insert(name.clone(), value.clone());
        }
    }
    json
}
