//! Asking like a journalist: plain questions, forgiving names, organisation aliases,
//! ranked and highlighted topics, one quote however often reported, stats and export.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Datelike, Duration, Utc};
use http_body_util::BodyExt;
use serde_json::{json, Value};

use crate::helpers::{enc, shared_case, TestApp};

fn texts(statements: &Value) -> Vec<String> {
    statements
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["quote"].as_str().unwrap().to_string())
        .collect()
}

fn speakers(statements: &Value) -> Vec<String> {
    statements
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["speaker"]["name"].as_str().unwrap_or("").to_string())
        .collect()
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

async fn post(app: &TestApp, url: &str, source: &str, published_at: &str, text: &str) -> Value {
    let reply = app
        .post_article(
            &json!({"text": text, "url": url, "source": source, "published_at": published_at}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    reply.body
}

/// The seed article, and recent ones so that "last week" and "since February" find something.
async fn newsroom(app: &TestApp) -> Option<()> {
    let seed = shared_case("000_7693a20b08c53fd9.txt")?;
    post(
        app,
        "https://euromaidanpress.example/nato-chief",
        "Euromaidan Press",
        "2025-02-13",
        &seed,
    )
    .await;
    let recent = (Utc::now() - Duration::days(2)).date_naive().to_string();
    post(
        app,
        "https://wire.example/hegseth",
        "Test Wire",
        &recent,
        "Hegseth visits troops\n\n\
         US Secretary of Defense Pete Hegseth spoke to soldiers at the base.\n\n\
         “We will keep our forces ready for anything,” Hegseth said.\n\n\
         NATO said in a statement that the exercise would continue until the end of the month.",
    )
    .await;
    post(
        app,
        "https://wire.example/summit",
        "Test Wire",
        "2025-03-01",
        "Leaders speak on the war\n\n\
         President Donald Trump said the peace talks would start soon.\n\n\
         Russian President Vladimir Putin said peace talks were possible if his demands were met.\n\n\
         Canadian Prime Minister Mark Carney said Canada would not accept any deal made without Ukraine.",
    )
    .await;
    Some(())
}

async fn ask(app: &TestApp, question: &str) -> Value {
    let reply = app.get(&format!("/v1/ask?q={}", enc(question))).await;
    assert_eq!(reply.status, StatusCode::OK, "{question}: {}", reply.body);
    reply.body
}

#[tokio::test]
async fn plain_questions_are_understood_and_echoed() {
    let app = TestApp::spawn().await;
    if newsroom(&app).await.is_none() {
        return;
    }
    for question in [
        "what did Rutte say about membership",
        "Rutte on membership",
        "Mark Rutte membership",
    ] {
        let answer = ask(&app, question).await;
        assert_eq!(
            names(&answer["interpreted"]["people"]),
            ["Mark Rutte"],
            "{question}: {answer}"
        );
        assert_eq!(answer["interpreted"]["topic"], "membership", "{question}");
        let found = texts(&answer["statements"]).join(" | ");
        for wanted in [
            "not related to any future peace talks",
            "summit in Washington",
        ] {
            assert!(
                found.contains(wanted),
                "{question}: {wanted:?} not in {found}"
            );
        }
        assert!(
            !speakers(&answer["statements"]).contains(&"Pete Hegseth".to_string()),
            "{question}"
        );
    }

    let year = Utc::now().year();
    let february = if Utc::now().month() >= 2 {
        year
    } else {
        year - 1
    };
    let nato = ask(&app, "what has NATO said since February").await;
    assert_eq!(
        names(&nato["interpreted"]["organizations"]),
        ["NATO"],
        "{nato}"
    );
    assert_eq!(nato["interpreted"]["from"], format!("{february}-02-01"));
    assert!(
        texts(&nato["statements"])
            .iter()
            .any(|t| t.contains("exercise would continue")),
        "{nato}"
    );
    assert!(
        !texts(&nato["statements"])
            .iter()
            .any(|t| t.contains("Minsk")),
        "2025 is before February {february}"
    );

    let hegseth = ask(&app, "Hegseth quotes last week").await;
    assert_eq!(names(&hegseth["interpreted"]["people"]), ["Pete Hegseth"]);
    assert_eq!(hegseth["interpreted"]["kind"], "direct");
    let quotes = hegseth["statements"].as_array().unwrap();
    assert!(!quotes.is_empty(), "{hegseth}");
    assert!(quotes
        .iter()
        .all(|s| s["kind"] == "direct" && s["speaker"]["name"] == "Pete Hegseth"));
    assert!(texts(&hegseth["statements"])[0].contains("keep our forces ready"));

    let phrase = ask(&app, "who said 'unrealistic'").await;
    assert_eq!(phrase["interpreted"]["phrase"], "unrealistic");
    assert!(
        texts(&phrase["statements"])
            .iter()
            .all(|t| t.to_lowercase().contains("unrealistic")),
        "{phrase}"
    );
    assert_eq!(speakers(&phrase["statements"]), ["Pete Hegseth"]);

    let two = ask(
        &app,
        "what did Trump and Putin say about peace talks in 2025",
    )
    .await;
    let mut people = names(&two["interpreted"]["people"]);
    people.sort();
    assert_eq!(people, ["Donald Trump", "Vladimir Putin"], "{two}");
    assert_eq!(
        (
            two["interpreted"]["from"].as_str(),
            two["interpreted"]["to"].as_str()
        ),
        (Some("2025-01-01"), Some("2025-12-31"))
    );
    let mut who = speakers(&two["statements"]);
    who.sort();
    who.dedup();
    assert_eq!(who, ["Donald Trump", "Vladimir Putin"], "{two}");

    let between = ask(
        &app,
        "statements about Ukraine between 1 and 15 February 2025",
    )
    .await;
    assert_eq!(
        (
            between["interpreted"]["from"].as_str(),
            between["interpreted"]["to"].as_str()
        ),
        (Some("2025-02-01"), Some("2025-02-15"))
    );
    let found = between["statements"].as_array().unwrap();
    assert!(!found.is_empty());
    assert!(found
        .iter()
        .all(|s| s["said_on"].as_str().unwrap() <= "2025-02-15"
            && s["quote"].as_str().unwrap().contains("Ukrain")));
    app.cleanup().await;
}

#[tokio::test]
async fn unknown_and_ambiguous_names_are_never_a_silent_empty_list() {
    let app = TestApp::spawn().await;
    if newsroom(&app).await.is_none() {
        return;
    }
    let rutte: i64 =
        sqlx::query_scalar("SELECT statement_count FROM people WHERE name = 'Mark Rutte'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let label = format!("Mark Rutte ({rutte} statements)");
    // The filter is strict, and says what was meant.
    let strict = app.get("/v1/statements?person=Rute").await;
    assert!(strict.body["statements"].as_array().unwrap().is_empty());
    assert_eq!(
        strict.body["suggestions"][0]["label"],
        label.as_str(),
        "{}",
        strict.body
    );
    // The question forgives the typo, and shows the guess.
    let forgiving = ask(&app, "what did Rute say about membership").await;
    assert_eq!(names(&forgiving["interpreted"]["people"]), ["Mark Rutte"]);
    assert!(!forgiving["statements"].as_array().unwrap().is_empty());
    assert_eq!(forgiving["suggestions"][0]["label"], label.as_str());

    let mark = ask(&app, "what did Mark say").await;
    let offered = names(&mark["suggestions"]);
    assert_eq!(offered.len(), 2, "{mark}");
    assert_eq!(offered[0], "Mark Rutte", "most quoted first");
    assert!(offered.contains(&"Mark Carney".to_string()));

    let nobody = ask(&app, "what did Zzyzx Qwerty say").await;
    assert_eq!(nobody["interpreted"]["unknown"], json!(["Zzyzx Qwerty"]));
    assert!(nobody["statements"].as_array().unwrap().is_empty());
    app.cleanup().await;
}

#[tokio::test]
async fn organisations_are_found_by_either_name_and_names_by_a_part() {
    let app = TestApp::spawn().await;
    if newsroom(&app).await.is_none() {
        return;
    }
    for name in [
        "NATO",
        "nato",
        "North Atlantic Treaty Organization",
        "north atlantic treaty organization",
    ] {
        let reply = app
            .get(&format!("/v1/statements?organization={}", enc(name)))
            .await;
        assert!(
            speakers(&reply.body["statements"]).contains(&"Mark Rutte".to_string()),
            "{name}: {}",
            reply.body
        );
        assert_eq!(names(&reply.body["organizations"]), ["NATO"], "{name}");
    }
    let nato = app.get("/v1/organizations?q=north+atlantic").await;
    let id = nato.body["organizations"][0]["id"].as_i64().unwrap();
    let detail = app.get(&format!("/v1/organizations/{id}")).await;
    assert!(
        detail.body["aliases"]
            .as_array()
            .unwrap()
            .contains(&json!("North Atlantic Treaty Organization")),
        "{}",
        detail.body
    );

    for typed in ["rutte", "Rutt", "mark rute", "RUTTE"] {
        let people = app.get(&format!("/v1/people?q={}", enc(typed))).await;
        assert_eq!(
            people.body["people"][0]["name"], "Mark Rutte",
            "{typed}: {}",
            people.body
        );
    }
    // Paging: one at a time, every person once.
    let mut seen = Vec::new();
    let mut uri = "/v1/people?limit=1".to_string();
    loop {
        let page = app.get(&uri).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        seen.extend(names(&page.body["people"]));
        match page.body["next_cursor"].as_str() {
            Some(cursor) => uri = format!("/v1/people?limit=1&cursor={cursor}"),
            None => break,
        }
    }
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM people")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(seen.len() as i64, total);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len() as i64, total, "no person twice");
    app.cleanup().await;
}

#[tokio::test]
async fn topics_rank_highlight_and_match_as_typed() {
    let app = TestApp::spawn().await;
    if newsroom(&app).await.is_none() {
        return;
    }
    let ranked = app.get("/v1/statements?q=membership").await;
    let first = &ranked.body["statements"][0];
    assert!(
        first["highlight"]
            .as_str()
            .unwrap()
            .contains("<mark>membership</mark>"),
        "{first}"
    );
    let by_date = app
        .get("/v1/statements?q=membership&sort=date&limit=100")
        .await;
    let days: Vec<&str> = by_date.body["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["said_on"].as_str().unwrap())
        .collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "{days:?}");
    let prefix = app.get("/v1/statements?q=members").await;
    assert!(
        texts(&prefix.body["statements"])
            .iter()
            .any(|t| t.contains("membership")),
        "members finds membership"
    );
    let done = app.get("/v1/statements?q=members%20").await;
    let whole_word = |t: &String| {
        t.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "member" || w == "members")
    };
    assert!(
        texts(&done.body["statements"]).iter().all(whole_word),
        "a finished word is a word"
    );
    let kinds = app.get("/v1/statements?kind=direct,mixed&limit=500").await;
    let seen: Vec<&str> = kinds.body["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert!(
        seen.contains(&"direct") && seen.contains(&"mixed") && !seen.contains(&"indirect"),
        "{seen:?}"
    );
    let source = app.get("/v1/statements?source=test+wire&limit=500").await;
    assert!(source.body["statements"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["article"]["source"] == "Test Wire"));
    let counted = app
        .get("/v1/statements?source=TEST%20WIRE&count=true&limit=1")
        .await;
    let all: i64 = sqlx::query_scalar("SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article_id WHERE a.source = 'Test Wire'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(counted.body["total"], all);
    // Relevance pages follow each other without repeats.
    let mut ids = Vec::new();
    let mut uri = "/v1/statements?q=ukraine&limit=2".to_string();
    loop {
        let page = app.get(&uri).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        ids.extend(
            page.body["statements"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["id"].as_i64().unwrap()),
        );
        match page.body["next_cursor"].as_str() {
            Some(c) => uri = format!("/v1/statements?q=ukraine&limit=2&cursor={c}"),
            None => break,
        }
    }
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
    assert!(ids.len() >= 3);
    app.cleanup().await;
}

const WIRE: &str = "Minister backs harbour plan\n\n\
    “We will never accept a deal that leaves our fishermen without a future, and we will keep talking until we get a fair one,” Minister Ana Lopes said on Monday.\n\n\
    The talks resume next week.";

#[tokio::test]
async fn one_quote_however_often_it_is_reported() {
    let app = TestApp::spawn().await;
    let first = post(
        &app,
        "https://wire.example/harbour",
        "Wire",
        "2024-05-06T08:00:00Z",
        WIRE,
    )
    .await;
    // A re-post with other punctuation and quotation marks, a day later.
    let repost = WIRE.replace(['“', '”'], "\"").replace(", and", " and");
    post(
        &app,
        "https://paper.example/harbour",
        "Paper",
        "2024-05-07T08:00:00Z",
        &repost,
    )
    .await;
    // An earlier outlet that trimmed the quote.
    post(
        &app,
        "https://early.example/harbour",
        "Early",
        "2024-05-06T06:00:00Z",
        "Minister backs harbour plan\n\n“We will never accept a deal that leaves our fishermen without a future,” Minister Ana Lopes said on Monday.",
    )
    .await;
    let quotes = app.get("/v1/quotes?person=Ana+Lopes").await;
    assert_eq!(quotes.status, StatusCode::OK, "{}", quotes.body);
    let list = quotes.body["quotes"].as_array().unwrap();
    let fishermen: Vec<&Value> = list
        .iter()
        .filter(|q| q["quote"].as_str().unwrap().contains("fishermen"))
        .collect();
    assert_eq!(fishermen.len(), 1, "{}", quotes.body);
    let quote = fishermen[0];
    assert_eq!(quote["reports"], 3);
    assert_eq!(quote["first_reported"]["source"], "Early");
    assert_eq!(quote["all_reports"].as_array().unwrap().len(), 3);
    let statements = app.get("/v1/statements?person=Ana+Lopes&limit=100").await;
    let reports: Vec<&Value> = statements.body["statements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["quote"].as_str().unwrap().contains("fishermen"))
        .collect();
    assert_eq!(reports.len(), 3, "{}", statements.body);
    let ids: std::collections::HashSet<i64> = reports
        .iter()
        .map(|s| s["quote_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 1, "every report carries the one quote");
    assert!(
        reports.iter().all(|s| s["reports"] == 3),
        "{}",
        statements.body
    );
    assert_eq!(first["statements"][0]["reports"], 1, "{first}");
    // The quote listing as files: every quote once, in a stable shape.
    let (status, kind, csv) = download(&app, "/v1/quotes?person=Ana+Lopes", Some("text/csv")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/csv"), "{kind}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, whosaid::http::export::QUOTE_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), list.len(), "{csv}");
    let row = rows
        .iter()
        .find(|r| r[4].contains("fishermen"))
        .expect("the quote");
    assert_eq!(&row[5], "3");
    assert_eq!(&row[11], "Early");
    let (_, _, lines) = download(&app, "/v1/quotes?person=Ana+Lopes&format=ndjson", None).await;
    let ids: Vec<i64> = lines
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    let listed: Vec<i64> = list.iter().map(|q| q["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, listed);
    app.cleanup().await;
}

#[tokio::test]
async fn a_headline_repeated_in_its_own_article_is_stored_once() {
    let app = TestApp::spawn().await;
    let Some(seed) = shared_case("000_7693a20b08c53fd9.txt") else {
        return;
    };
    // The scraped page shows its headline twice, and the extractor reads it twice.
    let headline = "Alliance did not promise Ukraine membership";
    assert_eq!(seed.matches(headline).count(), 2);
    let article = post(
        &app,
        "https://euromaidanpress.example/nato-chief",
        "Euromaidan Press",
        "2025-02-13",
        &seed,
    )
    .await;
    let stored = texts(&article["statements"])
        .iter()
        .filter(|t| t.contains(headline))
        .count();
    assert_eq!(stored, 1, "{article}");
    app.cleanup().await;
}

#[tokio::test]
async fn stats_count_for_any_filter() {
    let app = TestApp::spawn().await;
    if newsroom(&app).await.is_none() {
        return;
    }
    let timeline = app
        .get("/v1/stats/timeline?person=Rutte&from=2025-01-01&to=2025-04-30&interval=month")
        .await;
    assert_eq!(timeline.status, StatusCode::OK, "{}", timeline.body);
    let buckets: Vec<(String, i64)> = timeline.body["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["period"].as_str().unwrap().to_string(),
                b["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        buckets.iter().map(|b| b.0.as_str()).collect::<Vec<_>>(),
        ["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"]
    );
    assert_eq!(buckets[0].1, 0);
    assert!(buckets[1].1 >= 7, "{buckets:?}");
    assert_eq!(buckets[3].1, 0);
    let week = app
        .get("/v1/stats/timeline?from=2025-02-09&to=2025-02-16&interval=week")
        .await;
    assert_eq!(
        week.body["buckets"][0]["period"], "2025-02-03",
        "weeks start on Monday"
    );
    let top = app.get("/v1/stats/speakers?limit=2").await;
    assert_eq!(top.body["ranked"][0]["name"], "Mark Rutte", "{}", top.body);
    let orgs = app.get("/v1/stats/organizations").await;
    assert_eq!(orgs.body["ranked"][0]["name"], "NATO", "{}", orgs.body);
    let bad = app.get("/v1/stats/timeline?interval=year").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    app.cleanup().await;
}

/// Timelines and top speakers for speakers and dates come from the `speaker_days`
/// rollup, or `speaker_months` for whole months; every kind named forces the count over
/// statements, which must agree.
#[tokio::test]
async fn rollups_agree_with_counting_statements() {
    let app = TestApp::spawn().await;
    if newsroom(&app).await.is_none() {
        return;
    }
    let all_kinds = "kind=direct,indirect,mixed";
    for filter in [
        "",
        "person=Rutte",
        "organization=NATO",
        "from=2025-02-01&to=2025-02-28",
        "person=Rutte&from=2025-01-01",
        "from=2025-02-10&to=2025-02-20",
    ] {
        let sum = |body: &Value| -> i64 {
            body["buckets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["count"].as_i64().unwrap())
                .sum()
        };
        for interval in ["month", "day"] {
            let rolled = app
                .get(&format!("/v1/stats/timeline?{filter}&interval={interval}"))
                .await;
            let counted = app
                .get(&format!(
                    "/v1/stats/timeline?{filter}&{all_kinds}&interval={interval}"
                ))
                .await;
            assert_eq!(rolled.status, StatusCode::OK, "{}", rolled.body);
            assert_eq!(
                rolled.body["buckets"], counted.body["buckets"],
                "{filter} {interval}"
            );
        }
        let rolled = app
            .get(&format!("/v1/stats/timeline?{filter}&interval=day"))
            .await;
        let total = app
            .get(&format!("/v1/statements?{filter}&count=true"))
            .await;
        assert_eq!(
            sum(&rolled.body),
            total.body["total"].as_i64().unwrap(),
            "{filter}"
        );
        assert!(sum(&rolled.body) > 0, "{filter}");
        for route in ["speakers", "organizations"] {
            let rolled = app.get(&format!("/v1/stats/{route}?{filter}")).await;
            let counted = app
                .get(&format!("/v1/stats/{route}?{filter}&{all_kinds}"))
                .await;
            assert_eq!(
                rolled.body["ranked"], counted.body["ranked"],
                "{route} {filter}"
            );
        }
    }
    app.cleanup().await;
}

async fn download(app: &TestApp, uri: &str, accept: Option<&str>) -> (StatusCode, String, String) {
    let mut request = Request::get(uri);
    if let Some(accept) = accept {
        request = request.header(header::ACCEPT, accept);
    }
    let response = app.send_raw(request.body(Body::empty()).unwrap()).await;
    let status = response.status();
    let kind = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, kind, String::from_utf8(bytes.to_vec()).unwrap())
}

/// The wire story stored, and its statements copied `copies` times in SQL (each copy with
/// its own words and a date up to 400 days earlier).
async fn wire_statements(app: &TestApp, copies: i32) {
    post(
        app,
        "https://wire.example/harbour",
        "Wire",
        "2024-05-06",
        WIRE,
    )
    .await;
    sqlx::query(
        "INSERT INTO statements (article_id, person_id, organization_id, speaker_kind, speaker_name, role, mention,
             mention_start, mention_end, kind, quote, content_spans, quote_start, quote_end, cue, cue_start, cue_end,
             sentence, sentence_start, sentence_end, said_on, date_basis, confidence, extractor_version, quote_id)
         SELECT article_id, person_id, organization_id, speaker_kind, speaker_name, role, mention, mention_start,
             mention_end, kind, quote || ' ' || g, content_spans, quote_start, quote_end, cue, cue_start, cue_end,
             sentence, sentence_start, sentence_end, said_on - (g % 400), date_basis, confidence, extractor_version, quote_id
         FROM statements, generate_series(1, $1) g",
    )
    .bind(copies)
    .execute(&app.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn exports_stream_every_row_in_a_stable_shape() {
    let app = TestApp::spawn().await;
    // Fifty thousand statements to stream through.
    wire_statements(&app, 50_000).await;
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM statements")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (status, kind, csv) = download(&app, "/v1/statements?format=csv", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind, "text/csv; charset=utf-8");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        whosaid::http::export::STATEMENT_COLUMNS.to_vec()
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len() as i64, total);
    let days: Vec<&str> = rows.iter().map(|r| r.get(1).unwrap()).collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert!(rows
        .iter()
        .any(|r| r.get(10).unwrap().contains("fishermen")));

    let (_, kind, ndjson) = download(
        &app,
        "/v1/statements?person=Ana+Lopes&kind=direct",
        Some("application/x-ndjson"),
    )
    .await;
    assert_eq!(kind, "application/x-ndjson");
    let lines: Vec<Value> = ndjson
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty());
    assert!(lines
        .iter()
        .all(|s| s["speaker"]["name"] == "Ana Lopes" && s["kind"] == "direct"));
    let (_, _, empty) = download(&app, "/v1/statements?from=2030-01-01&format=csv", None).await;
    assert_eq!(empty.lines().count(), 1, "the header alone");
    let bad = app.get("/v1/statements?format=xml").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    app.cleanup().await;
}

#[tokio::test]
async fn an_export_left_unread_holds_only_its_own_slot() {
    // Four connections: one export at a time.
    let settings = whosaid::config::Settings {
        max_connections: 4,
        ..Default::default()
    };
    let app = TestApp::with_settings(settings).await;
    wire_statements(&app, 10_000).await;
    let export = || {
        Request::get("/v1/statements?format=csv")
            .body(Body::empty())
            .unwrap()
    };
    // A client that starts a large download and stops reading: its export stalls on a full
    // channel, holding the one slot.
    let stalled = app.send_raw(export()).await;
    assert_eq!(stalled.status(), StatusCode::OK);
    // Short queries are still answered.
    let listing = app.get("/v1/statements?limit=5").await;
    assert_eq!(listing.status, StatusCode::OK);
    // A second export waits for the slot: nothing of it arrives while the first holds it.
    let waiting = app.send_raw(export()).await;
    let mut body = waiting.into_body();
    let early = tokio::time::timeout(std::time::Duration::from_millis(500), body.frame()).await;
    assert!(early.is_err(), "the second export ran beside the first");
    // Once the first client goes, the second gets every row.
    drop(stalled);
    let bytes = body.collect().await.unwrap().to_bytes();
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM statements")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let rows = csv::Reader::from_reader(&bytes[..]).records().count();
    assert_eq!(rows as i64, total);
    app.cleanup().await;
}

#[tokio::test]
async fn two_servers_on_one_database_group_alike() {
    let app = TestApp::spawn().await;
    let other = app.another_server().await;
    // The same wire story reaches both servers at once, under two URLs, twenty times over.
    let mut tasks = Vec::new();
    for n in 0..20 {
        for (i, router) in [app.router.clone(), other.clone()].into_iter().enumerate() {
            let body = json!({"text": WIRE.replace("next week", &format!("next week ({n})")), "url": format!("https://site{i}.example/{n}"),
                              "published_at": "2024-05-06"});
            tasks.push(tokio::spawn(async move {
                let request = Request::post("/v1/articles")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body.to_string()))
                    .unwrap();
                tower::ServiceExt::oneshot(router, request)
                    .await
                    .unwrap()
                    .status()
            }));
        }
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), StatusCode::CREATED);
    }
    let quotes: Vec<(String, i32)> =
        sqlx::query_as("SELECT q.words, q.reports FROM quotes q WHERE q.words LIKE '%fishermen%'")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0].1, 40);
    let people: i64 = sqlx::query_scalar("SELECT count(*) FROM people WHERE name = 'Ana Lopes'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(people, 1);
    let counted: i64 =
        sqlx::query_scalar("SELECT statement_count FROM people WHERE name = 'Ana Lopes'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let actual: i64 = sqlx::query_scalar("SELECT count(*) FROM statements s JOIN people p ON p.id = s.person_id WHERE p.name = 'Ana Lopes'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        counted, actual,
        "the kept count is exact under concurrent writers"
    );
    app.cleanup().await;
}
