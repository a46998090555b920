//! The query routes: each filter, their combinations, people and organisations,
//! health, the OpenAPI document and the HTTP niceties (CORS, request ids, gzip).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;

use crate::helpers::{sample_article, TestApp};

fn speakers(reply: &Value) -> Vec<String> {
    reply["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["speaker"]["name"].as_str().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn filters_find_people_as_users_type_them() {
    let app = TestApp::spawn().await;
    let article = app.post_article(&sample_article()).await;
    assert_eq!(article.status, StatusCode::CREATED);
    for typed in [
        "Johnson",
        "johnson",
        "Alice+Johnson",
        "ALICE%20JOHNSON",
        "Mayor+Alice+Johnson",
    ] {
        let reply = app.get(&format!("/v1/statements?person={typed}")).await;
        let names = speakers(&reply.body);
        assert!(!names.is_empty(), "person={typed}");
        assert!(
            names.iter().all(|n| n == "Alice Johnson"),
            "person={typed}: {names:?}"
        );
    }
    let nobody = app.get("/v1/statements?person=John").await;
    assert!(
        speakers(&nobody.body).is_empty(),
        "part of a word is not a name"
    );

    let people = app.get("/v1/people?q=okafor").await;
    let person = &people.body["people"][0];
    assert_eq!(person["name"], "Brian Okafor");
    let id = person["id"].as_i64().unwrap();
    let by_id = app.get(&format!("/v1/statements?person_id={id}")).await;
    assert!(speakers(&by_id.body).iter().all(|n| n == "Brian Okafor"));
    assert!(!speakers(&by_id.body).is_empty());
    let detail = app.get(&format!("/v1/people/{id}")).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(detail.body["statement_count"].as_i64().unwrap() >= 1);
    assert_eq!(
        detail.body["first_said_on"].as_str().map(str::len),
        Some(10)
    );

    // Topic, kind and date combine with the person.
    let topic = app.get("/v1/statements?person=Johnson&q=teachers").await;
    assert!(topic.body["statements"][0]["quote"]
        .as_str()
        .unwrap()
        .contains("teachers"));
    let stemmed = app.get("/v1/statements?q=teacher").await;
    assert!(
        !stemmed.body["statements"].as_array().unwrap().is_empty(),
        "English stemming"
    );
    let direct = app.get("/v1/statements?kind=direct").await;
    assert!(direct.body["statements"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["kind"] == "direct"));
    let none = app.get("/v1/statements?from=2030-01-01").await;
    assert!(none.body["statements"].as_array().unwrap().is_empty());
    assert!(none.body["next_cursor"].is_null());
    app.cleanup().await;
}

#[tokio::test]
async fn health_openapi_and_http_niceties() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz").await.body["status"], "ok");
    assert_eq!(app.get("/readyz").await.status, StatusCode::OK);

    let doc = app.get("/openapi.json").await;
    assert!(doc.body["openapi"].as_str().unwrap().starts_with("3."));
    for (path, method) in [
        ("/v1/articles", "post"),
        ("/v1/articles/{id}", "get"),
        ("/v1/statements", "get"),
        ("/v1/statements/{id}", "get"),
        ("/v1/people", "get"),
        ("/v1/people/{id}", "get"),
        ("/v1/organizations", "get"),
        ("/v1/organizations/{id}", "get"),
        ("/healthz", "get"),
        ("/readyz", "get"),
    ] {
        assert!(
            doc.body["paths"][path][method].is_object(),
            "{method} {path} missing"
        );
    }
    let params: Vec<&str> = doc.body["paths"]["/v1/statements"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in [
        "person",
        "person_id",
        "organization",
        "from",
        "to",
        "q",
        "kind",
        "limit",
        "cursor",
    ] {
        assert!(params.contains(&name), "parameter {name} undocumented");
    }
    assert!(doc.body["paths"]["/v1/articles"]["post"]["responses"]["422"].is_object());

    let reply = app
        .send(
            Request::get("/v1/statements")
                .header("origin", "https://dashboard.example.org")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(
        reply.headers["access-control-allow-origin"],
        "https://dashboard.example.org"
    );
    assert!(reply.headers.contains_key("x-request-id"));
    let big = app
        .send_raw(
            Request::get("/openapi.json")
                .header("accept-encoding", "gzip")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(big.headers()["content-encoding"], "gzip");
    app.cleanup().await;
}

#[tokio::test]
async fn readiness_fails_without_the_database() {
    let app = TestApp::spawn().await;
    app.pool.close().await;
    let reply = app.get("/readyz").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.error_code(), "database_unavailable");
    let reply = app.get("/v1/statements").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    app.cleanup().await;
}

/// The serving pool stops a query at its limit (so a slow query cannot hold a
/// connection past its request) and plans without JIT; migrations do not inherit it.
#[tokio::test]
async fn the_serving_pool_limits_each_query() {
    let app = TestApp::spawn().await;
    let url = app.database_url();
    let pool = whosaid::db::connect(
        &url,
        whosaid::db::PoolSettings {
            max_connections: 2,
            acquire_timeout: std::time::Duration::from_secs(5),
            statement_timeout: Some(std::time::Duration::from_millis(300)),
        },
    )
    .await
    .unwrap();
    let settings: (String, String, String) = sqlx::query_as(
        "SELECT current_setting('statement_timeout'), current_setting('jit'),
                current_setting('plan_cache_mode')",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        settings,
        ("300ms".into(), "off".into(), "force_custom_plan".into())
    );
    let slow = sqlx::query("SELECT pg_sleep(2)").execute(&pool).await;
    let message = slow.unwrap_err().to_string();
    assert!(message.contains("statement timeout"), "{message}");
    // The connection is usable again at once.
    let one: i32 = sqlx::query_scalar("SELECT 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(one, 1);
    // Generic plans hold inside `planned_once` only: dropped or committed, the
    // connection plans for its parameters again.
    let mode = "SELECT current_setting('plan_cache_mode')";
    for commit in [false, true] {
        let mut tx = whosaid::db::planned_once(&pool).await.unwrap();
        let inside: String = sqlx::query_scalar(mode).fetch_one(&mut *tx).await.unwrap();
        assert_eq!(inside, "force_generic_plan");
        if commit {
            tx.commit().await.unwrap();
        }
        for _ in 0..2 {
            let after: String = sqlx::query_scalar(mode).fetch_one(&pool).await.unwrap();
            assert_eq!(after, "force_custom_plan");
        }
    }
    whosaid::db::migrate_url(&url).await.unwrap();
    pool.close().await;
    app.cleanup().await;
}

#[tokio::test]
async fn act_filter_separates_what_was_said_from_beliefs_and_plans() {
    let app = TestApp::spawn().await;
    let text = "Mayor Alice Johnson said that the bridge would reopen in May. \
                Johnson believes that traffic will fall. \
                Johnson vowed to cut fares. \
                Johnson wrote that the budget was tight.";
    let reply = app
        .post_article(&serde_json::json!({"text": text, "published_at": "2025-02-13"}))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let acts_of = |reply: &crate::helpers::Reply| -> Vec<(String, String)> {
        reply.body["statements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let quote = s["quote"].as_str().unwrap().to_string();
                (s["act"].as_str().unwrap().to_string(), quote)
            })
            .collect()
    };
    let all = acts_of(&app.get("/v1/statements?limit=50").await);
    let act = |needle: &str| {
        all.iter()
            .find(|(_, q)| q.contains(needle))
            .map(|(a, _)| a.as_str())
            .unwrap_or("missing")
            .to_string()
    };
    assert_eq!(act("bridge"), "speech", "{all:?}");
    assert_eq!(act("traffic"), "belief", "{all:?}");
    assert_eq!(act("fares"), "intention", "{all:?}");
    assert_eq!(act("budget"), "writing", "{all:?}");
    let said = acts_of(&app.get("/v1/statements?act=said").await);
    let mut said_acts: Vec<&str> = said.iter().map(|(a, _)| a.as_str()).collect();
    said_acts.sort();
    assert_eq!(said_acts, ["speech", "writing"], "{said:?}");
    let beliefs = acts_of(
        &app.get("/v1/statements?act=belief,intention&person=Johnson")
            .await,
    );
    assert_eq!(beliefs.len(), 2, "{beliefs:?}");
    let bad = app.get("/v1/statements?act=shouting").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.message().contains("act"), "{}", bad.body);
    app.cleanup().await;
}
