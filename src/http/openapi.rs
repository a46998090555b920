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

/// The OpenAPI 3 document, with the schemas the derive macros cannot state put in as
/// JSON: a submission's fields depend on each other (`text` or `html` or `url` + `fetch`).
pub fn document() -> serde_json::Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).expect("the document serialises");
    doc["components"]["schemas"]["Submission"] = crate::ingest::submission::json_schema();
    let paths = doc["paths"].as_object_mut().into_iter().flatten();
    // Health checks are outside keys, rate limits and load shedding, and take no parameters.
    for (_, operations) in
        paths.filter(|(path, _)| !matches!(path.as_str(), "/healthz" | "/readyz"))
    {
        for operation in operations
            .as_object_mut()
            .into_iter()
            .flat_map(|o| o.values_mut())
        {
            answered_anywhere(operation);
        }
    }
    // Bodies read as text have no JSON type to violate: any value sent is its text.
    let not_blank = crate::ingest::submission::not_blank_pattern();
    doc["paths"]["/v1/articles"]["post"]["requestBody"]["content"]["text/html"]["schema"] =
        serde_json::json!({"pattern": not_blank, "description": "The page, not blank, no NUL."});
    doc["paths"]["/v1/articles/bulk"]["post"]["requestBody"]["content"]["application/x-ndjson"]
        ["schema"] = serde_json::json!({
        "description": "Any text: each line is judged on its own, and its result says what was wrong."
    });
    doc
}

/// What any route may answer, whatever its handler does: the limits in front of them.
fn answered_anywhere(operation: &mut serde_json::Value) {
    const ANYWHERE: [(&str, &str); 5] = [
        (
            "401",
            "An API key is needed (writes off loopback; reads with --keyed-reads)",
        ),
        ("414", "The request target is longer than 60 KiB"),
        (
            "429",
            "Over the rate limit for this key or address; see Retry-After",
        ),
        ("431", "More than 100 headers, or over 32 KiB of them"),
        (
            "503",
            "Overloaded (see Retry-After), or the database is unreachable",
        ),
    ];
    let Some(responses) = operation["responses"].as_object_mut() else {
        return;
    };
    for (status, description) in ANYWHERE {
        responses.entry(status).or_insert_with(|| {
            serde_json::json!({
                "description": description,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
            })
        });
    }
}

/// `GET /openapi.json`, made once.
pub async fn openapi_json() -> Json<&'static serde_json::Value> {
    static DOC: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    Json(DOC.get_or_init(document))
}
