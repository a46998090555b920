//! `whosaid ingest`: folders of every kind of file, feeds, stdin and a running server;
//! a second run stores nothing; every failure one line naming its input.

use std::io::Write;
use std::path::Path;
use std::process::Output;

use serde_json::json;

use crate::helpers::{run_whosaid, sample_article, sample_page, TestApp};
use crate::website::Website;

/// Runs `whosaid` off the async runtime (the test's web site runs on it).
async fn whosaid(args: Vec<String>, stdin: Vec<u8>) -> Output {
    tokio::task::spawn_blocking(move || run_whosaid(&args, &stdin))
        .await
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// A folder with one article in each kind of file, and a file that is none of them.
fn archive(dir: &Path) {
    let article = |n: u32| {
        json!({"text": format!("Minister Lena Berg said on Monday that bridge {n} would reopen."),
               "url": format!("https://news.example.org/bridge-{n}"), "published_at": "2024-02-05",
               "id": n, "tags": ["ignored"]})
    };
    std::fs::create_dir_all(dir.join("2024/feb")).unwrap();
    std::fs::write(
        dir.join("story.txt"),
        sample_article()["text"].as_str().unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.join("page.html"),
        sample_page("").replace("Council approves budget", "Harbour deal signed"),
    )
    .unwrap();
    std::fs::write(
        dir.join("two.json"),
        json!([article(1), article(2)]).to_string(),
    )
    .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    writeln!(gz, "{}\n\n{}", article(3), article(4)).unwrap();
    std::fs::write(dir.join("2024/feb/export.jsonl.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(dir.join("2024/feb/one.ndjson"), format!("{}\n", article(5))).unwrap();
    std::fs::write(dir.join("2024/notes.pdf"), b"%PDF-1.4").unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_folder_goes_in_once_however_often_it_is_ingested() {
    let app = TestApp::spawn().await;
    let dir = tempdir("folder");
    archive(&dir);
    let args = vec![
        "ingest".into(),
        dir.display().to_string(),
        "--database-url".into(),
        app.database_url(),
    ];
    let first = whosaid(args.clone(), vec![]).await;
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("7 articles: 7 new, 0 already stored, 0 failed"),
        "{}",
        stderr(&first)
    );
    let statements = count(&app, "statements").await;
    assert!(statements >= 7);
    let again = whosaid(args, vec![]).await;
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("7 articles: 0 new, 7 already stored, 0 failed"),
        "{}",
        stderr(&again)
    );
    assert_eq!(count(&app, "articles").await, 7);
    assert_eq!(count(&app, "statements").await, statements);
    std::fs::remove_dir_all(&dir).unwrap();
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn stdin_and_bad_inputs_each_answered_in_one_line() {
    let app = TestApp::spawn().await;
    let dir = tempdir("bad");
    std::fs::write(dir.join("broken.json"), "{\"text\": ").unwrap();
    std::fs::write(dir.join("notes.pdf"), "x").unwrap();
    let stdin = format!(
        "{}\nnot json\n{}\n",
        json!({"text": "Mayor Ana Torres said the pool would open."}),
        json!({"text": " "})
    );
    let out = whosaid(
        vec![
            "ingest".into(),
            "-".into(),
            dir.join("broken.json").display().to_string(),
            dir.join("notes.pdf").display().to_string(),
            dir.join("absent.txt").display().to_string(),
            "--database-url".into(),
            app.database_url(),
        ],
        stdin.into_bytes(),
    )
    .await;
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(
        err.contains("6 articles: 1 new, 0 already stored, 5 failed"),
        "{err}"
    );
    assert!(err.contains("stdin:2: not valid JSON"), "{err}");
    assert!(err.contains("stdin:3: text: must not be blank"), "{err}");
    assert!(err.contains("broken.json: not valid JSON"), "{err}");
    assert!(
        err.contains("notes.pdf: not a .txt, .html, .json, .jsonl or .ndjson file"),
        "{err}"
    );
    assert!(
        err.contains("absent.txt: No such file or directory"),
        "{err}"
    );
    assert!(
        err.contains("whosaid: 5 article(s) could not be ingested"),
        "{err}"
    );
    assert_eq!(count(&app, "articles").await, 1);
    std::fs::remove_dir_all(&dir).unwrap();
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_feed_brings_in_every_item_and_private_addresses_need_a_flag() {
    let site = Website::start().await;
    let app = TestApp::spawn().await;
    let base = vec![
        "ingest".to_string(),
        site.url("/feed.xml"),
        "--database-url".into(),
        app.database_url(),
    ];
    let refused = whosaid(base.clone(), vec![]).await;
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("names the private address 127.0.0.1, which is not fetched"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(count(&app, "articles").await, 0);

    let mut allowed = base.clone();
    allowed.push("--allow-private".into());
    let out = whosaid(allowed, vec![]).await;
    let err = stderr(&out);
    assert!(
        err.contains("3 articles: 2 new, 0 already stored, 1 failed"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{}: {} answered 404 Not Found",
            site.url("/missing"),
            site.url("/missing")
        )),
        "{err}"
    );
    let urls: Vec<String> = sqlx::query_scalar("SELECT url FROM articles ORDER BY url")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        urls,
        [
            site.url("/news/budget.html"),
            site.url("/news/harbour.html")
        ]
    );
    app.cleanup().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn into_a_running_server() {
    let app = TestApp::spawn().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let dir = tempdir("server");
    archive(&dir);
    let args = vec![
        "ingest".into(),
        dir.display().to_string(),
        "--server".into(),
        format!("http://{addr}"),
    ];
    let out = whosaid(args.clone(), vec![]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("7 articles: 7 new, 0 already stored, 0 failed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(count(&app, "articles").await, 7);
    let again = whosaid(args, vec![]).await;
    assert!(
        stderr(&again).contains("7 articles: 0 new, 7 already stored"),
        "{}",
        stderr(&again)
    );
    std::fs::remove_dir_all(&dir).unwrap();
    app.cleanup().await;
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("whosaid-ingest-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
