//! `GET /v1/ask?q=`: a question in plain English, answered with statements and with
//! what was understood, so the user sees (and can correct) the reading.

use axum::extract::State;
use axum::Json;
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, ErrorBody};
use super::extractors::ApiQuery;
use super::params;
use super::statements::{one_page, DEFAULT_LIMIT, MAX_LIMIT};
use super::AppState;
use crate::ask;
use crate::db::statements::{Order, StatementView};
use crate::db::EntityRef;
use crate::search::{self, Kind, Suggestion, Wanted};

/// Longest accepted question.
const MAX_QUESTION: usize = 500;
/// Longest run of words tried as one name ("Vladimir Vladimirovich Putin").
const MAX_NAME_WORDS: usize = 4;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AskParams {
    /// The question: "what did Rutte say about membership", "Hegseth quotes last week",
    /// "who said 'unrealistic'", "statements about Ukraine between 1 and 15 February".
    #[param(min_length = 1, max_length = 500)]
    pub q: Option<String>,
    /// Page size, 1 to 500 (default 50).
    #[param(pattern = r"^\s*[0-9]{1,3}\s*$")]
    pub limit: Option<String>,
}

/// How the question was read.
#[derive(Debug, Serialize, ToSchema)]
pub struct Interpreted {
    pub people: Vec<EntityRef>,
    pub organizations: Vec<EntityRef>,
    /// Topic words, searched with stemming.
    pub topic: Option<String>,
    /// Quoted words, searched as a phrase.
    pub phrase: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub kind: Option<String>,
    /// Names in the question that matched nobody.
    pub unknown: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Answer {
    pub interpreted: Interpreted,
    pub statements: Vec<StatementView>,
    /// Other readings of ambiguous names, near misses for unknown ones.
    pub suggestions: Vec<Suggestion>,
}

/// Ask a question; the answer shows how it was understood.
#[utoipa::path(
    get, path = "/v1/ask", tag = "statements", params(AskParams),
    responses(
        (status = 200, body = Answer),
        (status = 400, description = "No question, or one too long, or a bad limit", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn ask(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<AskParams>,
) -> Result<Json<Answer>, ApiError> {
    let question = params::text("q", params.q.as_deref())?.ok_or_else(|| {
        ApiError::parameter("q: ask a question, e.g. \"what did Rutte say about membership\"")
    })?;
    if question.chars().count() > MAX_QUESTION {
        return Err(ApiError::parameter(format!(
            "q: longer than {MAX_QUESTION} characters"
        )));
    }
    let limit = params::limit(params.limit.as_deref(), DEFAULT_LIMIT, MAX_LIMIT)?;
    let parsed = ask::parse(&question, Utc::now().date_naive());
    let mut unknown = Vec::new();
    let mut speakers = parsed.speakers.clone();
    for name in &parsed.speakers {
        if search::recognise(&state.pool, name, Kind::Either, true)
            .await?
            .is_empty()
        {
            unknown.push(name.clone());
        }
    }
    // Loose words: the longest known name from the start, then the rest is the topic.
    let mut topic = parsed.topic.clone();
    let (names, rest) = split_loose(&state, &parsed.loose).await?;
    speakers.extend(names);
    topic.extend(rest);
    let mut q = topic.join(" ");
    if let Some(phrase) = &parsed.phrase {
        q = format!("{q} \"{}\"", phrase.replace('"', " "))
            .trim()
            .to_string();
    }
    let wanted = Wanted {
        speakers,
        from: parsed.from,
        to: parsed.to,
        q: (!q.is_empty()).then_some(q),
        kinds: parsed.kinds.iter().map(|k| k.to_string()).collect(),
        ..Wanted::default()
    };
    let resolved = search::resolve(&state.pool, &wanted, true).await?;
    let order = if resolved.filter.topic.is_some() {
        Order::Relevance { after: None }
    } else {
        Order::Date { after: None }
    };
    let page = one_page(&state, &resolved, order, limit, false).await?;
    let entity = |id: i64, name: &str| EntityRef {
        id,
        name: name.to_string(),
    };
    Ok(Json(Answer {
        interpreted: Interpreted {
            people: resolved
                .people
                .iter()
                .map(|p| entity(p.id, &p.name))
                .collect(),
            organizations: resolved
                .organizations
                .iter()
                .map(|o| entity(o.id, &o.name))
                .collect(),
            topic: (!topic.is_empty()).then(|| topic.join(" ")),
            phrase: parsed.phrase,
            from: parsed.from,
            to: parsed.to,
            kind: parsed.kinds.first().map(|k| k.to_string()),
            unknown,
        },
        statements: page.statements,
        suggestions: page.suggestions,
    }))
}

/// Splits loose words into the names they start with (longest known first) and the rest.
async fn split_loose(
    state: &AppState,
    loose: &[String],
) -> Result<(Vec<String>, Vec<String>), ApiError> {
    let mut names = Vec::new();
    let mut start = 0;
    'outer: while start < loose.len() {
        for len in (1..=MAX_NAME_WORDS.min(loose.len() - start)).rev() {
            let candidate = loose[start..start + len].join(" ");
            if !search::recognise(&state.pool, &candidate, Kind::Either, false)
                .await?
                .is_empty()
            {
                names.push(candidate);
                start += len;
                continue 'outer;
            }
        }
        break;
    }
    Ok((names, loose[start..].to_vec()))
}
