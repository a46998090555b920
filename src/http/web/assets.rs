//! The stylesheet and script, compiled into the binary (nothing is fetched at run time)
//! and served with an ETag from their content, so browsers revalidate cheaply and a new
//! build's assets are never mistaken for the old ones (`?v=` changes with the content).

use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static str,
}

const ASSETS: [Asset; 2] = [
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        body: include_str!("assets/app.css"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("assets/app.js"),
    },
];

/// Each asset's tag: the first 16 hex digits of its SHA-256, computed once.
fn etags() -> &'static [String] {
    static TAGS: OnceLock<Vec<String>> = OnceLock::new();
    TAGS.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| {
                let digest = Sha256::digest(a.body.as_bytes());
                digest[..8].iter().map(|b| format!("{b:02x}")).collect()
            })
            .collect()
    })
}

/// The address a page links an asset by.
pub fn href(name: &str) -> String {
    let i = ASSETS.iter().position(|a| a.name == name).unwrap_or(0);
    format!("/assets/{name}?v={}", etags()[i])
}

pub async fn serve(Path(name): Path<String>, headers: HeaderMap) -> Response {
    let Some(i) = ASSETS.iter().position(|a| a.name == name) else {
        return super::WebError(crate::http::error::ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no asset called {:?}", crate::echo::truncate(&name, 40)),
        ))
        .into_response();
    };
    let etag = format!("\"{}\"", etags()[i]);
    let cache = (header::CACHE_CONTROL, "public, max-age=86400");
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let tag = HeaderValue::from_str(&etag).expect("hex digits make a header value");
    if matches {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, tag)], [cache]).into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(ASSETS[i].content_type),
            ),
            (header::ETAG, tag),
        ],
        [cache],
        ASSETS[i].body,
    )
        .into_response()
}
