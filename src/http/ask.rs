//! `GET /v1/ask?q=`: a question in plain English, answered with statements and with
//! what was understood, so the user sees (and can correct) the reading.

use axum::extract::State;
use axum::Json;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, ErrorBody};
use super::extractors::ApiQuery;
use super::params;
use super::statements::{one_page, DEFAULT_LIMIT, MAX_LIMIT};
use super::AppState;
use crate::db::statements::{Order, StatementView};
use crate::search::{self, Interpreted, Suggestion};

/// Longest accepted question.
const MAX_QUESTION: usize = 500;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AskParams {
    /// The question: "what did Rutte say about membership", "Hegseth quotes last week",
    /// "who said 'unrealistic'", "statements about Ukraine between 1 and 15 February".
    // The pattern is `submission::not_blank_pattern()` (a test keeps them equal): the
    // derive takes only a literal.
    #[param(
        max_length = 500,
        pattern = r"^[^\x00]*[^\x00\t\n\x0B\x0C\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][^\x00]*$"
    )]
    pub q: String,
    /// Page size, 1 to 500 (default 50).
    #[param(pattern = r"^(|[1-9][0-9]?|[1-4][0-9]{2}|500)$")]
    pub limit: Option<String>,
}

/// A question no longer than [`MAX_QUESTION`] characters (the API's and the page's limit).
pub fn check_length(question: &str) -> Result<(), ApiError> {
    if question.chars().count() > MAX_QUESTION {
        return Err(ApiError::parameter(format!(
            "q: longer than {MAX_QUESTION} characters"
        )));
    }
    Ok(())
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
    let question = params::text("q", Some(&params.q))?.ok_or_else(|| {
        ApiError::parameter("q: ask a question, e.g. \"what did Rutte say about membership\"")
    })?;
    check_length(&question)?;
    let limit = params::limit(params.limit.as_deref(), DEFAULT_LIMIT, MAX_LIMIT)?;
    let understood = search::understand(&state.pool, &question, Utc::now().date_naive()).await?;
    let order = if understood.resolved.filter.topic.is_some() {
        Order::Relevance { after: None }
    } else {
        Order::Date { after: None }
    };
    let page = one_page(&state, &understood.resolved, order, limit, false).await?;
    Ok(Json(Answer {
        interpreted: understood.interpreted,
        statements: page.statements,
        suggestions: page.suggestions,
    }))
}

#[cfg(test)]
mod tests {
    use utoipa::IntoParams;

    #[test]
    fn the_question_pattern_is_the_submission_text_pattern() {
        let params = super::AskParams::into_params(|| None);
        let q = serde_json::to_value(&params[0]).unwrap();
        assert_eq!(q["name"], "q");
        assert_eq!(q["required"], true);
        assert_eq!(
            q["schema"]["pattern"],
            crate::ingest::submission::not_blank_pattern()
        );
    }
}
