//! `GET /v1/statements` (filtered, ranked or by date, paged or exported) and
//! `GET /v1/statements/{id}`.

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::error::{ApiError, ErrorBody};
use super::export::{self, Format};
use super::extractors::{ApiQuery, IdPath};
use super::params::{self, decode_cursor, encode_cursor};
use super::AppState;
use crate::db::organizations::OrganizationSummary;
use crate::db::people::PersonSummary;
use crate::db::statements::{self, Order, Place, StatementView};
use crate::search::{self, Suggestion};

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;

crate::listing_params! {
    /// Filters for listing statements (all optional, all combined), order, paging, format.
    StatementParams {
        /// `relevance` (best match first, among the newest 300 matches; the default with
        /// `q`) or `date` (newest `said_on` first; the default otherwise).
        #[param(pattern = r"^\s*(relevance|date)\s*$")]
        sort,
        /// Page size, 1 to 500 (default 50).
        #[param(pattern = r"^\s*[0-9]{1,3}\s*$")]
        limit,
        /// `next_cursor` from the previous page.
        #[param(max_length = 120)]
        cursor,
        /// `true` to include `total`, the number of matching statements.
        #[param(pattern = r"^\s*(true|false|1|0|yes|no)?\s*$")]
        count,
        /// `json` (default, paged), or `csv` / `ndjson`: every matching statement, newest
        /// first, streamed (also chosen by `Accept: text/csv` or `application/x-ndjson`).
        #[param(pattern = r"^\s*(json|csv|ndjson)\s*$")]
        format,
    }
}

/// A page of statements, with what the names were understood as.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementPage {
    pub statements: Vec<StatementView>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
    /// Matching statements in all, with `count=true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    /// The people the `person` filter was understood as.
    pub people: Vec<PersonSummary>,
    /// The organisations the `organization` filter was understood as.
    pub organizations: Vec<OrganizationSummary>,
    /// Other readings of an ambiguous name, or near misses for one that matched nobody.
    pub suggestions: Vec<Suggestion>,
}

/// The order asked for, from `sort` and the cursor.
pub fn order(sort: Option<&str>, has_topic: bool, cursor: Option<&str>) -> Result<Order, ApiError> {
    let relevance = match sort.map(str::trim) {
        None | Some("") => has_topic,
        Some("relevance") if has_topic => true,
        Some("relevance") => return Err(ApiError::parameter("sort: relevance needs a topic (q)")),
        Some("date") => false,
        Some(other) => {
            return Err(ApiError::parameter(format!(
                "sort: must be relevance or date, not {:?}",
                crate::echo::truncate(other, 20)
            )))
        }
    };
    let place = cursor.map(decode_cursor).transpose()?;
    let bad =
        || ApiError::parameter("cursor: not a cursor of this listing; start again without it");
    let parts: Option<Vec<&str>> = place.as_deref().map(|p| p.split('/').collect());
    Ok(match (relevance, parts.as_deref()) {
        (false, None) => Order::Date { after: None },
        (true, None) => Order::Relevance { after: None },
        (false, Some(["d", date, id])) => Order::Date {
            after: Some((
                date.parse().map_err(|_| bad())?,
                id.parse().map_err(|_| bad())?,
            )),
        },
        (true, Some(["r", rank, date, id])) => Order::Relevance {
            after: Some((
                rank.parse().map_err(|_| bad())?,
                date.parse::<NaiveDate>().map_err(|_| bad())?,
                id.parse().map_err(|_| bad())?,
            )),
        },
        _ => return Err(bad()),
    })
}

fn cursor_after(order: Order, last: &Place) -> String {
    match order {
        Order::Date { .. } => encode_cursor(&format!("d/{}/{}", last.said_on, last.id)),
        Order::Relevance { .. } => {
            encode_cursor(&format!("r/{}/{}/{}", last.rank, last.said_on, last.id))
        }
    }
}

/// Statements: newest first, or best match first with a topic; filtered, paged, counted
/// on request, or exported whole as CSV or NDJSON.
#[utoipa::path(
    get, path = "/v1/statements", tag = "statements",
    params(StatementParams),
    responses(
        (status = 200, description = "A page of statements (or, with format=csv/ndjson, all of them)", body = StatementPage),
        (status = 400, description = "A parameter is invalid (bad date, from after to, bad limit, sort or cursor, unknown parameter, too long)", body = ErrorBody),
        (status = 414, description = "The request target is longer than 8 KiB", body = ErrorBody),
        (status = 503, description = "The database is unreachable", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<StatementParams>,
) -> Result<Response, ApiError> {
    let wanted = params.wanted()?;
    let format = Format::chosen(params.format.as_deref(), headers.get(header::ACCEPT))?;
    let limit = params::limit(params.limit.as_deref(), DEFAULT_LIMIT, MAX_LIMIT)?;
    let count = params::flag("count", params.count.as_deref())?;
    let resolved = search::resolve(&state.pool, &wanted, false).await?;
    if format != Format::Json {
        return Ok(export::statements(
            state.pool.clone(),
            resolved.filter,
            format,
        ));
    }
    let order = order(
        params.sort.as_deref(),
        resolved.filter.topic.is_some(),
        params.cursor.as_deref(),
    )?;
    let page = one_page(&state, &resolved, order, limit, count).await?;
    Ok(Json(page).into_response())
}

/// A page of statements for a resolved request (one row more than asked tells whether
/// another page exists).
pub async fn one_page(
    state: &AppState,
    resolved: &search::Resolved,
    order: Order,
    limit: i64,
    count: bool,
) -> Result<StatementPage, ApiError> {
    let (mut statements, places) =
        statements::page(&state.pool, &resolved.filter, order, limit + 1).await?;
    let next_cursor = if statements.len() as i64 > limit {
        statements.truncate(limit as usize);
        places
            .get(limit as usize - 1)
            .map(|last| cursor_after(order, last))
    } else {
        None
    };
    let total = if count {
        Some(statements::count(&state.pool, &resolved.filter).await?)
    } else {
        None
    };
    Ok(StatementPage {
        statements,
        next_cursor,
        total,
        people: resolved.people.clone(),
        organizations: resolved.organizations.clone(),
        suggestions: resolved.suggestions.clone(),
    })
}

/// One statement.
#[utoipa::path(
    get, path = "/v1/statements/{id}", tag = "statements",
    params(("id" = i64, Path, minimum = 1, description = "Statement id")),
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
    fn cursors_belong_to_their_order() {
        let last = Place {
            id: 42,
            said_on: NaiveDate::from_ymd_opt(2025, 2, 13).unwrap(),
            rank: 0.5,
        };
        let date = cursor_after(Order::Date { after: None }, &last);
        assert_eq!(
            order(None, false, Some(&date)).unwrap(),
            Order::Date {
                after: Some((last.said_on, 42))
            }
        );
        assert!(
            order(None, true, Some(&date)).is_err(),
            "a date cursor is no relevance cursor"
        );
        let rank = cursor_after(Order::Relevance { after: None }, &last);
        assert_eq!(
            order(None, true, Some(&rank)).unwrap(),
            Order::Relevance {
                after: Some((0.5, last.said_on, 42))
            }
        );
        assert!(order(Some("relevance"), false, None).is_err());
        assert!(order(Some("newest"), false, None).is_err());
    }
}
