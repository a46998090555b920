//! Page reading as the project is judged on it: the shared Readability test pages scored
//! with the shared scorer, with floors a point below the figures reached.

use std::io::Write;

use crate::helpers::{score, shared_dir, skip};

/// Reached on the 118 shared pages (text F1, share of pages at F1 ≥ 90, title, author,
/// date); the test fails more than a point below any of them.
const FLOORS: [(&str, f64); 5] = [
    ("text.f1", 99.5),
    ("pages_f1_at_least_90", 95.8),
    ("title", 97.5),
    ("author", 98.5),
    ("date", 100.0),
];

#[test]
fn shared_pages_scores_hold() {
    let pages = shared_dir().join("data/readability/pages");
    let Ok(entries) = std::fs::read_dir(&pages) else {
        skip(&format!("{} is not there", pages.display()));
        return;
    };
    let out_dir = std::env::temp_dir().join(format!("whosaid-pages-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let predictions = out_dir.join("pages.pred.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&predictions).unwrap());
    for entry in entries {
        let dir = entry.unwrap().path();
        let id = dir.file_name().unwrap().to_string_lossy().to_string();
        let html = whosaid::page::decode(&std::fs::read(dir.join("source.html")).unwrap(), None);
        let article = match whosaid::page::read(&html, None) {
            Ok(page) => serde_json::json!({
                "text": page.text,
                "title": page.title.map(|t| t.0),
                "author": page.author.map(|a| a.0),
                "published_at": page.published_at.map(|(t, _)| t.to_rfc3339()),
                "source": page.source.map(|s| s.0),
            }),
            Err(_) => serde_json::json!({"text": ""}),
        };
        writeln!(
            out,
            "{}",
            serde_json::json!({"id": id, "article": article, "statements": []})
        )
        .unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let Some(result) = score("score_html.py", &[&pages, &predictions]) else {
        return;
    };
    eprintln!(
        "shared pages: {}",
        serde_json::json!({"text": result["text"], "title": result["title"]})
    );
    for (path, floor) in FLOORS {
        let value = path
            .split('.')
            .fold(&result, |v, key| &v[key])
            .as_f64()
            .unwrap();
        assert!(
            value >= floor - 1.0,
            "{path} fell to {value}, more than a point below {floor}"
        );
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}
