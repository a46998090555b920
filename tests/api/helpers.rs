//! One test app per test: a fresh database (on `DATABASE_URL`'s server, or on a
//! temporary PostgreSQL started once for the whole test binary) and the real router.

use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection, PgPool};
use tower::ServiceExt;
use whosaid::config::Settings;
use whosaid::local_pg::LocalPostgres;

/// The server that test databases are created on, as connect options for its admin database.
fn admin_options() -> PgConnectOptions {
    PgConnectOptions::from_str(admin_url()).expect("DATABASE_URL is a PostgreSQL URL")
}

/// The URL of the server's admin database: `DATABASE_URL`, or a temporary server's.
fn admin_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| match std::env::var("DATABASE_URL") {
        Ok(url) if !url.trim().is_empty() => url,
        _ => std::thread::spawn(|| {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for the temporary PostgreSQL");
            let server = runtime
                .block_on(LocalPostgres::start_temporary())
                .unwrap_or_else(|err| panic!("cannot start a temporary PostgreSQL: {err}"));
            let url = server.database_url("postgres");
            // Kept for the life of the process; its watchdog stops it when the process exits.
            std::mem::forget(server);
            url
        })
        .join()
        .expect("temporary PostgreSQL thread"),
    })
}

pub struct TestApp {
    pub router: Router,
    pub pool: PgPool,
    database: String,
}

impl TestApp {
    /// A new app on a new, migrated database.
    pub async fn spawn() -> TestApp {
        Self::with_settings(Settings::default()).await
    }

    pub async fn with_settings(settings: Settings) -> TestApp {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let database = format!(
            "whosaid_test_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = admin_options()
            .database("postgres")
            .connect()
            .await
            .expect("connect to the test server");
        sqlx::query(&format!("CREATE DATABASE \"{database}\""))
            .execute(&mut admin)
            .await
            .expect("create the test database");
        admin.close().await.ok();
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(10)
            .connect_with(whosaid::db::session(admin_options().database(&database)))
            .await
            .expect("connect to the test database");
        whosaid::db::migrate(&pool).await.expect("migrations");
        let router = whosaid::http::router(pool.clone(), &settings);
        TestApp {
            router,
            pool,
            database,
        }
    }

    /// A second server (its own pool and router) on this test's database: a replica.
    pub async fn another_server(&self) -> Router {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(10)
            .connect_with(whosaid::db::session(
                admin_options().database(&self.database),
            ))
            .await
            .expect("connect to the test database");
        whosaid::http::router(pool, &Settings::default())
    }

    /// A URL of this test's database, for running the `whosaid` binary on it.
    pub fn database_url(&self) -> String {
        let mut url = url::Url::parse(admin_url()).expect("a URL");
        url.set_path(&format!("/{}", self.database));
        url.to_string()
    }

    /// Drops the test database (call at the end of a passing test).
    pub async fn cleanup(self) {
        self.pool.close().await;
        if let Ok(mut admin) = admin_options().database("postgres").connect().await {
            let _ = sqlx::query(&format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.database
            ))
            .execute(&mut admin)
            .await;
        }
    }

    /// Sends a request through the real router, untouched.
    pub async fn send_raw(&self, request: Request<Body>) -> axum::response::Response {
        self.router
            .clone()
            .oneshot(request)
            .await
            .expect("the router never fails")
    }

    /// Sends a request through the real router; returns status, headers and parsed body.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.send_raw(request).await;
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                panic!(
                    "{status}: body is not JSON: {:?}",
                    String::from_utf8_lossy(&bytes)
                )
            })
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.send(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    pub async fn post_raw(
        &self,
        uri: &str,
        content_type: Option<&str>,
        body: impl Into<Body>,
    ) -> Reply {
        let mut request = Request::post(uri);
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        self.send(request.body(body.into()).unwrap()).await
    }

    pub async fn post_article(&self, article: &Value) -> Reply {
        self.post_raw(
            "/v1/articles",
            Some("application/json"),
            serde_json::to_vec(article).unwrap(),
        )
        .await
    }

    /// Every statement matching `query` (a query string without `limit`/`cursor`),
    /// following the cursor to the end.
    pub async fn all_statements(&self, query: &str, limit: usize) -> Vec<Value> {
        let mut out = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut uri = format!("/v1/statements?{query}&limit={limit}");
            if let Some(c) = &cursor {
                uri.push_str(&format!("&cursor={c}"));
            }
            let reply = self.get(&uri).await;
            assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
            out.extend(reply.body["statements"].as_array().unwrap().iter().cloned());
            match reply.body["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_string()),
                None => return out,
            }
        }
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// Asserts the one error shape and returns its code.
    #[track_caller]
    pub fn error_code(&self) -> &str {
        let error = &self.body["error"];
        assert!(
            error["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{}: not the error shape: {}",
            self.status,
            self.body
        );
        error["code"].as_str().expect("error.code")
    }

    #[track_caller]
    pub fn message(&self) -> &str {
        self.body["error"]["message"].as_str().unwrap_or("")
    }
}

/// `../shared`, beside the checkout: the data and scorers the project is judged with.
pub fn shared_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// A test that cannot run here says so in the normal test output (written past libtest's
/// capture), and fails instead when `WHOSAID_REQUIRE_SHARED` is set, as CI sets it: CI has
/// `../shared`, so a skip there would hide a broken set-up.
pub fn skip(reason: &str) {
    if std::env::var_os("WHOSAID_REQUIRE_SHARED").is_some_and(|v| !v.is_empty()) {
        panic!("{reason}, and WHOSAID_REQUIRE_SHARED is set");
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {reason}");
}

/// `../shared/cases/<name>` when present, else `None` after saying why the test skips.
pub fn shared_case(name: &str) -> Option<String> {
    let path = shared_dir().join("cases").join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            skip(&format!("{} is not there", path.display()));
            None
        }
    }
}

/// Runs a shared scorer with `--json` and returns its figures, or `None` (after saying
/// why) when python3 is missing.
pub fn score(scorer: &str, args: &[&std::path::Path]) -> Option<Value> {
    let mut command = std::process::Command::new("python3");
    command.arg(shared_dir().join("tools").join(scorer));
    command.args(args).arg("--json");
    match command.output() {
        Ok(output) if output.status.success() => {
            Some(serde_json::from_slice(&output.stdout).unwrap())
        }
        Ok(output) => panic!(
            "{scorer} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(_) => {
            skip("python3 is not installed");
            None
        }
    }
}

/// Percent-encodes a query-string value.
pub fn enc(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A short article in the shape of a wire story, with statements of every kind.
pub fn sample_article() -> Value {
    serde_json::json!({
        "title": "Council approves budget after long debate",
        "source": "Test Wire",
        "url": "https://news.example.org/2024/03/council-budget",
        "published_at": "2024-03-15",
        "text": "Council approves budget after long debate\n\n\
    Mayor Alice Johnson said on Tuesday that the city would hire more teachers next year.\n\n\
    “This budget puts children first,” Johnson told reporters at City Hall.\n\n\
    Councillor Brian Okafor, who voted against the plan, warned that the spending was “reckless”.\n\n\
    “We will be paying for this for a decade,” he said."
    })
}

/// The paragraphs of [`sample_article`] as a news site serves them: inside navigation,
/// share buttons, a related box, a cookie banner, a donation appeal and reader comments
/// that all read like speech. `head` goes into `<head>` (metadata).
pub fn sample_page(head: &str) -> String {
    let text = sample_article()["text"].as_str().unwrap().to_string();
    let mut paragraphs = text.split("\n\n");
    let headline = paragraphs.next().unwrap();
    let body: String = paragraphs
        .map(|p| format!("<p>\n      {}\n    </p>\n", p.replace('\n', " ")))
        .collect();
    format!(
        r##"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{headline} - Test Wire</title>{head}
<script>var said = "the mayor said in a script";</script></head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience. By continuing you agree, our lawyers said.</p><button>Accept</button></div>
<header><nav class="menu"><a href="/">Home</a> <a href="/city">City</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav></header>
<main><article class="story">
  <h1 class="headline">{headline}</h1>
  <div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
  {body}
  <div class="donate-box"><p>Support our reporting: make a donation today so we can keep telling these stories.</p></div>
</article>
<aside class="related"><h2>Related</h2><ul>
  <li><a href="/r1">Johnson said to be considering a run for governor</a></li>
  <li><a href="/r2">Okafor says council is "out of touch"</a></li></ul></aside>
<section id="comments" class="comments"><h2>Comments</h2>
  <div class="comment"><p>Dana Reader said: "The mayor has no idea what she is doing."</p></div>
  <div class="comment"><p>"Best budget in years," wrote Sam Voter.</p></div></section>
</main>
<footer><p>© Test Wire. All rights reserved.</p></footer></body></html>"##
    )
}

/// Runs the `whosaid` binary (without `DATABASE_URL`) with `stdin`, to the end.
pub fn run_whosaid<S: AsRef<std::ffi::OsStr>>(args: &[S], stdin: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run whosaid");
    // Fed from another thread: a large input and a large output would otherwise block
    // each other on full pipes.
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || input.write_all(&stdin));
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap().unwrap();
    output
}
