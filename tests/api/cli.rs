//! The command line: `extract` without a database, and errors as one clear sentence.

use std::process::Output;

fn whosaid(args: &[&str], stdin: &str) -> Output {
    crate::helpers::run_whosaid(args, stdin.as_bytes())
}

#[test]
fn extract_reads_text_and_prints_statements() {
    let out = whosaid(
        &["extract", "--published-at", "2025-02-13"],
        "“We will rebuild the bridge,” said Mayor Ana Torres on Wednesday.",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let statement = &result["statements"][0];
    assert!(statement["quote"]
        .as_str()
        .unwrap()
        .contains("We will rebuild the bridge"));
    assert_eq!(statement["speaker"]["name"], "Ana Torres");
    assert_eq!(statement["said_on"], "2025-02-12");
}

#[test]
fn extract_jsonl_prints_one_line_per_article() {
    let input = concat!(
        r#"{"id": "a", "text": "“Yes,” she said.", "published_at": "2016-10-01"}"#,
        "\n\n",
        r#"{"id": 7, "text": "The minister, Tom Reed, said the plan was ready.", "title": "t", "source": "s"}"#,
        "\n"
    );
    let out = whosaid(&["extract", "--jsonl"], input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[1]["id"], 7);
    assert!(lines[1]["statements"].is_array());
    // With a publication date the statement is dated by it; without one it is not
    // dated at all rather than dated today.
    assert_eq!(lines[0]["statements"][0]["said_on"], "2016-10-01");
    assert_eq!(lines[0]["statements"][0]["date_basis"], "publication");
    assert!(
        lines[1]["statements"][0]["said_on"].is_null(),
        "{}",
        lines[1]
    );
    assert_eq!(lines[1]["statements"][0]["date_basis"], "unknown");
}

#[test]
fn without_a_publication_date_only_full_dates_are_known() {
    let out = whosaid(
        &["extract"],
        "Anna Berg said on 12 February 2024 that taxes would rise. On Tuesday she said that \
         fares would fall.",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let x: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let st = x["statements"].as_array().unwrap();
    assert_eq!(st[0]["said_on"], "2024-02-12", "{x}");
    assert_eq!(st[0]["date_basis"], "explicit");
    assert!(st[1]["said_on"].is_null(), "{x}");
    assert_eq!(st[1]["date_basis"], "unknown");
}

#[test]
fn errors_are_one_sentence_and_a_failure_exit() {
    let out = whosaid(
        &["extract", "--jsonl"],
        "{\"id\": 1, \"text\": \"ok\"}\nnot json\n",
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("whosaid: line 2 is not a JSON article"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    // A bad article does not stop the others; its line says why, and the exit says so.
    let out = whosaid(
        &["extract", "--jsonl"],
        "{\"id\": 1, \"text\": \"ok\", \"published_at\": \"someday\"}\n{\"id\": 2, \"text\": \"He said it.\"}\n",
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 1: published_at"), "{stderr}");
    assert!(
        stderr.contains("1 article(s) could not be read"),
        "{stderr}"
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"]
        .as_str()
        .unwrap()
        .starts_with("published_at:"));
    assert!(lines[1].get("error").is_none());

    let out = whosaid(
        &[
            "migrate",
            "--database-url",
            "postgres://nobody@127.0.0.1:1/none",
            "--database-wait",
            "1",
        ],
        "",
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("whosaid: cannot connect to the database"),
        "{stderr}"
    );
    // The wait is the one asked for, and the message says where to change it.
    assert!(
        stderr.contains("waited 1 s; see --database-wait"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    let out = whosaid(&["serve", "--addr", "not-an-address"], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--addr"));
}
