//! The seed article's expectations (`../shared/cases/000_*.expected.json`), checked
//! through the HTTP API: what must be extracted, what must not be credited to a person,
//! who is one person, and what each query must find.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{enc, shared_case, TestApp};

const CASE: &str = "000_7693a20b08c53fd9";

/// Lower case with hyphens as spaces: "Secretary-General" and "secretary general" agree.
fn loose(s: &str) -> String {
    s.to_lowercase().replace(['-', '‐'], " ")
}

fn speaker_name(st: &Value) -> &str {
    st["speaker"]["name"].as_str().unwrap_or("")
}

async fn ingest_seed(app: &TestApp) -> Option<(Value, Value)> {
    let expected: Value =
        serde_json::from_str(&shared_case(&format!("{CASE}.expected.json"))?).unwrap();
    let meta = &expected["article"];
    let text = shared_case(meta["text_file"].as_str().unwrap())?;
    let reply = app
        .post_article(&json!({
            "text": text,
            "title": meta["title"],
            "source": meta["source"],
            "published_at": meta["published_at"],
        }))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    Some((expected, reply.body))
}

#[tokio::test]
async fn seed_article_yields_every_expected_statement() {
    let app = TestApp::spawn().await;
    let Some((expected, article)) = ingest_seed(&app).await else {
        return;
    };
    let statements = article["statements"].as_array().unwrap();
    for want in expected["must_extract"].as_array().unwrap() {
        let contains = want["contains"].as_str().unwrap();
        let found = statements
            .iter()
            .find(|st| st["quote"].as_str().unwrap_or("").contains(contains))
            .unwrap_or_else(|| panic!("no statement contains {contains:?}"));
        let context = format!("statement {found:#}\nexpected {want}");
        assert_eq!(speaker_name(found), want["speaker"], "{context}");
        assert_eq!(found["speaker"]["kind"], "person", "{context}");
        assert_eq!(found["kind"], want["kind"], "{context}");
        assert_eq!(
            loose(found["cue"]["text"].as_str().unwrap_or("")),
            loose(want["cue"].as_str().unwrap()),
            "{context}"
        );
        assert_eq!(found["said_on"], want["said_on"], "{context}");
        if let Some(org) = want["organization"].as_str() {
            assert_eq!(found["speaker"]["organization"]["name"], org, "{context}");
        }
        if let Some(role) = want["role"].as_str() {
            assert_eq!(
                loose(found["speaker"]["role"].as_str().unwrap_or("")),
                loose(role),
                "{context}"
            );
        }
        // Provenance: the offsets point at the quote in the stored text.
        let text: Vec<char> = article["text"].as_str().unwrap().chars().collect();
        for span in found["content_spans"].as_array().unwrap() {
            let (s, e) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                text[s..e].iter().collect::<String>(),
                span["text"].as_str().unwrap()
            );
        }
    }
    app.cleanup().await;
}

#[tokio::test]
async fn seed_article_boilerplate_is_nobodys_statement() {
    let app = TestApp::spawn().await;
    let Some((expected, article)) = ingest_seed(&app).await else {
        return;
    };
    for phrase in expected["must_not_attribute_to_a_person"]
        .as_array()
        .unwrap()
    {
        let phrase = phrase.as_str().unwrap();
        for st in article["statements"].as_array().unwrap() {
            let touches = st["quote"].as_str().unwrap_or("").contains(phrase)
                || st["sentence"]["text"]
                    .as_str()
                    .unwrap_or("")
                    .contains(phrase);
            assert!(
                !(touches && st["speaker"]["kind"] == "person"),
                "{phrase:?} attributed to a person: {st:#}"
            );
        }
    }
    app.cleanup().await;
}

#[tokio::test]
async fn seed_article_names_resolve_to_one_person() {
    let app = TestApp::spawn().await;
    let Some((expected, article)) = ingest_seed(&app).await else {
        return;
    };
    for group in expected["same_person"].as_array().unwrap() {
        let canonical = group[0].as_str().unwrap();
        let speaks = article["statements"]
            .as_array()
            .unwrap()
            .iter()
            .any(|st| speaker_name(st) == canonical);
        if !speaks {
            continue; // only speakers are stored as people
        }
        // Every name form of the group that is a name (not a role) finds that one person.
        for form in group.as_array().unwrap().iter().filter_map(Value::as_str) {
            let form_words: Vec<&str> = form.split_whitespace().collect();
            let is_name = form_words
                .iter()
                .all(|w| canonical.split_whitespace().any(|c| c == *w));
            if !is_name {
                continue;
            }
            let reply = app
                .get(&format!("/v1/statements?person={}", enc(form)))
                .await;
            let people: std::collections::BTreeSet<String> = reply.body["statements"]
                .as_array()
                .unwrap()
                .iter()
                .map(|st| speaker_name(st).to_string())
                .collect();
            assert_eq!(
                people.into_iter().collect::<Vec<_>>(),
                vec![canonical.to_string()],
                "person={form}"
            );
        }
        let found = app.get(&format!("/v1/people?q={}", enc(canonical))).await;
        let person = &found.body["people"][0];
        assert_eq!(person["name"], canonical);
        let detail = app.get(&format!("/v1/people/{}", person["id"])).await;
        let aliases = detail.body["aliases"].as_array().unwrap();
        assert!(aliases.iter().any(|a| a == canonical), "{}", detail.body);
        assert!(detail.body["statement_count"].as_i64().unwrap() >= 1);
    }
    app.cleanup().await;
}

#[tokio::test]
async fn seed_article_queries_find_what_they_must() {
    let app = TestApp::spawn().await;
    let Some((expected, _)) = ingest_seed(&app).await else {
        return;
    };
    for query in expected["queries"].as_array().unwrap() {
        let filters = query["filters"].as_object().unwrap();
        let qs: Vec<String> = filters
            .iter()
            .map(|(k, v)| format!("{k}={}", enc(v.as_str().unwrap())))
            .collect();
        let found = app.all_statements(&qs.join("&"), 50).await;
        let quotes: Vec<&str> = found
            .iter()
            .map(|st| st["quote"].as_str().unwrap())
            .collect();
        let speakers: Vec<&str> = found.iter().map(speaker_name).collect();
        let context = format!("{query}\nquotes {quotes:#?}\nspeakers {speakers:?}");
        for want in query["must_return_containing"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let want = want.as_str().unwrap();
            assert!(
                quotes.iter().any(|q| q.contains(want)),
                "missing {want:?}: {context}"
            );
        }
        for not in query["must_not_return_containing"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let not = not.as_str().unwrap();
            assert!(
                !quotes.iter().any(|q| q.contains(not)),
                "unwanted {not:?}: {context}"
            );
        }
        for want in query["must_return_speaker"]
            .as_array()
            .into_iter()
            .flatten()
        {
            assert!(
                speakers.contains(&want.as_str().unwrap()),
                "missing speaker {want}: {context}"
            );
        }
        for not in query["must_not_return_speaker"]
            .as_array()
            .into_iter()
            .flatten()
        {
            assert!(
                !speakers.contains(&not.as_str().unwrap()),
                "unwanted speaker {not}: {context}"
            );
        }
    }
    app.cleanup().await;
}
