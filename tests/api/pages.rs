//! Web pages in: HTML in JSON or as the body itself, main text out, metadata read with
//! its provenance, and the same statements as from the clean text.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{enc, sample_article, sample_page, TestApp};

const META: &str = r#"<meta property="og:site_name" content="Test Wire Online">
<meta name="author" content="Pat Writer">
<meta property="article:published_time" content="2024-03-15T09:30:00-05:00">"#;

/// What a journalist compares: who, what, how, when — not where in the text.
fn said(statements: &Value) -> Vec<(String, String, String, String, String)> {
    let mut out: Vec<_> = statements
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let get = |v: &Value| v.as_str().unwrap_or("").to_string();
            (
                get(&s["speaker"]["name"]),
                get(&s["quote"]),
                get(&s["kind"]),
                get(&s["cue"]),
                get(&s["said_on"]),
            )
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn a_page_gives_the_statements_of_its_clean_text_and_none_from_its_furniture() {
    let app = TestApp::spawn().await;
    let mut clean = sample_article();
    clean["url"] = json!("https://news.example.org/clean");
    let from_text = app.post_article(&clean).await;
    assert_eq!(from_text.status, StatusCode::CREATED, "{}", from_text.body);

    let page = json!({"html": sample_page(""), "url": "https://news.example.org/page", "published_at": "2024-03-15"});
    let from_page = app.post_article(&page).await;
    assert_eq!(from_page.status, StatusCode::CREATED, "{}", from_page.body);
    let found = said(&from_page.body["statements"]);
    assert!(found.len() >= 3, "{found:#?}");
    assert_eq!(found, said(&from_text.body["statements"]));

    let text = from_page.body["text"].as_str().unwrap();
    assert!(
        text.starts_with("Council approves budget after long debate\n"),
        "{text}"
    );
    for furniture in [
        "cookies",
        "Share on",
        "donation",
        "Related",
        "Dana Reader",
        "Sam Voter",
        "rights reserved",
        "script",
    ] {
        assert!(!text.contains(furniture), "{furniture:?} in {text:?}");
    }
    // Offsets refer to the stored clean text.
    for st in from_page.body["statements"].as_array().unwrap() {
        let (start, end) = (
            st["quote_start"].as_u64().unwrap() as usize,
            st["quote_end"].as_u64().unwrap() as usize,
        );
        let quoted: String = text.chars().skip(start).take(end - start).collect();
        assert!(st["quote"]
            .as_str()
            .unwrap()
            .starts_with(quoted.split_whitespace().next().unwrap()));
    }
    app.cleanup().await;
}

#[tokio::test]
async fn the_page_itself_as_text_html_with_fields_in_the_query() {
    let app = TestApp::spawn().await;
    let uri = format!(
        "/v1/articles?url={}&title={}",
        enc("https://news.example.org/2024/03/15/budget"),
        enc("Budget passes")
    );
    let reply = app
        .post_raw(&uri, Some("text/html; charset=utf-8"), sample_page(META))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.body["title"], "Budget passes");
    assert_eq!(
        reply.body["url"],
        "https://news.example.org/2024/03/15/budget"
    );
    assert_eq!(reply.body["author"], "Pat Writer");
    assert_eq!(reply.body["source"], "Test Wire Online");
    assert_eq!(reply.body["published_at"], "2024-03-15T14:30:00Z");
    assert_eq!(reply.body["published_at_basis"], "page");
    assert_eq!(
        reply.body["metadata_sources"],
        json!({"title": "client", "author": "meta", "published_at": "meta", "source": "meta"})
    );
    assert!(!reply.body["statements"].as_array().unwrap().is_empty());

    // The same URL again is the same article, whatever form it comes in.
    let again = app
        .post_article(
            &json!({"html": sample_page(""), "url": "https://news.example.org/2024/03/15/budget"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.body["id"], reply.body["id"]);
    app.cleanup().await;
}

#[tokio::test]
async fn what_the_client_sends_wins_over_what_the_page_says() {
    let app = TestApp::spawn().await;
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Budget approved after marathon session",
        "datePublished":"2024-03-14T22:00:00Z","author":{"@type":"Person","name":"Lee Byline"}}</script>"#;
    let reply = app
        .post_article(&json!({"html": sample_page(&format!("{ld}{META}")), "author": "Client Name", "source": "Client Wire"}))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(
        reply.body["title"],
        "Budget approved after marathon session"
    );
    assert_eq!(reply.body["author"], "Client Name");
    assert_eq!(reply.body["source"], "Client Wire");
    assert_eq!(reply.body["published_at"], "2024-03-14T22:00:00Z");
    assert_eq!(
        reply.body["metadata_sources"],
        json!({"title": "json-ld", "author": "client", "published_at": "json-ld", "source": "client"})
    );
    // Relative dates in the text ("on Tuesday") resolve against the page's date.
    let tuesday = reply.body["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["quote"].as_str().unwrap().contains("teachers"));
    assert_eq!(tuesday.unwrap()["said_on"], "2024-03-12");
    app.cleanup().await;
}

#[tokio::test]
async fn pages_are_decoded_by_their_declared_charset() {
    let app = TestApp::spawn().await;
    let page = sample_page("")
        .replace("Johnson", "Jöhnson")
        .replace("<meta charset=\"utf-8\">", "");
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    let reply = app
        .post_raw(
            "/v1/articles",
            Some("text/html; charset=windows-1252"),
            latin1.into_owned(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert!(reply.body["text"]
        .as_str()
        .unwrap()
        .contains("Mayor Alice Jöhnson"));
    app.cleanup().await;
}

#[tokio::test]
async fn bad_pages_get_a_clear_error() {
    let app = TestApp::spawn().await;
    let empty = app
        .post_raw(
            "/v1/articles",
            Some("text/html"),
            "<html><head><title>x</title></head><body> </body></html>",
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(empty.error_code(), "no_article");
    assert!(empty.message().starts_with("html:"), "{}", empty.message());

    let both = app
        .post_article(&json!({"text": "a", "html": "<p>a</p>"}))
        .await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        both.message().contains("either text or html"),
        "{}",
        both.message()
    );

    let unknown = app
        .post_raw(
            "/v1/articles?colour=red",
            Some("text/html"),
            sample_page(""),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(
        unknown.message().contains("colour"),
        "{}",
        unknown.message()
    );

    let date = app
        .post_raw(
            "/v1/articles?published_at=soon",
            Some("text/html"),
            sample_page(""),
        )
        .await;
    assert_eq!(date.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        date.message().starts_with("published_at:"),
        "{}",
        date.message()
    );

    let plain = app
        .post_raw("/v1/articles", Some("text/plain"), "Mayor said hi.")
        .await;
    assert_eq!(plain.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(plain.message().contains("text/html"), "{}", plain.message());

    let big = app
        .post_raw(
            "/v1/articles",
            Some("text/html"),
            "<p>a</p>".repeat(400_000),
        )
        .await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(big.error_code(), "payload_too_large");
    app.cleanup().await;
}

#[tokio::test]
async fn fields_in_the_query_serve_json_bodies_too_and_are_checked_alike() {
    let app = TestApp::spawn().await;
    let body =
        serde_json::to_vec(&json!({"text": "The mayor said the bridge would open."})).unwrap();
    let reply = app
        .post_raw(
            "/v1/articles?url=https://example.org/bridge&published_at=2025-02-17",
            Some("application/json"),
            body.clone(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.message());
    assert_eq!(reply.body["url"], "https://example.org/bridge");
    assert_eq!(reply.body["published_at"], "2025-02-17T00:00:00Z");
    // A bad query field is refused even though the body could do without it.
    for query in ["url=null", "published_at=%202025-02-17", "title=%00"] {
        let reply = app
            .post_raw(
                &format!("/v1/articles?{query}"),
                Some("application/json"),
                body.clone(),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(reply.error_code(), "invalid_field", "{query}");
    }
    app.cleanup().await;
}
