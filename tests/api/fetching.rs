//! Links and feeds: pages fetched with every failure named in one sentence, private
//! addresses refused unless allowed, and server-side fetching off unless turned on.

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::json;
use whosaid::config::Settings;
use whosaid::fetch::{FetchSettings, Fetched, Fetcher};

use crate::helpers::TestApp;
use crate::website::Website;

fn fetcher(allow_private: bool) -> Fetcher {
    Fetcher::new(FetchSettings {
        allow_private,
        timeout: Duration::from_secs(2),
        max_bytes: 1024 * 1024,
        ..FetchSettings::default()
    })
    .unwrap()
}

#[tokio::test]
async fn pages_and_feeds_are_fetched_and_failures_are_one_sentence() {
    let site = Website::start().await;
    let fetcher = fetcher(true);
    match fetcher.fetch(&site.url("/moved")).await.unwrap() {
        Fetched::Page { url, html } => {
            assert_eq!(url, site.url("/news/budget.html"), "redirects are followed");
            assert!(html.contains("Mayor Alice Johnson"));
        }
        other => panic!("not a page: {other:?}"),
    }
    match fetcher.fetch(&site.url("/feed.xml")).await.unwrap() {
        Fetched::Feed { links, .. } => assert_eq!(
            links,
            [
                site.url("/news/budget.html"),
                site.url("/news/harbour.html"),
                site.url("/missing")
            ]
        ),
        other => panic!("not a feed: {other:?}"),
    }
    for (path, says) in [
        ("/missing", "answered 404 Not Found"),
        ("/photo.png", "is not a web page (its type is image/png)"),
        ("/huge.html", "is larger than the 1 MB that are read"),
        ("/slow.html", "did not answer within 2 s"),
        ("/loop", "more than 5 redirects"),
    ] {
        let err = fetcher.fetch(&site.url(path)).await.unwrap_err().0;
        assert!(err.contains(says), "{path}: {err}");
        assert!(!err.contains('\n'), "one sentence: {err}");
    }
    let err = fetcher.fetch("ftp://example.org/a").await.unwrap_err().0;
    assert!(err.contains("not an http:// or https:// URL"), "{err}");
    let err = fetcher.fetch("http://127.0.0.1:1/").await.unwrap_err().0;
    assert!(err.starts_with("could not connect to 127.0.0.1"), "{err}");
}

#[tokio::test]
async fn private_addresses_are_refused_unless_allowed() {
    let site = Website::start().await;
    let fetcher = fetcher(false);
    let err = fetcher
        .fetch(&site.url("/news/budget.html"))
        .await
        .unwrap_err()
        .0;
    assert!(
        err.contains("names the private address 127.0.0.1, which is not fetched"),
        "{err}"
    );
    let by_name = format!("http://localhost:{}/news/budget.html", site.addr.port());
    let err = fetcher.fetch(&by_name).await.unwrap_err().0;
    assert!(
        err.contains("localhost resolves only to private, loopback or link-local addresses"),
        "{err}"
    );
    for hidden in [
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://10.0.0.1/",
    ] {
        let err = fetcher.fetch(hidden).await.unwrap_err().0;
        assert!(err.contains("private address"), "{hidden}: {err}");
    }
}

#[tokio::test]
async fn the_server_fetches_only_when_told_to() {
    let site = Website::start().await;
    let url = site.url("/news/budget.html");
    let off = TestApp::spawn().await;
    let reply = off.post_article(&json!({"url": url, "fetch": true})).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    assert_eq!(reply.error_code(), "fetch_disabled");
    off.cleanup().await;

    let guarded = TestApp::with_settings(Settings {
        fetch: Some(FetchSettings::default()),
        ..Settings::default()
    })
    .await;
    let reply = guarded
        .post_article(&json!({"url": url, "fetch": true}))
        .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.body
    );
    assert_eq!(reply.error_code(), "fetch_failed");
    assert!(
        reply.message().contains("private address"),
        "{}",
        reply.message()
    );
    guarded.cleanup().await;

    let open = TestApp::with_settings(Settings {
        fetch: Some(FetchSettings {
            allow_private: true,
            ..FetchSettings::default()
        }),
        ..Settings::default()
    })
    .await;
    let reply = open.post_article(&json!({"url": url, "fetch": true})).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.body["url"], url);
    assert!(reply.body["text"]
        .as_str()
        .unwrap()
        .contains("Mayor Alice Johnson"));
    assert!(!reply.body["statements"].as_array().unwrap().is_empty());
    let missing = open
        .post_article(&json!({"url": site.url("/missing"), "fetch": true}))
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        missing.message().contains("answered 404"),
        "{}",
        missing.message()
    );
    open.cleanup().await;
}
