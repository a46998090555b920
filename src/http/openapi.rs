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
    )),
    modifiers(&KeyScheme)
)]
pub struct ApiDoc;

/// Declares the API key scheme: `Authorization: Bearer KEY` (`whosaid keys create`).
/// Writes need it on servers not bound to loopback only; reads when the operator says.
struct KeyScheme;

impl utoipa::Modify for KeyScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A key made with `whosaid keys create --name NAME`. Writes need one \
                         when the server listens beyond loopback (or runs with \
                         --require-keys); reads only with --keyed-reads.",
                    ))
                    .build(),
            ),
        );
    }
}

/// The OpenAPI 3 document.
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
