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

use axum::routing::get;
use axum::Router;

use crate::http::AppState;

pub use layout::WebError;

/// The pages and their assets, merged into the API router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::page))
        .route("/download.csv", get(home::download))
        .route("/statements/{id}", get(statement::page))
        .route("/people/{id}", get(entity::person))
        .route("/organizations/{id}", get(entity::organization))
        .route("/topics", get(topic::page))
        .route("/add", get(add::form).post(add::submit))
        .route("/assets/{name}", get(assets::serve))
}
