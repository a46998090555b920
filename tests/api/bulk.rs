//! `POST /v1/articles/bulk`: one answer per line, in order, bad lines answered and
//! skipped, and what was acknowledged kept when the client goes away.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use whosaid::config::Settings;

use crate::helpers::{sample_page, TestApp};

fn article(n: u32) -> Value {
    json!({
        "text": format!("Mayor Ana Torres said on Tuesday that plan {n} would cut waiting lists."),
        "url": format!("https://news.example.org/plan-{n}"),
        "published_at": "2024-05-10",
    })
}

fn ndjson(lines: &[Vec<u8>]) -> Vec<u8> {
    lines
        .iter()
        .flat_map(|l| l.iter().copied().chain(*b"\n"))
        .collect()
}

fn line(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).unwrap()
}

async fn post_bulk(app: &TestApp, body: impl Into<Body>) -> (StatusCode, Vec<Value>) {
    let request = Request::post("/v1/articles/bulk")
        .header(header::CONTENT_TYPE, "application/x-ndjson")
        .body(body.into())
        .unwrap();
    let response = app.send_raw(request).await;
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let results = String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    (status, results)
}

#[tokio::test]
async fn every_line_gets_its_answer_in_order_and_bad_lines_lose_nothing_else() {
    let app = TestApp::with_settings(Settings {
        body_limit: 64 * 1024,
        ..Settings::default()
    })
    .await;
    let body = ndjson(&[
        line(&article(1)),
        b"not json".to_vec(),
        line(&json!({"text": "Mayor said so.", "colour": "red"})),
        b"   ".to_vec(),
        line(&json!({"html": sample_page(""), "url": "https://news.example.org/page"})),
        line(&article(1)),
        line(&json!({"text": "a ".repeat(40_000)})),
        vec![0xff, 0xfe, b'{', b'}'],
        line(&json!({"text": "  "})),
        line(&json!({"text": "He said it.", "published_at": "soon"})),
        line(&article(2)),
    ]);
    let (status, mut results) = post_bulk(&app, body).await;
    assert_eq!(status, StatusCode::OK);
    // Lines 1 and 6 are the same article: one stores it, the other finds it. Which one is
    // up to the two writers (either may commit first), so the pair is put in line order.
    let mut repeated = [results[0]["status"].clone(), results[4]["status"].clone()];
    repeated.sort_by_key(|s| s.as_str().map(String::from));
    assert_eq!(
        repeated,
        [json!("created"), json!("existing")],
        "{results:?}"
    );
    results[0]["status"] = json!("created");
    results[4]["status"] = json!("existing");
    let summary: Vec<(u64, &str, &str)> = results
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["status"].as_str().unwrap(),
                r["error"]["code"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, "created", ""),
            (2, "error", "invalid_json"),
            (3, "error", "invalid_field"),
            (5, "created", ""),
            (6, "existing", ""),
            (7, "error", "invalid_input"),
            (8, "error", "invalid_input"),
            (9, "error", "invalid_field"),
            (10, "error", "invalid_field"),
            (11, "created", ""),
        ]
    );
    assert_eq!(
        results[4]["id"], results[0]["id"],
        "the repeat is the stored article"
    );
    let stored = [&results[0], &results[4]]
        .iter()
        .map(|r| r["statements"].as_u64().unwrap_or(0))
        .max();
    assert!(stored >= Some(1), "{results:?}");
    let says = |i: usize| results[i]["error"]["message"].as_str().unwrap().to_string();
    assert!(says(2).contains("colour"), "{}", says(2));
    assert!(
        says(5).contains("longer than the body limit"),
        "{}",
        says(5)
    );
    assert!(says(6).contains("UTF-8"), "{}", says(6));
    assert!(says(7).starts_with("text:"), "{}", says(7));
    assert!(says(8).starts_with("published_at:"), "{}", says(8));
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM articles")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 3);
    app.cleanup().await;
}

#[tokio::test]
async fn a_stream_that_is_not_ndjson_is_refused() {
    let app = TestApp::spawn().await;
    let reply = app
        .post_raw("/v1/articles/bulk", Some("application/json"), "[]")
        .await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(
        reply.message().contains("application/x-ndjson"),
        "{}",
        reply.message()
    );
    app.cleanup().await;
}

#[tokio::test]
async fn a_client_that_hangs_up_keeps_what_it_was_told_was_stored() {
    let app = TestApp::spawn().await;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let request = Request::post("/v1/articles/bulk")
        .header(header::CONTENT_TYPE, "application/x-ndjson")
        .body(Body::from_stream(
            tokio_stream::wrappers::ReceiverStream::new(rx),
        ))
        .unwrap();
    let response = app.send_raw(request).await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = response.into_body();
    for n in 1..=2 {
        tx.send(Ok(Bytes::from(ndjson(&[line(&article(n))]))))
            .await
            .unwrap();
    }
    let mut acknowledged = Vec::new();
    let mut pending = String::new();
    while acknowledged.len() < 2 {
        let frame = tokio::time::timeout(Duration::from_secs(20), body.frame())
            .await
            .expect("an answer within 20 s")
            .expect("the stream goes on")
            .unwrap();
        pending.push_str(std::str::from_utf8(frame.data_ref().unwrap()).unwrap());
        while let Some((one, rest)) = pending.split_once('\n') {
            let result: Value = serde_json::from_str(one).unwrap();
            assert_eq!(result["status"], "created", "{result}");
            acknowledged.push(result["id"].as_i64().unwrap());
            pending = rest.to_string();
        }
    }
    // The client goes away in the middle of a line.
    drop(body);
    let _ = tx
        .send(Ok(Bytes::from_static(b"{\"text\": \"half a li")))
        .await;
    drop(tx);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let stored: Vec<i64> = sqlx::query_scalar("SELECT id FROM articles ORDER BY id")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    // Two writers may commit the two lines in either order: the ids are the same set.
    acknowledged.sort_unstable();
    assert_eq!(stored, acknowledged);
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
    app.cleanup().await;
}
