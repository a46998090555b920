//! Ingestion: stored once, answered the same, also under concurrent duplicates.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::{sample_article, TestApp};

async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn posting_an_article_stores_it_with_its_statements() {
    let app = TestApp::spawn().await;
    let reply = app.post_article(&sample_article()).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let id = reply.body["id"].as_i64().unwrap();
    assert_eq!(reply.body["published_at_basis"], "given");
    assert_eq!(
        reply.body["title"],
        "Council approves budget after long debate"
    );
    let statements = reply.body["statements"].as_array().unwrap();
    assert!(!statements.is_empty(), "{}", reply.body);
    assert_eq!(statements.len() as i64, count(&app, "statements").await);
    for st in statements {
        assert_eq!(st["article"]["id"], id);
        assert!(st["extractor_version"].as_str().is_some());
    }

    let fetched = app.get(&format!("/v1/articles/{id}")).await;
    assert_eq!(fetched.status, StatusCode::OK);
    assert_eq!(fetched.body, reply.body);

    let one = &statements[0];
    let by_id = app.get(&format!("/v1/statements/{}", one["id"])).await;
    assert_eq!(by_id.status, StatusCode::OK);
    assert_eq!(&by_id.body, one);
    app.cleanup().await;
}

#[tokio::test]
async fn posting_the_same_article_again_stores_nothing_twice() {
    let app = TestApp::spawn().await;
    let article = sample_article();
    let first = app.post_article(&article).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let statements = count(&app, "statements").await;
    let people = count(&app, "people").await;

    let again = app.post_article(&article).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.body, first.body);

    // Same URL, edited text: still the same article.
    let mut edited = article.clone();
    edited["text"] = json!(format!("{} Updated.", article["text"].as_str().unwrap()));
    let same_url = app.post_article(&edited).await;
    assert_eq!(same_url.status, StatusCode::OK);
    assert_eq!(same_url.body["id"], first.body["id"]);

    assert_eq!(count(&app, "articles").await, 1);
    assert_eq!(count(&app, "statements").await, statements);
    assert_eq!(count(&app, "people").await, people);
    app.cleanup().await;
}

#[tokio::test]
async fn without_url_the_text_is_the_identity() {
    let app = TestApp::spawn().await;
    let article = json!({"text": "“We are ready,” the minister, Carla Reyes, said on Friday."});
    let first = app.post_article(&article).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert_eq!(first.body["published_at_basis"], "ingestion");
    let again = app.post_article(&article).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.body["id"], first.body["id"]);
    let other = app
        .post_article(&json!({"text": "“We are not ready,” the minister, Carla Reyes, said."}))
        .await;
    assert_eq!(other.status, StatusCode::CREATED);
    assert_ne!(other.body["id"], first.body["id"]);
    assert_eq!(count(&app, "articles").await, 2);
    app.cleanup().await;
}

#[tokio::test]
async fn concurrent_identical_posts_store_one_article() {
    let app = TestApp::spawn().await;
    let article = sample_article();
    let posts = (0..8).map(|_| {
        let router = app.router.clone();
        let body = serde_json::to_vec(&article).unwrap();
        tokio::spawn(async move {
            use tower::ServiceExt;
            let request = axum::http::Request::post("/v1/articles")
                .header("content-type", "application/json")
                .body(axum::body::Body::from(body))
                .unwrap();
            let response = router.oneshot(request).await.unwrap();
            let status = response.status();
            let bytes = http_body_util::BodyExt::collect(response.into_body())
                .await
                .unwrap()
                .to_bytes();
            let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            (status, body["id"].as_i64())
        })
    });
    let results: Vec<_> = futures_join(posts.collect()).await;
    let created = results
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    let ok = results.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    assert_eq!((created, ok), (1, 7), "{results:?}");
    let ids: std::collections::BTreeSet<_> = results.iter().map(|(_, id)| *id).collect();
    assert_eq!(ids.len(), 1, "{results:?}");
    assert_eq!(count(&app, "articles").await, 1);
    let per_article: i64 = sqlx::query_scalar("SELECT count(*) FROM statements")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let single = app
        .get(&format!(
            "/v1/articles/{}",
            ids.iter().next().unwrap().unwrap()
        ))
        .await;
    assert_eq!(
        single.body["statements"].as_array().unwrap().len() as i64,
        per_article
    );
    app.cleanup().await;
}

async fn futures_join<T>(handles: Vec<tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::test]
async fn publication_dates_accept_dates_and_rfc3339() {
    let app = TestApp::spawn().await;
    for (n, published_at) in [
        "2024-03-15",
        "2024-03-15T09:30:00Z",
        "2024-03-15T09:30:00+02:00",
    ]
    .iter()
    .enumerate()
    {
        let reply = app
            .post_article(&json!({
                "text": format!("“Plan {n} is fine,” said Dana Whitfield."),
                "published_at": published_at,
            }))
            .await;
        assert_eq!(
            reply.status,
            StatusCode::CREATED,
            "{published_at}: {}",
            reply.body
        );
        assert_eq!(reply.body["published_at_basis"], "given");
        assert!(reply.body["published_at"]
            .as_str()
            .unwrap()
            .starts_with("2024-03-15T"));
    }
    app.cleanup().await;
}

#[tokio::test]
async fn reextract_brings_stored_articles_to_the_current_extractor() {
    let app = TestApp::spawn().await;
    let first = app.post_article(&sample_article()).await;
    let id = first.body["id"].as_i64().unwrap();
    let before = count(&app, "statements").await;
    // Pretend an older extractor produced this article's statements.
    sqlx::query("UPDATE articles SET extractor_version = 'old'")
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE statements SET extractor_version = 'old', quote = 'stale'")
        .execute(&app.pool)
        .await
        .unwrap();

    let updated = whosaid::ingest::reextract_all(&app.pool).await.unwrap();
    assert_eq!(updated, 1);
    let after = app.get(&format!("/v1/articles/{id}")).await;
    assert_eq!(
        after.body["extractor_version"],
        whosaid::extract::EXTRACTOR_VERSION
    );
    assert_eq!(
        after.body["statements"].as_array().unwrap().len() as i64,
        before
    );
    for st in after.body["statements"].as_array().unwrap() {
        assert_ne!(st["quote"], "stale");
        assert_eq!(st["extractor_version"], whosaid::extract::EXTRACTOR_VERSION);
    }
    // The day-by-speaker rollup still adds up to the statements there are.
    let rolled: i64 = sqlx::query_scalar("SELECT sum(statements)::bigint FROM speaker_days")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(rolled, before);
    let per_key_mismatch: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM speaker_days d FULL JOIN
           (SELECT said_on, coalesce(person_id, 0) AS p, coalesce(organization_id, 0) AS o, count(*) AS n
            FROM statements GROUP BY 1, 2, 3) c
           ON (d.said_on, d.person_id, d.organization_id) = (c.said_on, c.p, c.o)
         WHERE coalesce(d.statements, 0) <> coalesce(c.n, 0)",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(per_key_mismatch, 0);
    // ... and so does the month-by-speaker one.
    let per_month_mismatch: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM speaker_months m FULL JOIN
           (SELECT date_trunc('month', said_on)::date AS month, coalesce(person_id, 0) AS p,
                   coalesce(organization_id, 0) AS o, count(*) AS n
            FROM statements GROUP BY 1, 2, 3) c
           ON (m.said_on, m.person_id, m.organization_id) = (c.month, c.p, c.o)
         WHERE coalesce(m.statements, 0) <> coalesce(c.n, 0)",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(per_month_mismatch, 0);
    // Nothing is stale any more: a second run is a no-op.
    assert_eq!(whosaid::ingest::reextract_all(&app.pool).await.unwrap(), 0);
    app.cleanup().await;
}
