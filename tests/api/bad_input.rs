//! Hostile and malformed input: every route answers a 4xx in the one JSON error shape,
//! never a 5xx and never a plain-text body.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{enc, TestApp};
use whosaid::config::Settings;

#[tokio::test]
async fn malformed_article_bodies_are_4xx_json() {
    let app = TestApp::spawn().await;
    let json = Some("application/json");
    /// What the case is, content type, body, expected status and error code.
    type Case<'a> = (&'a str, Option<&'a str>, Vec<u8>, StatusCode, &'a str);
    let cases: Vec<Case> = vec![
        (
            "not JSON",
            json,
            b"{text: nope".to_vec(),
            StatusCode::BAD_REQUEST,
            "invalid_json",
        ),
        (
            "empty body",
            json,
            Vec::new(),
            StatusCode::BAD_REQUEST,
            "invalid_json",
        ),
        (
            "truncated",
            json,
            br#"{"text": "abc"#.to_vec(),
            StatusCode::BAD_REQUEST,
            "invalid_json",
        ),
        (
            "array",
            json,
            b"[1, 2]".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            "string",
            json,
            br#""text""#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            "null",
            json,
            b"null".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            "missing text",
            json,
            br#"{"title": "x"}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            "text a number",
            json,
            br#"{"text": 5}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            "title an object",
            json,
            br#"{"text": "a", "title": {}}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            "unknown field",
            json,
            br#"{"text": "a", "body": "b"}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            "blank text",
            json,
            br#"{"text": "  \n\t "}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            "NUL in text",
            json,
            br#"{"text": "a\u0000b said"}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            "NUL in title",
            json,
            br#"{"text": "a", "title": "x\u0000"}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            "bad date",
            json,
            br#"{"text": "a", "published_at": "13/02/2025"}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            "impossible date",
            json,
            br#"{"text": "a", "published_at": "2025-02-30"}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            "date a number",
            json,
            br#"{"text": "a", "published_at": 20250213}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            "bad url",
            json,
            br#"{"text": "a", "url": "javascript:alert(1)"}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
        ),
        (
            "invalid UTF-8",
            json,
            b"{\"text\": \"caf\xe9 said\"}".to_vec(),
            StatusCode::BAD_REQUEST,
            "invalid_json",
        ),
        (
            "lone surrogate",
            json,
            br#"{"text": "\ud800 said"}"#.to_vec(),
            StatusCode::BAD_REQUEST,
            "invalid_json",
        ),
        (
            "no content type",
            None,
            br#"{"text": "a"}"#.to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "form content type",
            Some("application/x-www-form-urlencoded"),
            b"text=a".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "text/plain",
            Some("text/plain"),
            br#"{"text": "a"}"#.to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
    ];
    for (what, content_type, body, status, code) in cases {
        let reply = app.post_raw("/v1/articles", content_type, body).await;
        assert_eq!(reply.status, status, "{what}: {}", reply.body);
        assert_eq!(reply.error_code(), code, "{what}: {}", reply.body);
    }
    // The message names the field at fault.
    let reply = app
        .post_raw("/v1/articles", json, br#"{"text": 5}"#.to_vec())
        .await;
    assert!(reply.message().contains("text"), "{}", reply.body);
    let reply = app
        .post_raw(
            "/v1/articles",
            json,
            br#"{"text": "a", "published_at": "soon"}"#.to_vec(),
        )
        .await;
    assert!(reply.message().contains("published_at"), "{}", reply.body);
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM articles")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0, "nothing invalid is stored");
    app.cleanup().await;
}

#[tokio::test]
async fn oversized_bodies_are_413_json() {
    let settings = Settings {
        body_limit: 64 * 1024,
        ..Settings::default()
    };
    let app = TestApp::with_settings(settings).await;
    let big = json!({"text": "word ".repeat(20_000)});
    let reply = app.post_article(&big).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.error_code(), "payload_too_large");
    app.cleanup().await;

    // The default limit (2 MiB) takes a 1.5 MiB article and refuses a 3 MiB one.
    let app = TestApp::spawn().await;
    let sentence = "“The plan will work,” said Ellen Park. ";
    let ok = json!({"text": sentence.repeat(1_500_000 / sentence.len())});
    let reply = app.post_article(&ok).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.message());
    let too_big = json!({"text": "x".repeat(3 * 1024 * 1024)});
    let reply = app.post_article(&too_big).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.error_code(), "payload_too_large");
    app.cleanup().await;
}

#[tokio::test]
async fn bad_query_parameters_are_400_json() {
    let app = TestApp::spawn().await;
    let long = "a".repeat(600);
    let very_long = "b".repeat(62_000);
    let cases = [
        "from=yesterday",
        "from=2025-13-01",
        "to=2025-02-30",
        "from=%202025-02-13",
        "from=%2B2025-02-13",
        "limit=0",
        "limit=%2B5",
        "limit=%205",
        "limit=05",
        "limit=501",
        "limit=-5",
        "limit=ten",
        "limit=99999999999999999999999",
        "cursor=zz",
        "cursor=3230323",
        "cursor=%00",
        "cursor=1.2",
        "cursor=1.2.3.4",
        "kind=shouted",
        "kind=direct,,mixed",
        "kind=direct,%20mixed",
        "count=TRUE",
        "person_id=abc",
        "person_id=0",
        "person_id=01",
        "nonsense=1",
        "person=%00",
        "person=%FF%FE",
        "q=%C3%28",
        "limit=%FF",
        &format!("person={long}"),
        &format!("q={long}"),
    ];
    for query in cases {
        let reply = app.get(&format!("/v1/statements?{query}")).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{query}: {}",
            reply.body
        );
        reply.error_code();
    }
    // Each valid on its own, so answered, with nothing: an empty range, a name nobody has.
    for query in ["from=2025-02-14&to=2025-02-13", "organization=0"] {
        let reply = app.get(&format!("/v1/statements?{query}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.body);
        assert_eq!(reply.body["statements"], json!([]), "{query}");
    }
    let reply = app.get(&format!("/v1/statements?q={very_long}")).await;
    assert_eq!(reply.status, StatusCode::URI_TOO_LONG);
    assert_eq!(reply.error_code(), "uri_too_long");
    for uri in [
        format!("/v1/people?q={long}"),
        "/v1/organizations?bogus=1".to_string(),
    ] {
        let reply = app.get(&uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        reply.error_code();
    }
    app.cleanup().await;
}

#[tokio::test]
async fn hostile_search_text_is_just_text() {
    let app = TestApp::spawn().await;
    app.post_article(&crate::helpers::sample_article()).await;
    for q in [
        "&|!():*",
        "'",
        "\"",
        "a & | b",
        "!!!",
        "(((",
        "<->",
        "x:*",
        "-",
        "or",
        "'; DROP TABLE statements; --",
        "é漢字🙂",
    ] {
        for param in ["q", "person", "organization"] {
            let reply = app.get(&format!("/v1/statements?{param}={}", enc(q))).await;
            assert_eq!(reply.status, StatusCode::OK, "{param}={q}: {}", reply.body);
        }
        let reply = app.get(&format!("/v1/people?q={}", enc(q))).await;
        assert_eq!(reply.status, StatusCode::OK, "people q={q}");
    }
    // A name is never a pattern: % and _ match only themselves.
    for pattern in ["%", "_", "%o%", "J_hnson"] {
        let reply = app
            .get(&format!("/v1/statements?person={}", enc(pattern)))
            .await;
        assert_eq!(
            reply.body["statements"].as_array().unwrap().len(),
            0,
            "person={pattern}"
        );
        // The name search forgives typos ("J_hnson" is one letter from "Johnson"), but
        // nothing matches as a pattern would: no result is an exact or whole-word match.
        let reply = app.get(&format!("/v1/people?q={}", enc(pattern))).await;
        for person in reply.body["people"].as_array().unwrap() {
            assert!(
                person["score"].as_f64().unwrap() < 1.0,
                "people q={pattern}: {person}"
            );
        }
    }
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM statements")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(count > 0);
    app.cleanup().await;
}

#[tokio::test]
async fn unknown_ids_and_routes_are_404_json() {
    let app = TestApp::spawn().await;
    for uri in [
        "/v1/articles/999999",
        "/v1/statements/999999",
        "/v1/people/999999",
        "/v1/organizations/999999",
        "/nope",
        "/v1",
        "/v1/articles/1/extra",
    ] {
        let reply = app.get(uri).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(reply.error_code(), "not_found");
    }
    for uri in [
        "/v1/articles/abc",
        "/v1/statements/-1",
        "/v1/people/0",
        "/v1/organizations/1.5",
        "/v1/articles/99999999999999999999999",
        "/v1/articles/%FF",
        "/v1/people/%00",
    ] {
        let reply = app.get(uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(reply.error_code(), "invalid_parameter");
    }
    let reply = app
        .send(
            axum::http::Request::delete("/v1/articles/1")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.error_code(), "method_not_allowed");
    app.cleanup().await;
}
