//! `GET /openapi.json`: the API description, generated from the handlers' annotations
//! so it cannot drift from what the server does.

use axum::Json;
use utoipa::OpenApi;

use super::{articles, ask, bulk, entities, error, health, quotes, statements, stats};
use crate::db;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "whosaid",
        description = "Who said what, on which date: statements extracted from news articles."
    ),
    paths(
        articles::create,
        articles::get,
        bulk::create_many,
        ask::ask,
        quotes::list,
        statements::list,
        statements::get,
        entities::list_people,
        entities::get_person,
        entities::list_organizations,
        entities::get_organization,
        stats::timeline,
        stats::speakers,
        stats::organizations,
        health::healthz,
        health::readyz,
    ),
    components(schemas(
        error::ErrorBody,
        error::ErrorDetail,
        db::EntityRef,
        db::statements::TextSpan,
        db::statements::SpeakerView,
        db::statements::ArticleRef,
        crate::page::Provenance,
        crate::page::FieldSource,
        bulk::LineResult,
    ))
)]
pub struct ApiDoc;

/// The OpenAPI 3 document.
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
