//! Paging through a few hundred statements: every statement exactly once, in order.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

/// An article of `quotes` direct quotes by one speaker, dated within March 2024.
fn article(n: usize, quotes: usize) -> serde_json::Value {
    let mut text = format!("Update number {n} on the harbour project\n\n");
    for i in 0..quotes {
        // Several articles share a day, so the cursor must break ties by id.
        let day = 1 + (n * quotes + i) % 9;
        text.push_str(&format!(
            "On {day} March, engineer Nora Lindqvist said the crane for section {n}-{i} would arrive soon.\n\n\
             “Section {n}-{i} is on schedule,” Lindqvist said.\n\n"
        ));
    }
    json!({"text": text, "published_at": "2024-03-20", "url": format!("https://example.org/harbour/{n}")})
}

#[tokio::test]
async fn cursor_walks_every_statement_once_in_order() {
    let app = TestApp::spawn().await;
    for n in 0..20 {
        let reply = app.post_article(&article(n, 8)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    }
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM statements")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        total >= 250,
        "the articles should yield a few hundred statements, got {total}"
    );

    for page_size in [7, 50, 500] {
        let walked = app.all_statements("person=Lindqvist", page_size).await;
        let ids: Vec<i64> = walked.iter().map(|s| s["id"].as_i64().unwrap()).collect();
        let unique: std::collections::BTreeSet<_> = ids.iter().collect();
        assert_eq!(
            unique.len(),
            ids.len(),
            "page size {page_size}: a statement came twice"
        );
        assert_eq!(
            ids.len() as i64,
            total,
            "page size {page_size}: statements were skipped"
        );
        let keys: Vec<(String, i64)> = walked
            .iter()
            .map(|s| {
                (
                    s["said_on"].as_str().unwrap().to_string(),
                    s["id"].as_i64().unwrap(),
                )
            })
            .collect();
        assert!(
            keys.windows(2).all(|w| w[0] > w[1]),
            "page size {page_size}: not newest first"
        );
    }

    // Filters and paging combine: a date range pages to exactly its rows.
    let march_3: i64 =
        sqlx::query_scalar("SELECT count(*) FROM statements WHERE said_on = '2024-03-03'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(march_3 > 0);
    let walked = app.all_statements("from=2024-03-03&to=2024-03-03", 4).await;
    assert_eq!(walked.len() as i64, march_3);
    assert!(walked.iter().all(|s| s["said_on"] == "2024-03-03"));

    let first = app.get("/v1/statements").await;
    assert_eq!(
        first.body["statements"].as_array().unwrap().len(),
        50,
        "default limit"
    );
    assert!(first.body["next_cursor"].is_string());
    app.cleanup().await;
}

/// Topic listings find the newest matches month by month: paged by date they give exactly
/// the matching statements, newest first, across months and years and within a date range.
#[tokio::test]
async fn topic_pages_walk_every_match_across_months() {
    let app = TestApp::spawn().await;
    harbour_reports(&app, |n| {
        format!("Lindqvist said the weather for stage {n} had been kind.")
    })
    .await;
    let want: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM statements WHERE quote_tsv @@ to_tsquery('english', 'crane')
         ORDER BY said_on DESC, id DESC",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(want.len(), 8, "one crane statement in every third report");
    for page_size in [3, 50] {
        let walked = app.all_statements("q=crane&sort=date", page_size).await;
        let ids: Vec<i64> = walked.iter().map(|s| s["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, want, "page size {page_size}");
    }
    let relevant = app.get("/v1/statements?q=crane&limit=50").await;
    let mut ids: Vec<i64> = relevant.body["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    let mut all = want.clone();
    all.sort_unstable();
    assert_eq!(ids, all, "relevance lists every match of the newest");
    let ranged = app
        .all_statements("q=crane&sort=date&from=2022-04-01&to=2023-03-31", 2)
        .await;
    let days: Vec<&str> = ranged
        .iter()
        .map(|s| s["said_on"].as_str().unwrap())
        .collect();
    assert_eq!(
        days,
        ["2023-01-15", "2022-10-15", "2022-07-15", "2022-04-15"]
    );
    app.cleanup().await;
}

/// A topic with a speaker, a phrase or an excluded word, found month by month: each
/// listing, paged by date, gives exactly the statements plain full-text matching gives.
#[tokio::test]
async fn topics_with_speakers_phrases_and_exclusions_match_exactly() {
    let app = TestApp::spawn().await;
    harbour_reports(&app, |n| {
        let ferry = match n % 4 {
            0 => "the crane was late",
            2 => "the ferry was late and the crane was not",
            _ => "the ferry was on time",
        };
        format!("Harbour master Ade Okoye said {ferry}.")
    })
    .await;
    let cases = [
        ("person=Okoye&q=crane", "Okoye", "crane", 12),
        ("person=Lindqvist&q=crane", "Lindqvist", "crane", 8),
        ("person=Okoye&q=crane+late", "Okoye", "crane late", 12),
        ("q=%22crane+was+late%22", "", "\"crane was late\"", 6),
        ("q=crane+-late", "", "crane -late", 8),
        ("person=Okoye&q=crane+-late", "Okoye", "crane -late", 0),
        ("q=crane+or+ferry", "", "crane or ferry", 8 + 24),
    ];
    for (query, speaker, words, expected) in cases {
        let want: Vec<i64> = sqlx::query_scalar(
            "SELECT s.id FROM statements s LEFT JOIN people p ON p.id = s.person_id
             WHERE s.quote_tsv @@ websearch_to_tsquery('english', $1)
               AND ($2 = '' OR p.name LIKE '%' || $2)
             ORDER BY s.said_on DESC, s.id DESC",
        )
        .bind(words)
        .bind(speaker)
        .fetch_all(&app.pool)
        .await
        .unwrap();
        assert_eq!(want.len(), expected, "{query}: the articles' own count");
        for page_size in [5, 100] {
            let walked = app
                .all_statements(&format!("{query}&sort=date"), page_size)
                .await;
            let ids: Vec<i64> = walked.iter().map(|s| s["id"].as_i64().unwrap()).collect();
            assert_eq!(ids, want, "{query}, page size {page_size}");
        }
    }
    app.cleanup().await;
}

/// Two years of monthly reports, the 15th of each month from January 2022: Lindqvist on
/// the crane in every third one (on the budget otherwise), then `second(n)`.
async fn harbour_reports(app: &TestApp, second: impl Fn(usize) -> String) {
    for n in 0..24 {
        let year = 2022 + n / 12;
        let month = 1 + n % 12;
        let crane = if n % 3 == 0 {
            "the crane"
        } else {
            "the budget"
        };
        let text = format!(
            "Harbour report {n}\n\nEngineer Nora Lindqvist said {crane} for stage {n} was ready.\n\n{}",
            second(n)
        );
        let body = json!({"text": text, "published_at": format!("{year}-{month:02}-15"),
                          "url": format!("https://example.org/report/{n}")});
        let reply = app.post_article(&body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    }
}
