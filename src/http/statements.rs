//! `GET /v1/statements` (filtered, paged) and `GET /v1/statements/{id}`.

use axum::extract::State;
use axum::Json;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, ErrorBody};
use super::extractors::{ApiQuery, IdPath};
use super::AppState;
use crate::db::statements::{self, Filter, StatementView};
use crate::echo::truncate;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;
/// Longest accepted text parameter; names and topics are far shorter.
const MAX_PARAM: usize = 500;

/// Filters for listing statements; all optional, all combinable.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StatementParams {
    /// A person's name as you would type it: "Rutte", "rutte" and "Mark Rutte" all
    /// find Mark Rutte. Matched on whole words, never as a pattern.
    pub person: Option<String>,
    /// A person's id.
    pub person_id: Option<String>,
    /// An organisation's name or id: statements by it and by people speaking for it.
    pub organization: Option<String>,
    /// Earliest `said_on` (inclusive), YYYY-MM-DD.
    pub from: Option<String>,
    /// Latest `said_on` (inclusive), YYYY-MM-DD.
    pub to: Option<String>,
    /// Topic words, matched with English stemming ("membership", "peace talks");
    /// any text is accepted, "quoted phrases", `or` and `-word` work as in web search.
    pub q: Option<String>,
    /// `direct`, `indirect` or `mixed`.
    pub kind: Option<String>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<String>,
    /// `next_cursor` from the previous page.
    pub cursor: Option<String>,
}

/// A page of statements.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementPage {
    pub statements: Vec<StatementView>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

fn text_param(name: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(value) = value else { return Ok(None) };
    if value.chars().count() > MAX_PARAM {
        return Err(ApiError::parameter(format!(
            "{name}: longer than {MAX_PARAM} characters"
        )));
    }
    if value.contains('\0') {
        return Err(ApiError::parameter(format!(
            "{name}: contains a NUL character"
        )));
    }
    let value = value.trim();
    Ok((!value.is_empty()).then(|| value.to_string()))
}

fn date_param(name: &str, value: Option<String>) -> Result<Option<NaiveDate>, ApiError> {
    let Some(value) = value else { return Ok(None) };
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            ApiError::parameter(format!(
                "{name}: must be a date like 2025-02-13, not {:?}",
                truncate(&value, 40)
            ))
        })
}

fn id_param(name: &str, value: &str) -> Result<i64, ApiError> {
    value
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| {
            ApiError::parameter(format!(
                "{name}: must be a positive integer, not {:?}",
                truncate(value, 40)
            ))
        })
}

/// The cursor is the last row's (said_on, id), hex-encoded so clients treat it as opaque.
pub fn encode_cursor(said_on: NaiveDate, id: i64) -> String {
    format!("{said_on}/{id}")
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn decode_cursor(cursor: &str) -> Option<(NaiveDate, i64)> {
    if cursor.len() % 2 != 0 || cursor.len() > 80 {
        return None;
    }
    let bytes = (0..cursor.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(cursor.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    let text = String::from_utf8(bytes).ok()?;
    let (date, id) = text.split_once('/')?;
    Some((
        NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?,
        id.parse().ok()?,
    ))
}

impl StatementParams {
    /// Validates every parameter into a database filter.
    pub fn into_filter(self) -> Result<Filter, ApiError> {
        let limit = match self.limit {
            None => DEFAULT_LIMIT,
            Some(raw) => raw
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| {
                    ApiError::parameter(format!(
                        "limit: must be an integer from 1 to {MAX_LIMIT}, not {:?}",
                        truncate(&raw, 40)
                    ))
                })?,
        };
        let from = date_param("from", self.from)?;
        let to = date_param("to", self.to)?;
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                return Err(ApiError::parameter(format!(
                    "from ({from}) is after to ({to})"
                )));
            }
        }
        let kind = text_param("kind", self.kind)?;
        if let Some(kind) = &kind {
            if !["direct", "indirect", "mixed"].contains(&kind.as_str()) {
                return Err(ApiError::parameter(format!(
                    "kind: must be direct, indirect or mixed, not {:?}",
                    truncate(kind, 40)
                )));
            }
        }
        let after = match self.cursor {
            None => None,
            Some(raw) => Some(decode_cursor(raw.trim()).ok_or_else(|| {
                ApiError::parameter(
                    "cursor: not a cursor this server gave out; start again without it",
                )
            })?),
        };
        let (organization_id, organization) = match text_param("organization", self.organization)? {
            Some(org) if org.bytes().all(|b| b.is_ascii_digit()) => {
                (Some(id_param("organization", &org)?), None)
            }
            other => (None, other),
        };
        let person_id = self
            .person_id
            .as_deref()
            .map(|raw| id_param("person_id", raw))
            .transpose()?;
        Ok(Filter {
            person: text_param("person", self.person)?,
            person_id,
            organization_id,
            organization,
            from,
            to,
            q: text_param("q", self.q)?,
            kind,
            after,
            limit,
            ..Filter::default()
        })
    }
}

/// Statements, newest `said_on` first, filtered and paged.
#[utoipa::path(
    get, path = "/v1/statements", tag = "statements",
    params(StatementParams),
    responses(
        (status = 200, body = StatementPage),
        (status = 400, description = "A parameter is invalid (bad date, from after to, bad limit or cursor, unknown parameter, too long)", body = ErrorBody),
        (status = 414, description = "The request target is longer than 8 KiB", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<StatementParams>,
) -> Result<Json<StatementPage>, ApiError> {
    let mut filter = params.into_filter()?;
    let limit = filter.limit;
    // One row more than asked tells whether another page exists.
    filter.limit += 1;
    let mut statements = statements::list(&state.pool, &filter).await?;
    let next_cursor = if statements.len() as i64 > limit {
        statements.truncate(limit as usize);
        statements.last().map(|s| encode_cursor(s.said_on, s.id))
    } else {
        None
    };
    Ok(Json(StatementPage {
        statements,
        next_cursor,
    }))
}

/// One statement.
#[utoipa::path(
    get, path = "/v1/statements/{id}", tag = "statements",
    params(("id" = i64, Path, description = "Statement id")),
    responses(
        (status = 200, body = StatementView),
        (status = 400, description = "id is not a positive integer", body = ErrorBody),
        (status = 404, description = "No such statement", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    IdPath(id): IdPath,
) -> Result<Json<StatementView>, ApiError> {
    statements::get(&state.pool, id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found("statement", id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let date = NaiveDate::from_ymd_opt(2025, 2, 13).unwrap();
        assert_eq!(decode_cursor(&encode_cursor(date, 42)), Some((date, 42)));
        for bad in ["", "zz", "abc", "6162", "é1"] {
            assert_eq!(decode_cursor(bad), None, "{bad:?}");
        }
    }
}
