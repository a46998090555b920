//! The web pages through the real router: what a reader sees for a question, a
//! statement, a person, a download, a misspelt name and the add form (the browser
//! journey is `browser.rs`).

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::json;

use crate::helpers::{enc, TestApp};

/// An article written for these tests: two statements by one person (one mentions
/// membership), one by another, and a quote with markup in it.
const ARTICLE: &str = "Allies meet in Brussels\n\n\
BRUSSELS — NATO Secretary-General Mark Rutte said on Tuesday that allies must raise defence spending.\n\n\
\"We are not where we need to be on membership talks,\" Rutte told reporters.\n\n\
\"Tags like <b>this</b> are no policy,\" Foreign Minister Anna Berg said.";

struct Page {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn page(app: &TestApp, uri: &str) -> Page {
    let response = app
        .send_raw(Request::get(uri).body(Body::empty()).unwrap())
        .await;
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Page {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

async fn with_article() -> TestApp {
    let app = TestApp::spawn().await;
    let reply = app
        .post_article(
            &json!({"text": ARTICLE, "title": "NATO chief urges allies", "source": "Test Wire",
                              "published_at": "2025-02-13", "url": "https://example.test/nato"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    app
}

/// The last `href="…"` before `marker` in `html` (the link whose text `marker` is), unescaped.
fn href_before(html: &str, marker: &str) -> String {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in page"));
    let start = html[..at].rfind("href=\"").expect("a link") + 6;
    let end = start + html[start..].find('"').unwrap();
    html[start..end].replace("&amp;", "&")
}

/// The first `href="…"` after `marker` in `html`, unescaped.
fn href_after(html: &str, marker: &str) -> String {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in page"));
    let rest = &html[at..];
    let start = rest.find("href=\"").expect("a link") + 6;
    let end = start + rest[start..].find('"').unwrap();
    rest[start..end].replace("&amp;", "&")
}

#[tokio::test]
async fn an_empty_database_says_how_to_add_articles() {
    let app = TestApp::spawn().await;
    let home = page(&app, "/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(home.body.contains("No statements yet"), "{}", home.body);
    assert!(home.body.contains("whosaid ingest"));
    assert!(home.body.contains(r#"action="/add""#) || home.body.contains(r#"href="/add""#));
    app.cleanup().await;
}

#[tokio::test]
async fn a_question_shows_what_was_understood_and_the_answer() {
    let app = with_article().await;
    let q = enc("what did Rutte say about membership");
    let answer = page(&app, &format!("/?q={q}")).await;
    assert_eq!(answer.status, StatusCode::OK);
    let body = &answer.body;
    assert!(body.contains("Mark Rutte"), "{body}");
    assert!(
        body.contains(
            r#"<span class="what">topic: </span><a href="/topics?q=membership">membership</a>"#
        ),
        "{body}"
    );
    assert!(
        body.contains("<mark>membership</mark>"),
        "matched words marked: {body}"
    );
    assert!(
        !body.contains("defence spending"),
        "the other Rutte statement is not about membership"
    );
    assert!(!body.contains("Anna Berg"), "nor is Berg's");
    // Told reporters right after speaking "on Tuesday": the follow-up carries the day.
    assert!(
        body.contains("Said <time datetime=\"2025-02-11\">11 February 2025</time>"),
        "{body}"
    );
    assert!(body.contains("Test Wire: "));
    assert!(body.contains(r#"href="https://example.test/nato""#));
    assert!(body.contains("Download CSV"));

    // Removing the topic chip widens to everything Rutte said.
    let wider = page(&app, &href_after(body, ">membership</a>")).await;
    assert_eq!(wider.status, StatusCode::OK);
    assert!(wider.body.contains("defence spending"), "{}", wider.body);
    assert!(wider.body.contains("membership talks"));
    assert!(!wider.body.contains(r#"<span class="what">topic"#));
    app.cleanup().await;
}

#[tokio::test]
async fn facets_count_and_narrow() {
    let app = with_article().await;
    let all = page(&app, "/").await;
    assert!(
        all.body.contains("Counts over all 3 matches."),
        "{}",
        all.body
    );
    // The people facet: Rutte twice, Berg once; following Berg narrows to her.
    assert!(
        all.body
            .contains(r#"Mark Rutte</a><span class="count">2</span>"#),
        "{}",
        all.body
    );
    let berg = page(&app, &href_before(&all.body, ">Anna Berg</a>")).await;
    assert_eq!(berg.status, StatusCode::OK);
    assert!(berg.body.contains("no policy"), "{}", berg.body);
    assert!(!berg.body.contains("membership talks"));
    app.cleanup().await;
}

#[tokio::test]
async fn quotes_are_escaped() {
    let app = with_article().await;
    let home = page(&app, "/").await;
    assert!(
        home.body
            .contains("Tags like &lt;b&gt;this&lt;/b&gt; are no policy"),
        "{}",
        home.body
    );
    assert!(!home.body.contains("<b>this</b>"));
    app.cleanup().await;
}

#[tokio::test]
async fn a_misspelt_name_offers_who_was_meant() {
    let app = with_article().await;
    let answer = page(&app, &format!("/?q={}", enc("Rutt quotes"))).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.contains("Did you mean"), "{}", answer.body);
    let meant = page(&app, &href_after(&answer.body, "Did you mean")).await;
    assert!(
        meant
            .body
            .contains(r#"<span class="what">person: </span>Mark Rutte"#),
        "{}",
        meant.body
    );
    assert!(meant.body.contains("membership talks"));
    app.cleanup().await;
}

#[tokio::test]
async fn a_statement_is_marked_in_its_article() {
    let app = with_article().await;
    let home = page(&app, &format!("/?q={}", enc("Rutte membership"))).await;
    let link = href_before(&home.body, ">Check it in the article");
    assert!(
        link.starts_with("/statements/") && link.ends_with("#said"),
        "{link}"
    );
    let statement = page(&app, link.trim_end_matches("#said")).await;
    assert_eq!(statement.status, StatusCode::OK);
    let body = &statement.body;
    let marked = body
        .find(r#"<mark class="content" id="said">"#)
        .expect("the statement marked");
    assert!(
        body[marked..]
            .split("</mark>")
            .next()
            .unwrap()
            .contains("We are not where we need to be on membership talks"),
        "{body}"
    );
    assert!(body.contains(r#"<mark class="cue">told</mark>"#), "{body}");
    assert!(
        body.contains(r#"<mark class="speaker">Rutte</mark>"#),
        "{body}"
    );
    assert!(body.contains("BRUSSELS"), "the whole article is shown");
    app.cleanup().await;
}

#[tokio::test]
async fn a_person_page_has_names_a_timeline_and_topics() {
    let app = with_article().await;
    let home = page(&app, "/").await;
    let person = href_after(&home.body, r#"class="speaker""#);
    assert!(person.starts_with("/people/"), "{person}");
    let page = page(&app, &person).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("<h1>Mark Rutte</h1>") || page.body.contains("<h1>Anna Berg</h1>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<svg"), "{}", page.body);
    assert!(page.body.contains("<rect"));
    assert!(page.body.contains("Latest statements"));
    app.cleanup().await;
}

#[tokio::test]
async fn the_download_is_the_current_results_as_csv() {
    let app = with_article().await;
    let csv = page(
        &app,
        &format!("/download.csv?q={}", enc("what did Rutte say")),
    )
    .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert!(lines[0].starts_with("id,"), "{}", lines[0]);
    assert_eq!(
        lines.len(),
        3,
        "a header and Rutte's two statements: {}",
        csv.body
    );
    assert!(lines[1..].iter().all(|l| l.contains("Mark Rutte")));
    app.cleanup().await;
}

#[tokio::test]
async fn the_add_form_stores_an_article_and_shows_its_statements() {
    let app = TestApp::spawn().await;
    let form = page(&app, "/add").await;
    assert!(form.body.contains(r#"<label for="text">"#), "{}", form.body);
    let body = format!(
        "text={}&source=Test+Wire&published_at=2025-02-13&title=",
        enc(ARTICLE)
    );
    let response = app
        .send_raw(
            Request::post("/add")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(location.starts_with("/?article="), "{location}");
    let shown = page(&app, &location).await;
    assert!(shown.body.contains("membership talks"), "{}", shown.body);

    let blank = app
        .send_raw(
            Request::post("/add")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("text=+++&title=Kept"))
                .unwrap(),
        )
        .await;
    assert_eq!(blank.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = String::from_utf8(
        blank
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap();
    assert!(html.contains(r#"role="alert""#), "{html}");
    assert!(
        html.contains(r#"value="Kept""#),
        "what was typed is kept: {html}"
    );
    app.cleanup().await;
}

#[tokio::test]
async fn pages_that_do_not_exist_are_html_404s() {
    let app = TestApp::spawn().await;
    for uri in [
        "/statements/999999",
        "/people/999999",
        "/organizations/999999",
        "/assets/nope.css",
    ] {
        let p = page(&app, uri).await;
        assert_eq!(p.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            p.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{uri}"
        );
        assert!(p.body.contains("Not found"), "{uri}: {}", p.body);
    }
    let bad = page(&app, "/?from=yesterday").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("from: must be a date"), "{}", bad.body);
    app.cleanup().await;
}

#[tokio::test]
async fn assets_are_embedded_and_revalidated_by_etag() {
    let app = TestApp::spawn().await;
    let home = page(&app, "/").await;
    let css = href_after(&home.body, "rel=\"stylesheet\"");
    assert!(css.starts_with("/assets/app.css?v="), "{css}");
    let first = page(&app, &css).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains(":focus-visible"));
    let etag = first.headers[header::ETAG].to_str().unwrap().to_string();
    let again = app
        .send_raw(
            Request::get(&css)
                .header(header::IF_NONE_MATCH, &etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    app.cleanup().await;
}

#[tokio::test]
async fn a_topic_page_shows_who_spoke_about_it() {
    let app = with_article().await;
    let topic = page(&app, "/topics?q=membership").await;
    assert_eq!(topic.status, StatusCode::OK);
    assert!(topic.body.contains("Who spoke about it"), "{}", topic.body);
    assert!(topic.body.contains(">Mark Rutte</a> (1)"), "{}", topic.body);
    assert!(!topic.body.contains("Anna Berg"));
    assert!(topic.body.contains("<svg"));
    let nothing = page(&app, "/topics?q=zebras").await;
    assert!(
        nothing.body.contains("No statement mentions it"),
        "{}",
        nothing.body
    );
    assert_eq!(page(&app, "/topics").await.status, StatusCode::BAD_REQUEST);
    app.cleanup().await;
}

#[tokio::test]
async fn an_organisation_page_lists_its_spokespeople() {
    let app = with_article().await;
    let home = page(&app, "/").await;
    let org = href_after(&home.body, "Secretary General, ");
    assert!(org.starts_with("/organizations/"), "{org}");
    let org = page(&app, &org).await;
    assert_eq!(org.status, StatusCode::OK);
    assert!(org.body.contains("<h1>NATO</h1>"), "{}", org.body);
    assert!(org.body.contains("Speaking for it"));
    assert!(org.body.contains(">Mark Rutte</a>"));
    assert!(org.body.contains("<svg"));
    app.cleanup().await;
}
