//! The web interface: server-rendered pages (maud) for people who do not use curl. Each
//! handler reads the request, calls the same `search`/`db` functions as the JSON API and
//! renders their types; there is no second copy of any query. Pages work without
//! JavaScript; `assets/app.js` only adds live name suggestions and a copy button.

mod add;
mod assets;
mod chart;
mod entity;
mod home;
mod layout;
mod listing;
mod marking;
mod refine;
mod statement;
mod topic;
mod words;

use std::convert::Infallible;

use axum::extract::Request;
use axum::response::Response;
use axum::routing::{get, Route};
use axum::Router;
use tower::{Layer, Service};

use crate::http::AppState;

pub use layout::WebError;

/// The pages and their assets, merged into the API router; `body_limit` guards the form
/// that takes a body.
pub fn routes<L>(body_limit: L) -> Router<AppState>
where
    L: Layer<Route> + Clone + Send + Sync + 'static,
    L::Service:
        Service<Request, Response = Response, Error = Infallible> + Clone + Send + Sync + 'static,
    <L::Service as Service<Request>>::Future: Send + 'static,
{
    Router::new()
        .route("/", get(home::page))
        .route("/download.csv", get(home::download))
        .route("/statements/{id}", get(statement::page))
        .route("/people/{id}", get(entity::person))
        .route("/organizations/{id}", get(entity::organization))
        .route("/topics", get(topic::page))
        .route("/add", get(add::form).post(add::submit).layer(body_limit))
        .route("/assets/{name}", get(assets::serve))
}
