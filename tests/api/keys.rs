//! API keys: writes need one when the policy says so (as on any non-loopback address),
//! reads when configured; 401 without or with an unknown key, 403 with a revoked one;
//! every write records its key; `whosaid keys` makes, lists and revokes them.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;
use whosaid::config::Settings;
use whosaid::http::auth::KeyPolicy;

use crate::helpers::{run_whosaid, sample_article, TestApp};

async fn keyed(policy: KeyPolicy) -> TestApp {
    TestApp::with_settings(Settings {
        keys: policy,
        ..Settings::default()
    })
    .await
}

/// A key stored the way `whosaid keys create` stores one.
async fn make_key(app: &TestApp, name: &str) -> (i64, String) {
    let key = whosaid::keys::generate().unwrap();
    let id = whosaid::db::keys::create(&app.pool, name, &key.prefix, &key.hash)
        .await
        .unwrap();
    (id, key.token)
}

fn post_with(uri: &str, key: Option<&str>, content_type: &str, body: Vec<u8>) -> Request<Body> {
    let mut request = Request::post(uri).header(header::CONTENT_TYPE, content_type);
    if let Some(key) = key {
        request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    request.body(Body::from(body)).unwrap()
}

fn article_body() -> Vec<u8> {
    serde_json::to_vec(&sample_article()).unwrap()
}

#[tokio::test]
async fn writes_need_a_valid_unrevoked_key_and_record_it() {
    let app = keyed(KeyPolicy {
        writes: true,
        reads: false,
    })
    .await;
    let json = "application/json";
    let none = app
        .send(post_with("/v1/articles", None, json, article_body()))
        .await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED, "{}", none.body);
    assert_eq!(none.error_code(), "key_required");
    let fake = format!("wsk_00000000_{}", "0".repeat(64));
    for wrong in ["nonsense", fake.as_str()] {
        let reply = app
            .send(post_with("/v1/articles", Some(wrong), json, article_body()))
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body);
        assert_eq!(reply.error_code(), "invalid_key");
    }
    let bulk = app
        .send(post_with(
            "/v1/articles/bulk",
            None,
            "application/x-ndjson",
            b"{}\n".to_vec(),
        ))
        .await;
    assert_eq!(bulk.status, StatusCode::UNAUTHORIZED);
    let (id, token) = make_key(&app, "importer").await;
    let (_, other) = make_key(&app, "other").await;
    // Another key's prefix with this key's secret is not a key.
    let spliced = format!("{}{}", &other[..13], &token[13..]);
    let reply = app
        .send(post_with(
            "/v1/articles",
            Some(&spliced),
            json,
            article_body(),
        ))
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);

    // Nothing was stored by the refused requests.
    assert_eq!(
        app.get("/v1/statements").await.body["statements"],
        json!([])
    );

    let stored = app
        .send(post_with(
            "/v1/articles",
            Some(&token),
            json,
            article_body(),
        ))
        .await;
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.body);
    let line = serde_json::to_vec(&json!({"text": "“It works,” Ada Lovelace said."})).unwrap();
    let bulk = app
        .send(post_with(
            "/v1/articles/bulk",
            Some(&token),
            "application/x-ndjson",
            line,
        ))
        .await;
    assert_eq!(bulk.status, StatusCode::OK);
    let recorded: Vec<Option<i64>> = sqlx::query_scalar("SELECT key_id FROM articles ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(recorded, vec![Some(id), Some(id)]);

    // Reads stay open.
    assert_eq!(app.get("/v1/statements").await.status, StatusCode::OK);

    assert!(whosaid::db::keys::revoke(&app.pool, &id.to_string())
        .await
        .unwrap());
    let revoked = app
        .send(post_with(
            "/v1/articles",
            Some(&token),
            json,
            article_body(),
        ))
        .await;
    assert_eq!(revoked.status, StatusCode::FORBIDDEN, "{}", revoked.body);
    assert_eq!(revoked.error_code(), "key_revoked");
    app.cleanup().await;
}

#[tokio::test]
async fn keyed_reads_leave_health_and_the_api_document_open() {
    let app = keyed(KeyPolicy {
        writes: true,
        reads: true,
    })
    .await;
    let reply = app.get("/v1/statements").await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.error_code(), "key_required");
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    let doc = app.get("/openapi.json").await;
    assert_eq!(doc.status, StatusCode::OK);
    assert_eq!(
        doc.body["components"]["securitySchemes"]["api_key"]["scheme"],
        "bearer"
    );
    assert!(doc.body["paths"]["/v1/articles"]["post"]["security"].is_array());
    let (_, token) = make_key(&app, "reader").await;
    let request = Request::get("/v1/statements")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(request).await.status, StatusCode::OK);
    app.cleanup().await;
}

#[tokio::test]
async fn the_web_form_asks_for_a_key_when_writes_need_one() {
    let app = keyed(KeyPolicy {
        writes: true,
        reads: false,
    })
    .await;
    let form = app
        .send_raw(Request::get("/add").body(Body::empty()).unwrap())
        .await;
    let page = http_body_util::BodyExt::collect(form.into_body())
        .await
        .unwrap()
        .to_bytes();
    assert!(String::from_utf8_lossy(&page).contains("name=\"api_key\""));
    let text = "text=%E2%80%9CFine%2C%E2%80%9D+Ada+Lovelace+said.";
    let refused = app
        .send_raw(post_with(
            "/add",
            None,
            "application/x-www-form-urlencoded",
            text.into(),
        ))
        .await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let (_, token) = make_key(&app, "desk").await;
    let with_key = format!("{text}&api_key={token}");
    let stored = app
        .send_raw(post_with(
            "/add",
            None,
            "application/x-www-form-urlencoded",
            with_key.into(),
        ))
        .await;
    assert_eq!(stored.status(), StatusCode::SEE_OTHER);
    app.cleanup().await;
}

#[tokio::test]
async fn the_keys_command_creates_lists_and_revokes() {
    let app = TestApp::spawn().await;
    let url = app.database_url();
    let db = ["--database-url", url.as_str()];
    let created = run_whosaid(
        &[&["keys"][..], &db, &["create", "--name", "night desk"]].concat(),
        b"",
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let token = String::from_utf8(created.stdout)
        .unwrap()
        .trim()
        .to_string();
    let prefix = whosaid::keys::prefix_of(&token)
        .expect("a key on stdout")
        .to_string();
    let listed = run_whosaid(&[&["keys"][..], &db, &["list"]].concat(), b"");
    let listing = String::from_utf8(listed.stdout).unwrap();
    assert!(
        listing.contains(&prefix) && listing.contains("night desk"),
        "{listing}"
    );
    assert!(
        !listing.contains(&token[13..]),
        "the secret is never listed"
    );
    let revoked = run_whosaid(&[&["keys"][..], &db, &["revoke", &prefix]].concat(), b"");
    assert!(revoked.status.success());
    let again = run_whosaid(&[&["keys"][..], &db, &["revoke", &prefix]].concat(), b"");
    assert!(!again.status.success(), "revoking twice says so");
    assert!(String::from_utf8_lossy(&again.stderr).contains("no unrevoked key"));
    app.cleanup().await;
}
