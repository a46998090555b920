//! The README's walk-through, run: `examples/harbour-bridge.txt` gives the answers the
//! README shows, so a newcomer's first steps work in any clone.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

#[tokio::test]
async fn the_readme_walk_through_answers_as_shown() {
    let app = TestApp::spawn().await;
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbour-bridge.txt"),
    )
    .unwrap();
    let article = json!({
        "text": text,
        "title": "Harbour bridge to close for repairs, council confirms",
        "source": "Example Gazette",
        "published_at": "2025-02-17",
    });
    let stored = app.post_article(&article).await;
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.body);
    assert_eq!(app.post_article(&article).await.status, StatusCode::OK);

    let costa = app.get("/v1/statements?person=Costa&q=safety").await;
    let quotes: Vec<&str> = costa.body["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["quote"].as_str().unwrap())
        .collect();
    assert!(
        quotes.iter().any(|q| q.contains("Safety comes first")),
        "{quotes:?}"
    );

    let tuesday = app
        .get("/v1/statements?from=2025-02-11&to=2025-02-11&kind=direct")
        .await;
    let found = tuesday.body["statements"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{}", tuesday.body);
    assert_eq!(found[0]["speaker"]["name"], "Priya Nair");
    assert!(found[0]["quote"]
        .as_str()
        .unwrap()
        .contains("sensors do not lie"));

    let typo = app.get("/v1/statements?person=Okorro").await;
    assert_eq!(
        typo.body["suggestions"][0]["label"],
        "Daniel Okoro (3 statements)"
    );

    let asked = app
        .get("/v1/ask?q=what%20did%20Nair%20say%20about%20the%20deck")
        .await;
    assert_eq!(asked.body["interpreted"]["people"][0]["name"], "Priya Nair");
    assert!(asked.body["statements"][0]["quote"]
        .as_str()
        .unwrap()
        .contains("corroded faster than expected"));

    let first = app.get("/v1/statements?limit=5").await;
    let cursor = first.body["next_cursor"].as_str().expect("a second page");
    let second = app
        .get(&format!("/v1/statements?limit=5&cursor={cursor}"))
        .await;
    assert_eq!(second.body["statements"].as_array().unwrap().len(), 5);
    app.cleanup().await;
}
