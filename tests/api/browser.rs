//! The web page in a real browser: headless Chromium, driven over WebDriver
//! (chromedriver, fantoccini) through a journalist's steps on the seed article, with
//! axe-core checking every page for serious or critical accessibility violations.
//! Each step's screenshot is written to `target/browser/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` and `npm ci --prefix tests/browser`
//! (for axe-core); `.ci/run` installs them. Without them the test says it skips, and
//! fails instead when `WHOSAID_REQUIRE_BROWSER` is set, as CI sets it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::helpers::{shared_case, TestApp};

const CHROMIUM: &str = "/usr/bin/chromium";
const QUESTION: &str = "what did Rutte say about membership";

fn skip_browser(reason: &str) {
    if std::env::var_os("WHOSAID_REQUIRE_BROWSER").is_some_and(|v| !v.is_empty()) {
        panic!("{reason}, and WHOSAID_REQUIRE_BROWSER is set");
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {reason}");
}

fn axe_source() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).ok().or_else(|| {
        skip_browser(&format!(
            "{} is not there (npm ci --prefix tests/browser)",
            path.display()
        ));
        None
    })
}

fn screenshots_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("browser");
    std::fs::create_dir_all(&dir).expect("a directory for screenshots");
    dir
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// chromedriver and a session of headless Chromium with a fresh profile; both end on drop.
struct Browser {
    client: Client,
    driver: Child,
    profile: PathBuf,
}

impl Browser {
    async fn start() -> Option<Browser> {
        if !Path::new(CHROMIUM).exists() {
            skip_browser(&format!(
                "{CHROMIUM} is not installed (apt-get install chromium chromium-driver)"
            ));
            return None;
        }
        let port = free_port();
        let driver = match Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        {
            Ok(child) => child,
            Err(err) => {
                skip_browser(&format!("chromedriver cannot start: {err}"));
                return None;
            }
        };
        let profile =
            std::env::temp_dir().join(format!("whosaid-chromium-{}-{port}", std::process::id()));
        let caps: serde_json::Map<String, Value> = serde_json::from_value(json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--no-first-run", "--window-size=1280,1000",
                         format!("--user-data-dir={}", profile.display())],
            }
        }))
        .unwrap();
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = String::new();
        for _ in 0..50 {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Some(Browser {
                        client,
                        driver,
                        profile,
                    })
                }
                Err(err) => last_error = err.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("no WebDriver session from chromedriver: {last_error}");
    }

    async fn shot(&self, step: &str) {
        let png = self.client.screenshot().await.expect("a screenshot");
        std::fs::write(screenshots_dir().join(format!("{step}.png")), png)
            .expect("write the screenshot");
    }

    /// Waits until `condition` (a JavaScript expression) holds on the current page.
    async fn until(&self, condition: &str) {
        for _ in 0..100 {
            let ok = self
                .client
                .execute(&format!("return !!({condition});"), vec![])
                .await;
            if matches!(ok, Ok(Value::Bool(true))) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let html = self.client.source().await.unwrap_or_default();
        panic!("waited 10 s for {condition}; the page is:\n{html}");
    }

    async fn text(&self) -> String {
        self.client
            .find(Locator::Css("main"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// Serious and critical axe-core violations on the current page, as sentences.
    async fn accessibility_violations(&self, axe: &str) -> Vec<String> {
        self.client
            .execute(axe, vec![])
            .await
            .expect("axe-core loads");
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(r.violations
                       .filter(v => v.impact === 'serious' || v.impact === 'critical')
                       .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                                 + v.nodes.map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .expect("axe-core runs");
        serde_json::from_value(found).unwrap()
    }

    async fn check(&self, axe: &str, step: &str) {
        self.shot(step).await;
        let violations = self.accessibility_violations(axe).await;
        assert!(violations.is_empty(), "{step}: {violations:#?}");
    }
}

impl Browser {
    /// Ends the WebDriver session, which ends Chromium: killing chromedriver alone (as
    /// `drop` does when a test fails) leaves Chromium running.
    async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// The app on a real port, with the seed article stored.
async fn serve_seed(app: &TestApp) -> Option<String> {
    let expected: Value =
        serde_json::from_str(&shared_case("000_7693a20b08c53fd9.expected.json")?).unwrap();
    let meta = &expected["article"];
    let text = shared_case(meta["text_file"].as_str().unwrap())?;
    let reply = app
        .post_article(
            &json!({"text": text, "title": meta["title"], "source": meta["source"],
                              "published_at": meta["published_at"]}),
        )
        .await;
    assert_eq!(
        reply.status,
        axum::http::StatusCode::CREATED,
        "{}",
        reply.body
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await });
    Some(base)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_journalist_asks_checks_and_downloads_in_a_real_browser() {
    let app = TestApp::spawn().await;
    let Some(base) = serve_seed(&app).await else {
        return;
    };
    let Some(axe) = axe_source() else { return };
    let Some(browser) = Browser::start().await else {
        return;
    };
    let c = &browser.client;

    // 1. The front page: a question box, the newest statements; typing a name offers people.
    c.goto(&format!("{base}/")).await.unwrap();
    browser.check(&axe, "01-home").await;
    let question = c.find(Locator::Id("question")).await.unwrap();
    question.send_keys("Rutt").await.unwrap();
    browser
        .until("document.querySelector('#live-people a')")
        .await;
    let live = c
        .find(Locator::Css("#live-people"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(live.contains("Mark Rutte"), "live suggestions: {live}");

    // 2. The question: what was understood, and Rutte's statements about membership.
    question.clear().await.unwrap();
    question.send_keys(QUESTION).await.unwrap();
    c.find(Locator::Css("form.ask button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.until("document.querySelector('ul.chips')").await;
    let text = browser.text().await;
    assert!(text.contains("person: Mark Rutte"), "{text}");
    assert!(text.contains("topic: membership"), "{text}");
    let speakers = c
        .find_all(Locator::Css("ol.results .meta a.speaker"))
        .await
        .unwrap();
    assert!(!speakers.is_empty(), "{text}");
    for s in &speakers {
        assert_eq!(s.text().await.unwrap(), "Mark Rutte");
    }
    assert!(
        c.find(Locator::Css("ol.results mark")).await.is_ok(),
        "matched words are marked"
    );
    assert!(
        c.find(Locator::XPath("//button[text()='Copy citation']"))
            .await
            .is_ok(),
        "the script adds a copy button"
    );
    browser.check(&axe, "02-answer").await;
    let answer_url = c.current_url().await.unwrap();

    // 3. The CSV behind "Download CSV" is these statements.
    let csv_href = c
        .find(Locator::LinkText("Download CSV"))
        .await
        .unwrap()
        .prop("href")
        .await
        .unwrap()
        .unwrap();
    let csv = reqwest::get(&csv_href).await.unwrap();
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with("id,"), "{csv}");
    assert_eq!(csv.lines().count(), speakers.len() + 1, "{csv}");

    // 4. One statement, marked in its article.
    c.find(Locator::LinkText("Check it in the article"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .until("document.querySelector('.article-text mark.content')")
        .await;
    let marked = c
        .find(Locator::Css(".article-text mark.content"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(marked.to_lowercase().contains("membership"), "{marked}");
    assert!(c.find(Locator::Css(".article-text mark.cue")).await.is_ok());
    browser.check(&axe, "03-statement").await;

    // 5. The speaker's page: a timeline chart and what they spoke about.
    c.find(Locator::Css("dl.facts a.speaker"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .until("document.querySelector('figure.chart svg rect')")
        .await;
    assert_eq!(
        c.find(Locator::Css("h1"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "Mark Rutte"
    );
    browser.check(&axe, "04-person").await;

    // 5b. The organisation beside the name, and a topic's page.
    c.find(Locator::Css("dl.facts dd a[href^='/organizations/']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.until("document.querySelector('figure.chart') && location.pathname.startsWith('/organizations/')").await;
    browser.check(&axe, "04b-organisation").await;
    c.goto(&format!("{base}/topics?q=membership"))
        .await
        .unwrap();
    browser.until("document.querySelector('ol.results')").await;
    assert!(browser.text().await.contains("Who spoke about it"));
    browser.check(&axe, "04c-topic").await;

    // 6. A misspelt name: a suggestion, followed.
    c.goto(answer_url.as_ref()).await.unwrap();
    let question = c.find(Locator::Id("question")).await.unwrap();
    question.clear().await.unwrap();
    question.send_keys("what did Rutt say\n").await.unwrap();
    browser.until("document.querySelector('.suggest a')").await;
    browser.check(&axe, "05-suggestion").await;
    c.find(Locator::Css(".suggest a"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.until("location.search.includes('person=')").await;
    assert!(browser.text().await.contains("person: Mark Rutte"));
    browser.shot("06-suggestion-followed").await;

    // 7. On a phone's width nothing scrolls sideways.
    c.set_window_size(390, 844).await.unwrap();
    c.goto(answer_url.as_ref()).await.unwrap();
    browser.until("document.querySelector('ol.results')").await;
    let fits = c
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth + 1;",
            vec![],
        )
        .await
        .unwrap();
    browser.check(&axe, "07-phone").await;
    assert_eq!(
        fits,
        Value::Bool(true),
        "the answer page is wider than a phone"
    );

    browser.close().await;
    app.cleanup().await;
}
