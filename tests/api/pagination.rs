//! Paging through a few hundred statements: every statement exactly once, in order.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

/// An article of `quotes` direct quotes by one speaker, dated within March 2024.
fn article(n: usize, quotes: usize) -> serde_json::Value {
    let mut text = format!("Update number {n} on the harbour project\n\n");
    for i in 0..quotes {
        // Several articles share a day, so the cursor must break ties by id.
        let day = 1 + (n * quotes + i) % 9;
        text.push_str(&format!(
            "On {day} March, engineer Nora Lindqvist said the crane for section {n}-{i} would arrive soon.\n\n\
             “Section {n}-{i} is on schedule,” Lindqvist said.\n\n"
        ));
    }
    json!({"text": text, "published_at": "2024-03-20", "url": format!("https://example.org/harbour/{n}")})
}

#[tokio::test]
async fn cursor_walks_every_statement_once_in_order() {
    let app = TestApp::spawn().await;
    for n in 0..20 {
        let reply = app.post_article(&article(n, 8)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    }
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM statements")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        total >= 250,
        "the articles should yield a few hundred statements, got {total}"
    );

    for page_size in [7, 50, 500] {
        let walked = app.all_statements("person=Lindqvist", page_size).await;
        let ids: Vec<i64> = walked.iter().map(|s| s["id"].as_i64().unwrap()).collect();
        let unique: std::collections::BTreeSet<_> = ids.iter().collect();
        assert_eq!(
            unique.len(),
            ids.len(),
            "page size {page_size}: a statement came twice"
        );
        assert_eq!(
            ids.len() as i64,
            total,
            "page size {page_size}: statements were skipped"
        );
        let keys: Vec<(String, i64)> = walked
            .iter()
            .map(|s| {
                (
                    s["said_on"].as_str().unwrap().to_string(),
                    s["id"].as_i64().unwrap(),
                )
            })
            .collect();
        assert!(
            keys.windows(2).all(|w| w[0] > w[1]),
            "page size {page_size}: not newest first"
        );
    }

    // Filters and paging combine: a date range pages to exactly its rows.
    let march_3: i64 =
        sqlx::query_scalar("SELECT count(*) FROM statements WHERE said_on = '2024-03-03'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(march_3 > 0);
    let walked = app.all_statements("from=2024-03-03&to=2024-03-03", 4).await;
    assert_eq!(walked.len() as i64, march_3);
    assert!(walked.iter().all(|s| s["said_on"] == "2024-03-03"));

    let first = app.get("/v1/statements").await;
    assert_eq!(
        first.body["statements"].as_array().unwrap().len(),
        50,
        "default limit"
    );
    assert!(first.body["next_cursor"].is_string());
    app.cleanup().await;
}
