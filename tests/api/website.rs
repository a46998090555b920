//! A small web site on 127.0.0.1 for the fetch tests: pages, a feed, and every way a
//! fetch can fail. Nothing here can reach the internet, so this is the internet.

use std::net::SocketAddr;
use std::time::Duration;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::Router;

use crate::helpers::sample_page;

pub struct Website {
    pub addr: SocketAddr,
}

impl Website {
    /// Starts the site on a free loopback port; it runs until the test process ends.
    pub async fn start() -> Website {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let base = format!("http://{addr}");
        let feed = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>City news</title>
            <item><title>Budget</title><link>{base}/news/budget.html</link></item>
            <item><title>Harbour</title><link>{base}/news/harbour.html</link></item>
            <item><title>Gone</title><link>{base}/missing</link></item></channel></rss>"#
        );
        let html = |body: String| ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body);
        let app = Router::new()
            .route(
                "/news/budget.html",
                get(move || async move { html(sample_page("")) }),
            )
            .route(
                "/news/harbour.html",
                get(move || async move {
                    html(sample_page("").replace("Council approves budget", "Harbour deal signed"))
                }),
            )
            .route(
                "/feed.xml",
                get(move || async move { ([(header::CONTENT_TYPE, "application/rss+xml")], feed) }),
            )
            .route(
                "/moved",
                get(|| async { Redirect::permanent("/news/budget.html") }),
            )
            .route("/loop", get(|| async { Redirect::temporary("/loop") }))
            .route("/missing", get(|| async { StatusCode::NOT_FOUND }))
            .route(
                "/photo.png",
                get(|| async {
                    (
                        [(header::CONTENT_TYPE, "image/png")],
                        vec![0x89u8, b'P', b'N', b'G'],
                    )
                }),
            )
            .route(
                "/huge.html",
                get(move || async move { html(format!("<p>{}</p>", "word ".repeat(600_000))) }),
            )
            .route(
                "/slow.html",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    "too late".into_response()
                }),
            );
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Website { addr }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}
